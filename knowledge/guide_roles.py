"""The guide's sections on the two roles and the cost of confusing them, in our own words."""

from __future__ import annotations

from knowledge.models import (
    Competency,
    MlTribe,
    Role,
    RoleConfusion,
    RoleProfile,
    Section,
)

S = Section

CONFUSION = RoleConfusion(
    source=S.ROLE_CONFUSION,
    shared_skills_percent=20,
    setback_months="nine months",
    setback_cost="a quarter million dollars in salary, equity and opportunity cost",
    why_it_happens=(
        "Job boards file both titles under one filter.",
        "Recruiters treat the two titles as synonyms.",
        "Candidates often carry both labels because vague titles get more recruiter attention.",
    ),
    hire_ai_when="You are building a product on top of Claude, GPT or another foundation model, "
    "adding your own domain logic: hire an AI engineer first.",
    hire_ml_when="You are building your own model because your training data is the moat: hire an ML engineer.",
    failure_modes=(
        "A researcher ends up writing React glue code.",
        "A product engineer ends up debugging CUDA kernels.",
    ),
)

AI_PROFILE = RoleProfile(
    source=S.AI_ENGINEERS,
    role=Role.AI_ENGINEER,
    title="AI engineer",
    one_liner="A product engineer who builds applications on top of foundation models and rarely trains one.",
    builds=(
        "orchestration code and prompt pipelines",
        "retrieval systems",
        "evaluation harnesses",
        "latency and cost-per-request work",
    ),
    north_star="A shipped product that keeps behaving when real users push on it.",
    typical_day=(
        "adjust a prompt",
        "run it against a 200-example eval set",
        "dig into the failures",
        "write a handler for a new tool call",
        "chase a streaming bug in production",
        "review a teammate's retrieval pipeline",
    ),
    weak_spot="Asked to set up distributed training on eight H100s, they will ask why you aren't using an API.",
)

PPE_TRIANGLE = (
    Competency(
        source=S.AI_ENGINEERS,
        name="Prompt engineering",
        summary="Designing structured outputs, orchestrating tool use and managing the context window, "
        "knowing how different model families react to the same instructions.",
        what_good_looks_like=(
            "explains why one model family handles nested function calls differently from another",
            "has a view on XML tags versus JSON schemas for structured output",
        ),
    ),
    Competency(
        source=S.AI_ENGINEERS,
        name="Product integration",
        summary="Backend engineering under AI constraints, where most of the code lives: a solid backend "
        "engineer first, with LLM know-how layered on top.",
        what_good_looks_like=(
            "streams responses and retries sensibly",
            "builds fallback chains for when a model is rate limited",
            "accounts for cost per feature and adds caching layers",
            "shows users honest signals of uncertainty",
        ),
    ),
    Competency(
        source=S.AI_ENGINEERS,
        name="Evaluation",
        summary="The skill that separates senior from junior: proving an AI feature works, not demoing it "
        "on five hand-picked cases.",
        what_good_looks_like=(
            "builds automated eval suites and golden datasets",
            "tracks regressions across model versions",
            "can tell within hours whether a prompt change helped or hurt",
            "can explain how they measure that the feature works; if not, they are not senior, whatever the title",
        ),
    ),
)

ML_PROFILE = RoleProfile(
    source=S.ML_ENGINEERS,
    role=Role.ML_ENGINEER,
    title="ML engineer",
    one_liner="Trains and fine-tunes models: data pipelines, loss curves, GPU utilisation, distributed training.",
    builds=(
        "data pipelines: collecting, cleaning, labelling and versioning data",
        "training and fine-tuning runs",
        "the long tail of experiments behind a model that actually learns",
    ),
    north_star="A trained model that measurably beats a clear baseline on a metric everyone agreed on.",
    typical_day=(
        "prepare and version a dataset",
        "launch and watch a training run",
        "track experiments and compare against the baseline",
        "chase down why a run diverged or ran out of GPU memory",
    ),
    weak_spot="Asked to build a polished production feature that streams their model's output with graceful "
    "degradation, they often deliver something that works but feels rough.",
)

ML_TRIBES = (
    MlTribe(
        source=S.ML_ENGINEERS,
        name="Applied ML engineer",
        summary="Adapts existing architectures to a specific dataset or problem; most of the job is data.",
        tools_and_work=(
            "PyTorch, Weights and Biases, Ray and the distributed training framework of the day",
            "fine-tunes models as large as 70 billion parameters across many GPUs without a lost week of "
            "CUDA out-of-memory errors",
        ),
    ),
    MlTribe(
        source=S.ML_ENGINEERS,
        name="Research engineer",
        summary="Pushes what models can do, often alongside PhD researchers; rare, expensive, and worth it "
        "when the product depends on a differentiated model.",
        tools_and_work=(
            "everything an applied ML engineer does",
            "reads new Arxiv papers the day they appear and reimplements them the same day",
            "can tell you whether a new trick (say, a Mixture of Experts routing change) matters for you",
        ),
    ),
)
