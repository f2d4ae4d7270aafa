"""The guide's advice on interviewing, portfolios, sourcing and whether to build, contract or hire, in our own words."""

from __future__ import annotations

from knowledge.models import (
    Audience,
    InterviewQuestion,
    Play,
    PortfolioSign,
    Role,
    Section,
    SourcingChannel,
)

S = Section

INTERVIEW_QUESTIONS = (
    InterviewQuestion(
        source=S.INTERVIEWS,
        role=Role.AI_ENGINEER,
        question="Take me through the most recent eval suite you built: how did you choose its examples, and "
        "how did you know it covered the failure modes that mattered?",
        listen_for="Deliberate example selection tied to real failure modes, not a handful of happy paths.",
        about=("eval", "evals", "evaluation", "evaluations", "golden", "test set", "quality"),
    ),
    InterviewQuestion(
        source=S.INTERVIEWS,
        role=Role.AI_ENGINEER,
        question="Your RAG pipeline retrieves the right documents, yet 30% of final answers are still wrong. "
        "How do you track down why?",
        listen_for="Separating retrieval from generation, inspecting prompts and context, measuring each step.",
        about=("rag", "retrieval", "retriever", "documents", "wrong answers"),
    ),
    InterviewQuestion(
        source=S.INTERVIEWS,
        role=Role.AI_ENGINEER,
        question="You have to halve the OpenAI bill without hurting quality. Which five things do you try first?",
        listen_for="Caching, smaller models for easy cases, prompt and context trimming, batching, with evals "
        "to prove quality held.",
        about=("cost", "costs", "bill", "spend", "spending", "cheaper", "budget", "tokens"),
    ),
    InterviewQuestion(
        source=S.INTERVIEWS,
        role=Role.AI_ENGINEER,
        question="Tell me about choosing between two model providers for the same feature. Which tradeoffs decided it?",
        listen_for="Concrete tradeoffs they lived with: quality, latency, cost, rate limits, tooling.",
        about=("provider", "providers", "vendor", "vendors", "openai vs", "anthropic", "which model"),
    ),
    InterviewQuestion(
        source=S.INTERVIEWS,
        role=Role.AI_ENGINEER,
        question="Your agent sometimes loops, calling the same tool again and again. How do you fix it?",
        listen_for="Loop detection, step limits, better tool results and state, evals that reproduce the loop.",
        about=("agent", "agents", "agentic", "loop", "loops", "tool use", "tools"),
    ),
    InterviewQuestion(
        source=S.INTERVIEWS,
        role=Role.ML_ENGINEER,
        question="Tell me about a training run that failed on you: what caused it, and how did you track it down?",
        listen_for="A real debugging story with the signals they watched, not a generic checklist.",
        about=("training", "training run", "training runs", "debugging", "debug"),
    ),
    InterviewQuestion(
        source=S.INTERVIEWS,
        role=Role.ML_ENGINEER,
        question="How do you choose between fine-tuning a smaller model and prompting a larger one?",
        listen_for="Cost, latency, data available and how they would measure the difference.",
        about=("fine tuning vs", "fine-tuning vs", "prompting", "smaller model", "larger model"),
    ),
    InterviewQuestion(
        source=S.INTERVIEWS,
        role=Role.ML_ENGINEER,
        question="How would you build a data pipeline that stays clean while the team grows from 3 to 30 engineers?",
        listen_for="Versioned data, validation, ownership and tracking that survive more hands.",
        about=("data pipeline", "pipelines", "data quality", "scaling the team", "messy data"),
    ),
    InterviewQuestion(
        source=S.INTERVIEWS,
        role=Role.ML_ENGINEER,
        question="A paper comes out that looks relevant to our work. What do you do next?",
        listen_for="A habit of reading, judging relevance quickly and testing cheaply before committing.",
        about=("paper", "papers", "arxiv", "keeping up", "new research"),
    ),
    InterviewQuestion(
        source=S.INTERVIEWS,
        role=Role.ML_ENGINEER,
        question="How do you tell whether your fine-tuned model beats the base model in the ways you "
        "actually care about?",
        listen_for="Task-specific evals and a clear baseline, not only the training loss.",
        about=("fine-tuned model", "fine tuned model", "base model", "baseline", "beats"),
    ),
)

INTERVIEW_ADVICE = (
    "Skip leetcode and generic system design: test the competencies the role needs.",
    "None of these are trivia; they probe judgment, experience and taste.",
    "Textbook answers with no concrete stories from their own work usually mean the candidate is more junior "
    "than the resume says.",
)

RED_FLAGS = (
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
)

SENIORITY_SIGNALS = (
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
)

UNDERRATED_SIGNAL = (
    "Ask them to show something they're proud of. People who tell you about a nasty bug or a "
    "user behaviour that surprised them tend to be stronger than those with a spotless architecture diagram."
)

INMAIL_RESPONSE_RATE = "below 4%"

FOUNDER_LED_ADVANTAGE = "3 to 1"

SOURCING_CHANNELS = (
    SourcingChannel(
        source=S.SOURCING,
        name="Hacker News Who Is Hiring / Who Wants to Be Hired",
        why="Still one of the highest-signal channels; people who post there tend to be thoughtful and have taste.",
        about=("hacker news", "hn", "who is hiring", "who wants to be hired"),
    ),
    SourcingChannel(
        source=S.SOURCING,
        name="YC co-founder matching and Work at a Startup",
        why="Work at a Startup draws AI engineers who want startup upside, YC batch or not.",
        about=("yc", "y combinator", "work at a startup", "co founder matching", "cofounder matching"),
    ),
    SourcingChannel(
        source=S.SOURCING,
        name="ML conference Slack communities (NeurIPS, ICML, ICLR)",
        why="Active all year; show up as a peer instead of mass-messaging.",
        best_for=Audience.ML,
        about=("neurips", "icml", "iclr", "conference", "conferences"),
    ),
    SourcingChannel(
        source=S.SOURCING,
        name="Arxiv author outreach",
        why="For research engineers: read your field's papers and email the authors, especially second and third "
        "authors, who often did the implementation and may want to leave academia.",
        best_for=Audience.ML,
        about=("arxiv", "paper authors", "authors", "academia", "academics", "phd", "phds"),
    ),
    SourcingChannel(
        source=S.SOURCING,
        name="Kaggle top performers",
        why="Gold medallists in competitions close to your problem have shown ability that is hard to fake.",
        best_for=Audience.ML,
        about=("kaggle", "competitions", "grandmaster", "grandmasters", "gold medal"),
    ),
    SourcingChannel(
        source=S.SOURCING,
        name="AI fellowship programs",
        why="AI Fellowship, Recurse Center's AI track and accelerator programs turn out strong people who are "
        "actively looking.",
        about=("fellowship", "fellowships", "recurse", "accelerator", "bootcamp"),
    ),
    SourcingChannel(
        source=S.SOURCING,
        name="Open source contributors",
        why="Contributors to libraries you use (LangChain, LlamaIndex, vLLM, transformers): their code is public.",
        about=("open source", "github", "langchain", "llamaindex", "vllm", "transformers", "contributors"),
    ),
    SourcingChannel(
        source=S.SOURCING,
        name="Discord communities",
        why="The Latent Space Discord, EleutherAI and model-provider communities are quietly good hunting grounds.",
        about=("discord", "latent space", "eleuther", "eleutherai"),
    ),
)

OUTREACH_ADVICE = (
    "Candidates want the vision and the technical problems from the founder, not a third party.",
    "Write the message yourself and make it about their work: cite something they built.",
    "It is slower, and it converts far better.",
)

PLAYS = (
    Play(
        source=S.PLAYS,
        number=1,
        key="founder-led",
        name="Founder-led AI work",
        when=(
            "you are a technical founder",
            "your first AI feature is a straightforward retrieval or classification task",
        ),
        when_together=True,
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
        when_together=True,
        what="Make the full-time hire.",
        figures=("12 months",),
        watch_out="Hiring full time too early is the most common mistake; hiring too late is the second.",
    ),
)
