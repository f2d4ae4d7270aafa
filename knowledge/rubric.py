"""The interview scorecard's rubric, built from the guide: competencies per role with an anchor for each score,
and the guide's red flags, seniority signals and interview questions as short, checkable choices.

What each competency means comes from the guide (``GUIDE.ppe_triangle`` for AI engineers, the ML profile and
tribes for ML engineers). The anchors for scores 1 to 4 and the short labels are our own words, written from the
guide; each label is tied to its guide entry by a phrase that entry contains, and importing this module fails if
a guide entry has no label or a label no entry, so the two cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated, Final

from pydantic import BaseModel, ConfigDict, Field

from knowledge.guide import GUIDE
from knowledge.models import Audience, Level, PortfolioSign, Role, Section

LOWEST_SCORE: Final = 1
HIGHEST_SCORE: Final = 4
SCORES: Final = tuple(range(LOWEST_SCORE, HIGHEST_SCORE + 1))
LABEL_MAX: Final = 70  # Slack shows at most 75 characters of a choice
ANCHOR_MAX: Final = 71  # room for the "4 · " prefix a score's option shows it with
SCORECARD_ROLES: Final = (Role.AI_ENGINEER, Role.ML_ENGINEER, Role.RESEARCH_ENGINEER)
SCORECARD_LEVELS: Final = (Level.JUNIOR, Level.MID, Level.SENIOR, Level.STAFF)
SENIOR_LEVELS: Final = frozenset({Level.SENIOR, Level.STAFF, Level.PRINCIPAL})


Anchor = Annotated[str, Field(min_length=1, max_length=ANCHOR_MAX)]


class CompetencyRubric(BaseModel):
    """One competency to rate 1 to 4: what it is (the guide's words) and what each score looks like (ours)."""

    model_config = ConfigDict(frozen=True)

    key: str = Field(pattern=r"^[a-z][a-z-]{1,30}$")
    name: str
    summary: str
    anchors: tuple[Anchor, Anchor, Anchor, Anchor]
    source: Section

    def anchor(self, score: int) -> str:
        return self.anchors[score - LOWEST_SCORE]


class RubricItem(BaseModel):
    """A red flag, seniority signal or interview question: a stable key, a short label, the guide's full text."""

    model_config = ConfigDict(frozen=True)

    key: str = Field(pattern=r"^[a-z][a-z0-9-]{1,40}$")
    label: str = Field(max_length=LABEL_MAX)
    detail: str
    audience: Audience = Audience.ANY
    source: Section


def _sentence(text: str) -> str:
    text = text.strip().rstrip(".")
    return text[:1].upper() + text[1:] + "."


_ai_anchors: dict[str, tuple[str, tuple[str, str, str, str]]] = {
    "Prompt engineering": (
        "prompt",
        (
            "Treats prompts as clever wording: no structure, tools or context limits",
            "Writes prompts that work, but can't say how model families differ",
            "Designs structured output and tool use; manages the context window",
            "Explains model-family quirks and XML vs JSON schemas from experience",
        ),
    ),
    "Product integration": (
        "product",
        (
            "Can't build the backend around a model call",
            "Calls the model; streaming, retries and fallbacks are afterthoughts",
            "Solid backend first: streaming, retries, fallback chains, caching",
            "Also owns cost per feature and shows users honest uncertainty",
        ),
    ),
    "Evaluation": (
        "evaluation",
        (
            "Demos on a few hand-picked cases; can't say how they know it works",
            "Some tests, but no golden set and no regression tracking",
            "Builds eval suites and golden sets; tracks model-version regressions",
            "Knows within hours whether a prompt change helped; evals drive choices",
        ),
    ),
}


def _ai_competencies() -> tuple[CompetencyRubric, ...]:
    rubrics = []
    for competency in GUIDE.ppe_triangle:
        key, anchors = _ai_anchors[competency.name]
        rubrics.append(
            CompetencyRubric(
                key=key,
                name=competency.name,
                summary=competency.summary,
                anchors=anchors,
                source=competency.source,
            )
        )
    return tuple(rubrics)


def _ml_competencies() -> tuple[CompetencyRubric, ...]:
    profile, applied, research = GUIDE.ml_profile, GUIDE.ml_tribes[0], GUIDE.ml_tribes[1]
    return (
        CompetencyRubric(
            key="data",
            name="Data pipelines",
            summary=f"{_sentence(profile.builds[0])} {applied.summary}",
            anchors=(
                "Data is ad hoc: uncleaned, unversioned, untracked",
                "Cleans and labels data, but by hand and without versioning",
                "Versioned, validated pipelines that others can run",
                "Pipelines that stay clean as the team grows: owners, checks, lineage",
            ),
            source=profile.source,
        ),
        CompetencyRubric(
            key="training",
            name="Training and experiments",
            summary=f"{_sentence(profile.builds[1])} {_sentence(profile.builds[2])} "
            f"{_sentence(applied.tools_and_work[1])}",
            anchors=(
                "Hasn't run real training or fine-tuning themselves",
                "Runs fine-tunes from recipes; stuck when a run diverges or OOMs",
                "Debugs failed runs, tracks experiments, beats a clear baseline",
                "Fine-tunes large models across many GPUs without losing weeks",
            ),
            source=profile.source,
        ),
        CompetencyRubric(
            key="research",
            name="Research depth",
            summary=f"{research.summary} {_sentence(research.tools_and_work[1])} "
            f"{_sentence(research.tools_and_work[2])}",
            anchors=(
                "Doesn't follow new papers",
                "Reads papers but can't judge what matters for the product",
                "Judges a new paper's relevance fast and tests it cheaply",
                "Reimplements new papers quickly and knows which tricks matter to us",
            ),
            source=research.source,
        ),
    )


# (key, a phrase the guide entry contains, our short label)
_RED_FLAG_LABELS: Final = (
    ("forked-tutorials", "forked tutorials", "A GitHub of forked tutorials, nothing original"),
    ("one-shot-prompt", "one-shot prompt", "One-shot prompt in a UI, no evals or error handling"),
    ("no-failure-mode", "failure mode", "Can't name a failure mode of their own project"),
    ("buzzwords", "Buzzword", "Buzzwords without one concrete workflow"),
    ("no-opinions", "No opinions", "No opinions on providers, frameworks or tradeoffs"),
    ("messy-notebooks", "Notebooks", "Out-of-order notebooks, unversioned data, no tracking"),
)
_SIGNAL_LABELS: Final = (
    ("evals-unprompted", "evaluation before you ask", "Brings up evaluation before you ask"),
    ("rejected-tradeoffs", "tradeoffs they rejected", "Explains what they chose not to build, and why"),
    ("feature-cost", "per feature", "Reasons about cost and latency per feature"),
    ("beat-baseline", "baseline they beat", "Names a baseline they beat, and by how much"),
    ("interviews-back", "interview you back", "Interviews you back with hard questions"),
)
_QUESTION_LABELS: Final = (
    ("ai-eval-suite", "eval suite", "The last eval suite they built"),
    ("ai-rag", "RAG pipeline", "RAG finds the right documents, answers still wrong"),
    ("ai-halve-bill", "OpenAI bill", "Halving the model bill without losing quality"),
    ("ai-providers", "two model providers", "Choosing between two model providers"),
    ("ai-agent-loop", "loops", "An agent stuck calling the same tool"),
    ("ml-failed-run", "training run that failed", "A training run that failed, and the root cause"),
    ("ml-finetune-or-prompt", "fine-tuning a smaller model", "Fine-tune a small model or prompt a large one"),
    ("ml-data-pipeline", "data pipeline", "A data pipeline that stays clean from 3 to 30 people"),
    ("ml-new-paper", "paper comes out", "What they do when a relevant paper comes out"),
    ("ml-beats-base", "base model", "Proving the fine-tuned model beats the base model"),
)


GuideEntry = tuple[str, Section, Audience]


def _label(entries: Iterable[GuideEntry], labels: tuple[tuple[str, str, str], ...]) -> tuple[RubricItem, ...]:
    """Pair every guide entry with exactly one label; anything unpaired is a bug in this module."""
    choices: list[RubricItem] = []
    used: set[str] = set()
    for text, source, audience in entries:
        matches = [label for label in labels if label[1] in text]
        if len(matches) != 1:
            raise ValueError(f"expected exactly one label for the guide's {text!r}, found {len(matches)}")
        key, _, short = matches[0]
        used.add(key)
        choices.append(RubricItem(key=key, label=short, detail=text, audience=audience, source=source))
    unused = {key for key, _, _ in labels} - used
    if unused:
        raise ValueError(f"labels with no guide entry: {sorted(unused)}")
    return tuple(choices)


def _signs(signs: Iterable[PortfolioSign]) -> list[GuideEntry]:
    return [(sign.text, sign.source, sign.audience) for sign in signs]


AI_COMPETENCIES: Final = _ai_competencies()
ML_COMPETENCIES: Final = _ml_competencies()
RED_FLAGS: Final = _label(_signs(GUIDE.red_flags), _RED_FLAG_LABELS)
SHIPPED_AGENTIC: Final = RubricItem(
    key="shipped-agentic",
    label="Shipped agentic systems to production",
    detail=f"The guide adds a premium for {GUIDE.agentic_premium.condition}.",
    audience=Audience.AI,
    source=GUIDE.agentic_premium.source,
)
"""Not one of the guide's portfolio signals but its pay rule's condition: an offer applies the agentic premium
when an interviewer ticked it (``knowledge.offers``)."""
SIGNALS: Final = _label(_signs(GUIDE.seniority_signals), _SIGNAL_LABELS)
QUESTIONS: Final = _label(
    [
        (q.question, q.source, Audience.AI if q.role is Role.AI_ENGINEER else Audience.ML)
        for q in GUIDE.interview_questions
    ],
    _QUESTION_LABELS,
)
_BY_KEY: Final = {c.key: c for c in (*AI_COMPETENCIES, *ML_COMPETENCIES)}
_ITEMS_BY_KEY: Final = {c.key: c for c in (*RED_FLAGS, *SIGNALS, SHIPPED_AGENTIC, *QUESTIONS)}


def role_title(role: Role) -> str:
    """The role as the guide names it: "AI engineer", "Applied ML engineer", "Research engineer"."""
    titles = {
        Role.AI_ENGINEER: GUIDE.ai_profile.title,
        Role.ML_ENGINEER: GUIDE.ml_tribes[0].name,
        Role.RESEARCH_ENGINEER: GUIDE.ml_tribes[1].name,
    }
    return titles[role]


def audience(role: Role) -> Audience:
    return Audience.AI if role is Role.AI_ENGINEER else Audience.ML


def competencies_for(role: Role) -> tuple[CompetencyRubric, ...]:
    """AI engineers: the prompt / product / evaluation triangle. ML and research engineers: data, training, research."""
    return AI_COMPETENCIES if role is Role.AI_ENGINEER else ML_COMPETENCIES


def _for_role(choices: tuple[RubricItem, ...], role: Role) -> tuple[RubricItem, ...]:
    wanted = {Audience.ANY, audience(role)}
    return tuple(choice for choice in choices if choice.audience in wanted)


def red_flags_for(role: Role) -> tuple[RubricItem, ...]:
    return _for_role(RED_FLAGS, role)


def signals_for(role: Role) -> tuple[RubricItem, ...]:
    """The guide's seniority signals for the role, and for AI engineers whether they shipped agentic systems."""
    return _for_role((*SIGNALS, SHIPPED_AGENTIC), role)


def questions_for(role: Role) -> tuple[RubricItem, ...]:
    return _for_role(QUESTIONS, role)


def competency(key: str) -> CompetencyRubric | None:
    return _BY_KEY.get(key)


def rubric_item(key: str) -> RubricItem | None:
    return _ITEMS_BY_KEY.get(key)


def item_label(key: str) -> str:
    """The short label of a flag, signal or question; the key itself if the rubric no longer has it."""
    known = _ITEMS_BY_KEY.get(key)
    return known.label if known is not None else key


def competency_name(key: str) -> str:
    known = _BY_KEY.get(key)
    return known.name if known is not None else key
