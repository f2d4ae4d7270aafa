"""Interview signals described instead of named: "he kept saying agentic but couldn't describe one workflow" is the
guide's buzzword red flag; "she brought up eval sets before I asked" is a seniority signal.

Each described sign has a stable key: the rubric's key (``knowledge.rubric``) for the guide's red flags and
seniority signals, or its own for the few other things the guide says about candidates (never having shipped,
textbook answers, a proud bug story, Kaggle medals). Patterns run over normalised text and are compiled once.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import NamedTuple


class Verdict(StrEnum):
    RED_FLAG = "red flag"
    PROBE = "worth probing"
    GOOD_SIGN = "good sign"


class DescribedSign(NamedTuple):
    key: str
    verdict: Verdict
    triggers: frozenset[str]  # the pattern can't match unless the text has one of these words: a cheap first test
    pattern: re.Pattern[str]


NEG = (
    r"(?:can't|cant|cannot|can not|couldn't|couldnt|could not|didn't|didnt|did not|doesn't|doesnt|does not|"
    r"don't|dont|won't|wont|wasn't|wasnt|never|no|not|unable to|failed to|zero|none|hasn't|hasnt|haven't|havent)"
)
W = r"(?:[a-z0-9']+ )"  # one word and its space, for "within a few words" gaps


def _sign(key: str, verdict: Verdict, pattern: str) -> DescribedSign:
    return DescribedSign(key, verdict, frozenset(TRIGGERS[key].split()), re.compile(pattern))


# fmt: off
TRIGGERS = {
    "buzzwords": "buzzword buzzwords buzz jargon hype kept keeps keep agentic times",
    "no-failure-mode": "failure failures broke wrong mistake mistakes edge nothing everything never",
    "forked-tutorials": "fork forks forked tutorial tutorials course courses bootcamp certificate certificates "
                        "certification certifications mooc moocs copied clone clones cloned original",
    "one-shot-prompt": "streamlit gradio shot prompt prompts wrapper wrappers demo demos",
    "no-evals": "eval evals evaluation set sets measure measured measuring metric metrics works worked helped",
    "no-opinions": "opinion opinions preference preferences view views favorite favourite any every whatever all",
    "never-shipped": "shipped shipping ship deployed deploy launched released prod production users only",
    "textbook-answers": "textbook generic vague hypothetical theoretical read blog stories story example examples "
                        "specifics",
    "kaggle-medals": "kaggle",
    "messy-notebooks": "notebook notebooks jupyter colab kaggle cell cells tracking unversioned versioned version",
    "evals-unprompted": "eval evals evaluation set sets suite suites golden regression regressions failure mode modes "
                        "test",
    "rejected-tradeoffs": "trade tradeoff tradeoffs chose decided didn't didnt not said rejected",
    "feature-cost": "feature latency token tokens cost unit",
    "beat-baseline": "baseline baselines beat",
    "interviews-back": "asked asks grilled quizzed interviewed hard tough sharp good",
    "war-stories": "bug bugs surprising proud war",
}
# fmt: on


# In the order they are tried: red flags, then what is worth probing, then good signs, so "talks about evals but
# couldn't name a failure mode" leads with the flag.
SIGNS: tuple[DescribedSign, ...] = (
    _sign(
        "buzzwords",
        Verdict.RED_FLAG,
        r"\b(?:buzzwords?|buzz words?|jargon|hype)\b|\b(?:kept|keeps|kept on|keep) (?:saying|using|dropping|"
        r"repeating|mentioning)(?: [a-z0-9']+){0,2} (?:agentic|agents?|multi agent|llms?|genai|gen ai|ai|rag|"
        r"autonomous|transformers?|synergy)\b|\bagentic\b(?: [a-z0-9']+){0,12} " + NEG + r"\b(?: [a-z0-9']+){0,6} "
        r"(?:workflows?|examples?|concrete|specifics?|specific|describe|explain|walk|tell|say|show)\b|"
        r"\b(?:said|says|saying|used|uses|using|dropped|mentioned)\b(?: [a-z0-9']+){0,2} (?:agentic|agents?|rag|"
        r"genai|gen ai|llms?)\b(?: [a-z0-9']+){0,2} (?:\d+|a dozen|a million|a hundred|many|so many) times\b",
    ),
    _sign(
        "no-failure-mode",
        Verdict.RED_FLAG,
        r"\b" + NEG + r" (?:" + W + r"){0,4}(?:failure|failures|failure modes?|broke|went wrong|go wrong|"
        r"mistakes?|edge cases?)\b|\bnothing (?:ever )?(?:broke|went wrong|failed)\b|"
        r"\beverything (?:just )?(?:worked|works)\b|\bnever (?:had|hit) (?:a |any )?(?:bugs?|issues?|problems?)\b",
    ),
    _sign(
        "forked-tutorials",
        Verdict.RED_FLAG,
        r"\b(?:forks?|forked|tutorials?|courses?|course projects?|bootcamp projects?|certificates?|certifications?|"
        r"moocs?|copied|clones?|cloned|"
        r"nothing original|no original)\b",
    ),
    _sign(
        "one-shot-prompt",
        Verdict.RED_FLAG,
        r"\b(?:streamlit|gradio|one shot prompts?|single prompt|one prompt|just a prompt|chatgpt wrappers?|"
        r"demos? (?:" + W + r"){0,3}(?:no|without|zero) (?:evals?|evaluation|error handling|tests?))\b",
    ),
    _sign(
        "no-evals",
        Verdict.RED_FLAG,
        r"\b" + NEG + r" (?:" + W + r"){0,4}(?:evals?|evaluation|eval sets?|test sets?|measure|measured|measuring|"
        r"metrics?)\b|\b" + NEG + r"\b(?: [a-z0-9']+){0,6} (?:if|whether|that) (?:it|the feature|their feature|"
        r"his feature|her feature|the thing|the model|the prompt) (?:actually |really )?(?:works|worked|helped)\b",
    ),
    _sign(
        "no-opinions",
        Verdict.RED_FLAG,
        r"\b" + NEG + r" (?:" + W + r"){0,3}(?:opinions?|preferences?|views?|favou?rite)\b|"
        r"\b(?:fine|happy|ok|okay) with (?:any|every|whatever) (?:providers?|frameworks?|models?|stack)\b|"
        r"\b(?:all|every) (?:providers?|frameworks?|models?) (?:are|is) (?:the same|fine|great|good)\b",
    ),
    _sign(
        "never-shipped",
        Verdict.RED_FLAG,
        r"\b" + NEG + r" (?:" + W + r"){0,3}(?:shipped|shipping|ship|deployed|deploy|launched|released|"
        r"in prod|to prod|into prod|production|real users)\b|\bonly (?:" + W + r"){0,2}(?:side projects?|"
        r"toy projects?|demos?|prototypes?|hackathon projects?)\b|\bno production\b",
    ),
    _sign(
        "textbook-answers",
        Verdict.RED_FLAG,
        r"\b(?:textbook|generic answers?|vague answers?|hypothetical|theoretical|read about it|"
        r"from blog posts?|like a blog post)\b|\b" + NEG + r" (?:" + W + r"){0,3}(?:stories|story|examples?|"
        r"specifics)\b",
    ),
    _sign(
        "kaggle-medals",
        Verdict.GOOD_SIGN,
        r"\bkaggle\b(?: [a-z0-9']+){0,4} (?:gold|medals?|grandmaster|master|won|top)\b",
    ),
    _sign(
        "messy-notebooks",
        Verdict.PROBE,
        r"\b(?:notebooks?|jupyter|colab|kaggle|cells? out of order|(?:no|without|zero) experiment tracking|"
        r"(?:unversioned|not versioned|no version control))\b",
    ),
    # Before evals: "asked us sharp questions about our data and evals" is about asking, whatever the subject.
    _sign(
        "interviews-back",
        Verdict.GOOD_SIGN,
        r"\b(?:asked|asks|grilled|quizzed) (?:us|me|the team|my cofounder)\b|\binterviewed (?:us|me) back\b|"
        r"\b(?:hard|tough|sharp|good) questions\b",
    ),
    _sign(
        "evals-unprompted",
        Verdict.GOOD_SIGN,
        r"\b(?:evals?|evaluation|eval sets?|eval suites?|golden sets?|golden datasets?|regressions?|"
        r"failure modes?|test sets?)\b",
    ),
    _sign(
        "rejected-tradeoffs",
        Verdict.GOOD_SIGN,
        r"\b(?:trade ?offs?|chose not to|decided not to|didn't build|didnt build|not to build|"
        r"said no to|rejected)\b",
    ),
    _sign(
        "feature-cost",
        Verdict.GOOD_SIGN,
        r"\b(?:cost per feature|per (?:product |user facing |each )?feature|latency budgets?|"
        r"cost and (?:p\d\d |tail )?latency|latency and cost|token costs?|"
        r"cost per (?:request|query|call)|unit economics)\b",
    ),
    _sign("beat-baseline", Verdict.GOOD_SIGN, r"\b(?:baselines?|beat (?:the )?(?:benchmark|base model))\b"),
    _sign(
        "war-stories",
        Verdict.GOOD_SIGN,
        r"\b(?:nasty|gnarly|weird|tricky|hard|crazy|horrible)(?: [a-z0-9']+){0,2} bugs?\b|"
        r"\bsurprising (?:user )?behaviou?rs?\b|"
        r"\b(?:they're|he's|she's|they are|he is|she is|was|were) proud of\b|\bwar stor(?:y|ies)\b",
    ),
)

# Someone is being described, rather than the list being asked for.
DESCRIBING = re.compile(
    r"\b(?:candidate|candidates|applicant|interviewee|he|she|him|her|his|hers|guy|gal|dude|person|someone|"
    r"kept|keeps|said|says|told|talked|talks|mentioned|brought up|brings up|has|had|only has|their|they|"
    r"is that|is this|good sign|bad sign|concerning|concerned|worried|worry|never|only|thoughts)\b"
)
LIST_ASK = re.compile(
    r"\b(?:what are|list|which are|common|typical|all the|examples of|give me|show me|what counts as|"
    r"what should i look for|what to look for)\b"
)


def described_signs(text: str) -> tuple[DescribedSign, ...]:
    """The signs a normalised message describes, red flags first; empty when it names none or asks for the list."""
    if LIST_ASK.search(text) or not DESCRIBING.search(text):
        return ()
    return matching_signs(text)


def matching_signs(text: str, *, prefilter: bool = True) -> tuple[DescribedSign, ...]:
    """Every sign whose pattern the text matches, in the order tried; words one sign used can't make another.
    ``prefilter`` skips patterns whose trigger words are absent, which only saves time."""
    words = frozenset(text.split())
    kept: list[DescribedSign] = []
    taken: list[tuple[int, int]] = []
    for described in SIGNS:
        if prefilter and not described.triggers & words:
            continue
        match = described.pattern.search(text)
        if match is None or any(match.start() < end and start < match.end() for start, end in taken):
            continue
        kept.append(described)
        taken.append(match.span())
    return tuple(kept)


def sign(key: str) -> DescribedSign | None:
    return next((s for s in SIGNS if s.key == key), None)
