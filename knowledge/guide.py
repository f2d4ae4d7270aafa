"""The hiring guide restated as data. Advice is in our own words; every figure is the guide's, unchanged.

``GUIDE`` is immutable reference data validated once at import, not a service: it holds no connections
and nothing mutates it, so sharing it module-wide is safe.
"""

from __future__ import annotations

from knowledge.models import (
    AgenticPremium,
    Audience,
    Competency,
    EquityGuidance,
    Guide,
    InterviewQuestion,
    Level,
    LocationRule,
    MlTribe,
    PayBand,
    Play,
    PortfolioSign,
    Role,
    RoleConfusion,
    RoleProfile,
    Section,
    SourcingChannel,
    UnderpayWarning,
)

S = Section

GUIDE = Guide(
    confusion=RoleConfusion(
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
    ),
    ai_profile=RoleProfile(
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
    ),
    ppe_triangle=(
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
    ),
    ml_profile=RoleProfile(
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
    ),
    ml_tribes=(
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
    ),
    bands=(
        PayBand(
            source=S.SALARIES,
            key="ai-junior",
            role=Role.AI_ENGINEER,
            level=Level.JUNIOR,
            title="Junior AI engineer",
            experience="0-2 years",
            low_k=140,
            high_k=180,
            profile="Usually a strong product engineer with about a year of LLM side projects.",
        ),
        PayBand(
            source=S.SALARIES,
            key="ai-mid",
            role=Role.AI_ENGINEER,
            level=Level.MID,
            title="Mid-level AI engineer",
            experience="3-5 years",
            low_k=180,
            high_k=240,
            profile="The sweet spot for most seed and Series A teams: has shipped several AI features to real "
            "users and can own a product area.",
        ),
        PayBand(
            source=S.SALARIES,
            key="ai-senior",
            role=Role.AI_ENGINEER,
            level=Level.SENIOR,
            title="Senior AI engineer",
            experience="5+ years",
            low_k=240,
            high_k=320,
            profile="Leads AI product areas, designs eval systems from scratch and mentors others.",
        ),
        PayBand(
            source=S.SALARIES,
            key="ai-staff",
            role=Role.AI_ENGINEER,
            level=Level.STAFF,
            title="Staff AI engineer",
            low_k=320,
            high_k=420,
            profile="Rare; usually from Anthropic, OpenAI, Google DeepMind or a few well-known AI startups. "
            "Sets technical direction across teams.",
        ),
        PayBand(
            source=S.SALARIES,
            key="ml-mid",
            role=Role.ML_ENGINEER,
            level=Level.MID,
            title="Applied ML engineer (mid)",
            low_k=200,
            high_k=280,
            profile="Commands a premium with fine-tuning experience on modern open-weights models.",
        ),
        PayBand(
            source=S.SALARIES,
            key="ml-senior",
            role=Role.ML_ENGINEER,
            level=Level.SENIOR,
            title="Senior ML engineer",
            low_k=280,
            high_k=400,
            profile="Should have shipped at least one model to production that serves meaningful traffic.",
        ),
        PayBand(
            source=S.SALARIES,
            key="research",
            role=Role.RESEARCH_ENGINEER,
            level=None,
            title="Research engineer with publications",
            low_k=350,
            high_k=600,
            profile="Plus significant equity. The top of the band is for first-author papers at NeurIPS, ICML or ICLR.",
        ),
    ),
    location_rules=(
        LocationRule(
            source=S.SALARIES,
            key="us",
            title="United States",
            low_factor="1",
            high_factor="1",
            guide_wording="The bands are for US-based hires at seed to Series B startups.",
        ),
        LocationRule(
            source=S.SALARIES,
            key="high-cost",
            title="New York or the Bay Area",
            low_factor="1.10",
            high_factor="1.15",
            guide_wording="roughly 10% to 15% more on every band",
        ),
        LocationRule(
            source=S.SALARIES,
            key="remote-low-cost",
            title="Remote from a lower-cost region",
            low_factor="0.75",
            high_factor="0.85",
            guide_wording="sometimes 15% to 25% less",
            caveat="Top candidates negotiate hard against geographic discounts.",
        ),
    ),
    agentic_premium=AgenticPremium(
        source=S.SALARIES,
        role=Role.AI_ENGINEER,
        level=Level.SENIOR,
        amount_k=40,
        condition="a senior AI engineer who has shipped agentic systems to production",
    ),
    market_note="Over the last 18 months pay has stratified: the top of the market rose, the bottom stayed flat "
    "and the middle thinned out.",
    equity=EquityGuidance(
        source=S.SALARIES,
        senior_hire="0.5% to 2% for a senior hire at a well-funded seed-stage startup",
        founding_engineer="up to 5% for a founding engineer",
        research_engineer="significant equity on top of the band for a research engineer with publications",
        context="The pay bands exclude equity; equity comes on top.",
    ),
    underpay=UnderpayWarning(
        source=S.SALARIES,
        saving="Shaving $40K off your first AI hire's base is a false economy.",
        consequence="It costs months of engineering spent on the wrong architecture.",
        alternative="If a strong mid-level AI engineer is out of budget, bring in a fractional contractor until "
        "it isn't.",
    ),
    interview_questions=(
        InterviewQuestion(
            source=S.INTERVIEWS,
            role=Role.AI_ENGINEER,
            question="Take me through the most recent eval suite you built: how did you choose its examples, and "
            "how did you know it covered the failure modes that mattered?",
            listen_for="Deliberate example selection tied to real failure modes, not a handful of happy paths.",
        ),
        InterviewQuestion(
            source=S.INTERVIEWS,
            role=Role.AI_ENGINEER,
            question="Your RAG pipeline retrieves the right documents, yet 30% of final answers are still wrong. "
            "How do you track down why?",
            listen_for="Separating retrieval from generation, inspecting prompts and context, measuring each step.",
        ),
        InterviewQuestion(
            source=S.INTERVIEWS,
            role=Role.AI_ENGINEER,
            question="You have to halve the OpenAI bill without hurting quality. Which five things do you try first?",
            listen_for="Caching, smaller models for easy cases, prompt and context trimming, batching, with evals "
            "to prove quality held.",
        ),
        InterviewQuestion(
            source=S.INTERVIEWS,
            role=Role.AI_ENGINEER,
            question="Tell me about choosing between two model providers for the same feature. Which tradeoffs "
            "decided it?",
            listen_for="Concrete tradeoffs they lived with: quality, latency, cost, rate limits, tooling.",
        ),
        InterviewQuestion(
            source=S.INTERVIEWS,
            role=Role.AI_ENGINEER,
            question="Your agent sometimes loops, calling the same tool again and again. How do you fix it?",
            listen_for="Loop detection, step limits, better tool results and state, evals that reproduce the loop.",
        ),
        InterviewQuestion(
            source=S.INTERVIEWS,
            role=Role.ML_ENGINEER,
            question="Tell me about a training run that failed on you: what caused it, and how did you track it down?",
            listen_for="A real debugging story with the signals they watched, not a generic checklist.",
        ),
        InterviewQuestion(
            source=S.INTERVIEWS,
            role=Role.ML_ENGINEER,
            question="How do you choose between fine-tuning a smaller model and prompting a larger one?",
            listen_for="Cost, latency, data available and how they would measure the difference.",
        ),
        InterviewQuestion(
            source=S.INTERVIEWS,
            role=Role.ML_ENGINEER,
            question="How would you build a data pipeline that stays clean while the team grows from 3 to 30 "
            "engineers?",
            listen_for="Versioned data, validation, ownership and tracking that survive more hands.",
        ),
        InterviewQuestion(
            source=S.INTERVIEWS,
            role=Role.ML_ENGINEER,
            question="A paper comes out that looks relevant to our work. What do you do next?",
            listen_for="A habit of reading, judging relevance quickly and testing cheaply before committing.",
        ),
        InterviewQuestion(
            source=S.INTERVIEWS,
            role=Role.ML_ENGINEER,
            question="How do you tell whether your fine-tuned model beats the base model in the ways you "
            "actually care about?",
            listen_for="Task-specific evals and a clear baseline, not only the training loss.",
        ),
    ),
    interview_advice=(
        "Skip leetcode and generic system design: test the competencies the role needs.",
        "None of these are trivia; they probe judgment, experience and taste.",
        "Textbook answers with no concrete stories from their own work usually mean the candidate is more junior "
        "than the resume says.",
    ),
    red_flags=(
        PortfolioSign(source=S.PORTFOLIOS, text="A GitHub of forked tutorials with no original work."),
        PortfolioSign(
            source=S.PORTFOLIOS,
            text="Projects that are a one-shot prompt inside a Streamlit UI, with no evaluation or error handling.",
        ),
        PortfolioSign(
            source=S.PORTFOLIOS,
            text="Can't name a failure mode of their own project: if nothing broke, they didn't push hard enough.",
        ),
        PortfolioSign(
            source=S.PORTFOLIOS,
            text='Buzzword overload, such as "agentic" six times in a minute without one concrete workflow.',
        ),
        PortfolioSign(
            source=S.PORTFOLIOS,
            text="No opinions on model providers, frameworks or tradeoffs; real practitioners have earned some.",
        ),
        PortfolioSign(
            source=S.PORTFOLIOS,
            audience=Audience.ML,
            text="Notebooks with cells run out of order, unversioned data and no experiment tracking.",
        ),
    ),
    seniority_signals=(
        PortfolioSign(
            source=S.PORTFOLIOS,
            audience=Audience.AI,
            text="They bring up evaluation before you ask, because missing evals have burned them.",
        ),
        PortfolioSign(
            source=S.PORTFOLIOS,
            text="They explain the tradeoffs they rejected: what they chose not to build, and why.",
        ),
        PortfolioSign(
            source=S.PORTFOLIOS,
            text="They reason about cost and latency per feature, not just per request.",
        ),
        PortfolioSign(
            source=S.PORTFOLIOS,
            audience=Audience.ML,
            text="They name a baseline they beat, by how much, and why it was the right baseline.",
        ),
        PortfolioSign(
            source=S.PORTFOLIOS,
            text="They interview you back with hard questions about your data, users and stack.",
        ),
    ),
    underrated_signal="Ask them to show something they're proud of. People who tell you about a nasty bug or a "
    "user behaviour that surprised them tend to be stronger than those with a spotless architecture diagram.",
    inmail_response_rate="below 4%",
    founder_led_advantage="3 to 1",
    sourcing_channels=(
        SourcingChannel(
            source=S.SOURCING,
            name="Hacker News Who Is Hiring / Who Wants to Be Hired",
            why="Still one of the highest-signal channels; people who post there tend to be thoughtful and have taste.",
        ),
        SourcingChannel(
            source=S.SOURCING,
            name="YC co-founder matching and Work at a Startup",
            why="Work at a Startup draws AI engineers who want startup upside, YC batch or not.",
        ),
        SourcingChannel(
            source=S.SOURCING,
            name="ML conference Slack communities (NeurIPS, ICML, ICLR)",
            why="Active all year; show up as a peer instead of mass-messaging.",
            best_for=Audience.ML,
        ),
        SourcingChannel(
            source=S.SOURCING,
            name="Arxiv author outreach",
            why="For research engineers: read your field's papers and email the authors, especially second and third "
            "authors, who often did the implementation and may want to leave academia.",
            best_for=Audience.ML,
        ),
        SourcingChannel(
            source=S.SOURCING,
            name="Kaggle top performers",
            why="Gold medallists in competitions close to your problem have shown ability that is hard to fake.",
            best_for=Audience.ML,
        ),
        SourcingChannel(
            source=S.SOURCING,
            name="AI fellowship programs",
            why="AI Fellowship, Recurse Center's AI track and accelerator programs turn out strong people who are "
            "actively looking.",
        ),
        SourcingChannel(
            source=S.SOURCING,
            name="Open source contributors",
            why="Contributors to libraries you use (LangChain, LlamaIndex, vLLM, transformers): their code is public.",
        ),
        SourcingChannel(
            source=S.SOURCING,
            name="Discord communities",
            why="The Latent Space Discord, EleutherAI and model-provider communities are quietly good hunting grounds.",
        ),
    ),
    outreach_advice=(
        "Candidates want the vision and the technical problems from the founder, not a third party.",
        "Write the message yourself and make it about their work: cite something they built.",
        "It is slower, and it converts far better.",
    ),
    plays=(
        Play(
            source=S.PLAYS,
            number=1,
            key="founder-led",
            name="Founder-led AI work",
            when=(
                "you are a technical founder",
                "your first AI feature is a straightforward retrieval or classification task",
            ),
            what="Build it yourself: about a weekend's work that teaches you what matters for your product and "
            "gives you leverage when you do hire.",
            figures=("$200K",),
            watch_out="Founders have burned $200K hiring an AI engineer before they understood the problem well "
            "enough to brief one.",
        ),
        Play(
            source=S.PLAYS,
            number=2,
            key="contract",
            name="Contract for 3 to 6 months",
            when=(
                "you need specialised expertise for a bounded scope: a first evaluation framework, a model "
                "comparison study, your first RAG system",
                "you are not yet sure you need ongoing AI work",
            ),
            what="Paying a senior contractor $250 to $400 per hour usually costs far less than a full-time hire, and "
            "good ones leave your team knowing what they know.",
            figures=("3 to 6 months", "$250 to $400 per hour"),
        ),
        Play(
            source=S.PLAYS,
            number=3,
            key="hire",
            name="Hire full time",
            when=(
                "AI is the core of your product, not a feature",
                "there are 12 months or more of well-defined work waiting for this person",
            ),
            what="Make the full-time hire.",
            figures=("12 months",),
            watch_out="Hiring full time too early is the most common mistake; hiring too late is the second.",
        ),
    ),
)
