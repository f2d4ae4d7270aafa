"""The words founders use to describe what they are building, what went wrong and how they are deciding.

Plain lowercase phrases over normalised text (``knowledge.understanding.normalise``: hyphens and slashes become
spaces, apostrophes stay). A trailing plural ``s`` is always accepted. ``knowledge.decisions`` reads them; the
typo corrector leaves every word in them alone (``WORDS``).
"""

from __future__ import annotations

from collections.abc import Iterable

# fmt: off
# Products built on someone else's foundation model: AI engineer work. Weight 2 for a clear description, 1 for a hint.
BUILDS_ON_MODELS: dict[str, int] = {
    "rag": 2, "retrieval augmented": 2, "retrieval augmented generation": 2, "chatbot": 2, "chat bot": 2,
    "chat assistant": 2, "ai assistant": 2, "assistant": 2, "copilot": 2, "co pilot": 2, "agent": 2, "agentic": 2,
    "ai agent": 2, "llm feature": 2, "llm app": 2, "llm application": 2, "llm powered": 2, "llm based": 2,
    "gpt": 2, "chatgpt": 2, "gpt 4": 2, "gpt 4o": 2, "gpt 5": 2, "claude": 2, "openai": 2, "anthropic": 2,
    "gemini": 2, "foundation model": 2, "wrap": 2, "wraps": 2, "wrapper": 2, "wrapping": 2, "prompt": 2,
    "prompting": 2, "prompt engineering": 2, "eval": 2, "evals": 2, "eval suite": 2, "semantic search": 2,
    "vector database": 2, "vector db": 2, "embedding": 2, "langchain": 2, "llamaindex": 2, "llama index": 2,
    "tool calling": 2, "function calling": 2, "summarize": 2, "summarise": 2, "summarization": 2,
    "summarisation": 2, "summarizer": 2, "on top of": 2, "chat with": 2, "question answering": 2,
    "generative ai": 2, "gen ai": 2, "genai": 2, "support bot": 2, "voice agent": 2, "chat interface": 2,
    "ai feature": 2, "ai powered": 2, "llm": 1, "api": 1, "chat": 1, "docs": 1, "documents": 1,
    "model provider": 1, "knowledge base": 1, "search": 1,
}

# Products where the model itself is built: ML engineer work.
BUILDS_MODELS: dict[str, int] = {
    "train": 2, "training": 2, "trained": 2, "retrain": 2, "retraining": 2, "fine tune": 2, "fine tuning": 2,
    "fine tuned": 2, "finetune": 2, "finetuning": 2, "finetuned": 2, "pretrain": 2, "pretraining": 2,
    "pre train": 2, "computer vision": 2, "vision model": 2, "image recognition": 2, "image classification": 2,
    "object detection": 2, "segmentation": 2, "custom model": 2, "our own model": 2, "own model": 2,
    "proprietary model": 2, "proprietary data": 2, "our own data": 2, "training data": 2, "moat": 2,
    "recommendation engine": 2, "recommendation system": 2, "recommendation model": 2, "recommender": 2,
    "recsys": 2, "recommendations feed": 2, "product recommendations": 2, "personalized recommendations": 2,
    "ranking model": 2, "ranking": 2, "rank": 2, "ranks": 2, "learning to rank": 2, "forecasting": 2, "time series": 2,
    "fraud detection": 2, "fraud model": 2, "anomaly detection": 2, "speech recognition": 2, "from scratch": 2,
    "pytorch": 2, "distributed training": 2, "gpu cluster": 2, "h100": 2, "cuda": 2, "labelled data": 2,
    "labeled data": 2, "labeling": 2, "labelling": 2, "model is the product": 2, "state of the art": 2,
    "sota": 2, "novel architecture": 2, "differentiated model": 2, "open weights": 2, "lora": 2,
    "predict": 2, "predicting": 2, "churn model": 2, "churn prediction": 2, "propensity model": 2,
    "scoring model": 2, "gpu": 1, "dataset": 1, "our data": 1, "predictive": 1, "prediction": 1, "classifier": 1,
    "weights": 1,
}

# Work that needs a research engineer, not only an applied ML engineer.
NEEDS_RESEARCH: tuple[str, ...] = (
    "research", "novel architecture", "state of the art", "sota", "differentiated model", "frontier", "paper",
    "papers", "new architecture", "publish",
)

# Asking which role to hire (the product description decides which).
DECISION_ASKS: tuple[str, ...] = (
    "first hire", "first eng hire", "first engineering hire", "first ai hire", "first ml hire", "first technical hire",
    "first engineer", "hire first", "who first", "who to hire", "who should we hire", "who should i hire",
    "who do we hire", "who do i hire", "who should be our", "who should be my", "who do we need", "who do i need",
    "who should build", "who can build", "who would build", "who builds", "what should we hire",
    "what should i hire", "what role", "which role", "which one", "which engineer", "which kind", "which type",
    "what kind of engineer", "what type of engineer", "what kind of hire", "what kind of person", "what engineer",
    "what profile", "right role", "right hire", "do we need an ai",
    "do we need an ml", "do i need an ai", "do i need an ml", "need an ai engineer or", "need an ml engineer or",
    "what do i do", "what do we do", "what should i do", "what should we do", "who should we get",
    "who do we get", "is an ai engineer enough", "is an ml engineer overkill", "hire for this", "hire for it",
)

# "AI or ML engineer?" in any of the usual spellings.
AI_WORDS: tuple[str, ...] = ("ai", "llm", "genai", "gen ai", "applied ai", "ai eng", "ai engineer", "ai dev")
ML_WORDS: tuple[str, ...] = ("ml", "mle", "machine learning", "ml eng", "ml engineer", "applied ml")
CHOICE_WORDS: tuple[str, ...] = ("or", "vs", "versus", "or an", "or a")

# Other questions the same message may really be asking: then it is not a role decision.
OTHER_ASKS: tuple[str, ...] = (
    "interview", "interviewing", "screen", "screening", "take home", "what to ask", "what should i ask",
    "what do i ask", "red flag", "warning sign", "seniority", "sourcing", "use a recruiter", "hire a recruiter",
    "recruiter fee", "recruiting agency", "headhunter", "find one", "find them", "find candidates", "find someone",
    "where do we find", "where can i find", "equity", "stock", "stock option", "vesting", "shares", "underpay",
    "underpaying", "lowball", "afford", "below market", "under market", "less than market", "pay less",
    "save on salary", "skimp", "cheap out", "false economy", "contract or", "or contract", "contract for",
    "a contractor", "hire a contractor", "freelance", "freelancer", "fractional", "an agency", "consultant",
)

# "We hired the wrong one."
WRONG_HIRE: tuple[str, ...] = (
    "hired the wrong", "hire the wrong", "hiring the wrong", "hired wrong", "wrong hire", "mis hire", "mishire",
    "bad hire", "wrong kind of engineer",
    "wrong type of engineer", "wrong kind of hire", "hired for the wrong", "hiring mistake", "hire wrong",
    "getting it wrong", "get it wrong", "hired an ml engineer instead",
    "hired an ai engineer instead", "should have hired", "should've hired", "shouldve hired",
)
PAST_HIRE: tuple[str, ...] = (
    "we hired", "i hired", "just hired", "we brought on", "our new", "we onboarded", "we've hired", "weve hired",
    "have hired", "recently hired", "hired an", "hired a", "brought on an", "brought on a",
)
MISMATCH: tuple[str, ...] = (
    "but", "instead", "turns out", "turned out", "realized", "realised", "not working", "isn't working",
    "isnt working", "doesn't fit", "doesnt fit", "miserable", "struggling", "keeps", "wants to", "wrong",
    "unhappy", "bored", "frustrated", "hates", "quit", "quitting", "not a fit", "bad fit", "poor fit",
)

# Play 1: a technical founder with a small retrieval or classification feature.
TECHNICAL_FOUNDER: tuple[str, ...] = (
    "i'm technical", "i am technical", "im technical", "technical founder", "technical cofounder",
    "technical co founder", "i can code", "i code", "i'm an engineer", "i am an engineer", "im an engineer",
    "i'm a developer", "im a developer", "i'm a dev", "im a dev", "former engineer", "ex engineer", "ex swe",
    "i'm a swe", "i was an engineer", "engineer by background", "we're technical", "we are technical",
    "both technical", "i'm the cto", "i am the cto", "im the cto", "as the cto", "i write code", "i can build",
    "i'm a programmer", "i can program", "i know python", "i'm a software engineer", "im a software engineer",
)
SMALL_FEATURE: tuple[str, ...] = (
    "small", "simple", "straightforward", "basic", "tiny", "just a", "quick", "single feature", "one feature",
    "first feature", "first ai feature", "mvp", "prototype", "poc", "proof of concept", "weekend", "little",
)
BUILD_IT_MYSELF: tuple[str, ...] = (
    "build it myself", "build it ourselves", "build this myself", "build this ourselves", "do it myself",
    "do it ourselves", "diy", "it myself", "it ourselves", "build myself", "build ourselves", "myself before",
    "ourselves before", "myself first", "ourselves first", "need to hire at all", "even need to hire",
    "even need a hire", "just build", "build it first",
)
SMALL_TASKS: tuple[str, ...] = (
    "classification", "classifier", "classify", "categorize", "categorise", "categorization", "tagging", "tag",
    "retrieval", "search", "routing", "triage", "extraction", "dedup", "deduplication", "sorting", "rag",
)


def _words(*tables: Iterable[str]) -> frozenset[str]:
    return frozenset(word for table in tables for phrase in table for word in phrase.split())


# Words of described candidates (``knowledge.signals``) that a typo fix must not turn into pay words ("saying").
CANDIDATE_WORDS: tuple[str, ...] = (
    "saying said says kept keeps dropping using repeating mentioning mentioned describe described",
    "workflow workflows notebooks notebook kaggle shipped shipping",
    "prod production candidate candidates applicant interviewee textbook tradeoff tradeoffs baseline baselines",
    "latency opinions opinion preference forked tutorials streamlit gradio failure failures broke proud bug bugs",
    "medal medals grandmaster jargon buzzword buzzwords hype assistant assistants docs founder founders",
)

WORDS: frozenset[str] = _words(
    BUILDS_ON_MODELS, BUILDS_MODELS, NEEDS_RESEARCH, DECISION_ASKS, OTHER_ASKS, WRONG_HIRE, PAST_HIRE, MISMATCH,
    TECHNICAL_FOUNDER, SMALL_FEATURE, BUILD_IT_MYSELF, SMALL_TASKS, CANDIDATE_WORDS,
)
# fmt: on
