"""The words people use in Slack for the guide's roles, levels, places and topics.

Each cue list is plain lowercase phrases over normalised text (hyphens and slashes become spaces). A trailing
plural ``s`` is always accepted. These lists are also the typo corrector's dictionary.
"""

from __future__ import annotations

# fmt: off
ROLE_CUES: dict[str, tuple[str, ...]] = {
    "ai": (
        "ai engineer", "ai eng", "ai dev", "ai developer", "ai hire", "ai person", "ai folk", "ai people",
        "ai product engineer", "llm engineer", "genai engineer", "gen ai engineer", "applied ai engineer",
        "prompt engineer", "ai", "llm", "genai",
    ),
    "ml": (
        "ml engineer", "ml eng", "mle", "machine learning engineer", "machine learning", "applied ml",
        "applied ml engineer", "ml", "mlops",
    ),
    "research": (
        "research engineer", "research eng", "researcher", "research scientist", "ml researcher", "research",
        "first author", "neurips", "icml", "iclr",  # the guide's research band is for people with these papers
    ),
}

LEVEL_CUES: dict[str, tuple[str, ...]] = {
    "junior": (
        "junior", "jr", "jnr", "entry level", "entry", "new grad", "graduate", "grad", "early career",
    ),
    "mid": (
        "mid level", "midlevel", "mid", "intermediate", "mid senior",
    ),
    "senior": (
        "senior", "sr", "snr", "seasoned",
    ),
    "staff": (
        "staff",
    ),
    "principal": (
        "principal", "distinguished",
    ),
}

HIGH_COST_PLACES: dict[str, str] = {
    "sf": "the Bay Area", "san francisco": "the Bay Area", "sf bay area": "the Bay Area", "bay area": "the Bay Area",
    "the bay": "the Bay Area", "silicon valley": "the Bay Area", "palo alto": "the Bay Area",
    "mountain view": "the Bay Area", "menlo park": "the Bay Area", "sunnyvale": "the Bay Area",
    "san jose": "the Bay Area", "oakland": "the Bay Area", "berkeley": "the Bay Area", "south bay": "the Bay Area",
    "nyc": "New York", "new york": "New York", "new york city": "New York", "ny": "New York", "manhattan": "New York",
    "brooklyn": "New York",
}

OTHER_US_PLACES: tuple[str, ...] = (
    "austin", "seattle", "boston", "chicago", "denver", "los angeles", "san diego", "miami", "atlanta", "portland",
    "dallas", "houston", "philadelphia", "pittsburgh", "phoenix", "salt lake city", "minneapolis", "raleigh",
    "nashville", "detroit", "washington dc", "dc", "boulder", "texas", "colorado", "ohio", "florida",
    "north carolina", "usa", "united states", "stateside", "new mexico", "new jersey", "new hampshire", "new england",
    "virginia", "utah", "arizona", "oregon", "michigan", "illinois", "massachusetts",
)

OUTSIDE_US_PLACES: tuple[str, ...] = (
    "london", "uk", "united kingdom", "england", "berlin", "germany", "munich", "paris", "france", "europe", "eu",
    "amsterdam", "netherlands", "dublin", "ireland", "lisbon", "portugal", "madrid", "spain", "barcelona", "warsaw",
    "poland", "zurich", "switzerland", "stockholm", "toronto", "vancouver", "montreal", "canada", "india",
    "bangalore", "bengaluru", "hyderabad", "pune", "singapore", "sydney", "melbourne", "australia", "tel aviv",
    "israel", "mexico", "brazil", "sao paulo", "latam", "latin america", "argentina", "buenos aires", "tokyo",
    "japan", "seoul", "korea", "china", "beijing", "shanghai", "nigeria", "lagos", "kenya", "nairobi", "ukraine",
    "romania", "eastern europe", "asia", "africa", "abroad", "offshore", "overseas",
)

LOW_COST_CUES: tuple[str, ...] = (
    "lcol", "low col", "lower col", "low cost", "lower cost", "low cost of living", "lower cost of living", "cheaper",
    "cheap", "cheapest", "less expensive", "inexpensive", "affordable", "low cost region", "cheaper region",
    "cheaper area", "cheaper state", "cheaper city", "rural", "midwest",
)

REMOTE_CUES: tuple[str, ...] = (
    "remote", "remotely", "distributed", "wfh", "work from home", "fully remote",
)

AGENTIC_CUES: tuple[str, ...] = (
    "agentic", "agent", "multi agent", "multiagent", "autonomous agent", "agentic system", "agentic workflow",
    "ai agent", "tool using agent", "built agent", "shipped agent",
)

NEGATIONS: tuple[str, ...] = (
    "no", "not", "never", "without", "hasn't", "haven't", "hasnt", "havent", "didn't", "didnt", "non", "zero",
    "lacks", "lacking",
)

TOPIC_CUES: dict[str, tuple[str, ...]] = {
    "pay": (
        "salary", "salaries", "pay", "paid", "paying", "comp", "compensation", "earn", "earning", "make", "making",
        "offer", "budget", "band", "wage", "base", "bonus", "cost", "price", "market rate", "rate", "tc",
        "total comp", "package", "range", "how much", "what to pay", "$", "dollars", "money", "fair offer",
        "going rate", "benchmark",
    ),
    "equity": (
        "equity", "stock", "stock option", "options", "shares", "ownership", "vesting", "percent of the company",
        "esop", "rsu", "founding engineer", "founding", "founding hire",
    ),
    "underpay": (
        "underpay", "underpaying", "underpaid", "lowball", "lowballing", "false economy", "save money", "cheap out",
        "skimp", "pay less", "cannot afford", "can't afford", "cant afford", "afford", "too expensive",
        "save on salary", "below market", "under market", "less than market", "below the band", "bargain",
    ),
    "interview": (
        "interview", "interviewing", "interview question", "question", "ask candidate", "ask them", "screen",
        "screening", "assess", "assessment", "technical screen", "interview loop", "take home", "what to ask",
        "should i ask", "should we ask", "do i ask", "do we ask", "onsite", "on site", "final round", "tech screen",
        "test whether", "test if", "probe", "would you ask", "would i ask", "could i ask", "could we ask", "can i ask",
        "can we ask",
    ),
    "red_flags": (
        "red flag", "flag", "warning sign", "dealbreaker", "deal breaker", "bad sign", "watch out for", "avoid",
        "portfolio", "github", "forked", "tutorial", "streamlit", "notebook",
    ),
    "signals": (
        "seniority", "seniority signal", "signal", "green flag", "good sign", "truly senior", "actually senior",
        "really senior", "how to tell", "tell if", "tell whether", "spot a senior", "senior enough",
        "strong candidate", "sign", "signs of", "what makes", "good candidate", "great candidate", "strong senior",
        "what makes a strong", "fake senior", "spot a fake", "real senior", "genuine senior", "how do i spot",
        "how to spot", "how can i spot",
    ),
    "sourcing": (
        "find", "finding", "source", "sourcing", "where", "recruit", "recruiting", "recruiter", "channel", "inmail",
        "linkedin", "hacker news", "hn", "who is hiring", "kaggle", "arxiv", "discord", "outreach", "reach out",
        "pipeline", "talent pool", "job board", "communities", "community", "headhunter", "work at a startup",
        "open source", "conference", "message candidates", "write to candidates", "email candidates",
        "messages to candidates", "emails to candidates", "no replies", "no reply", "not replying", "don't reply",
        "dont reply",
        "get candidates to reply", "get candidates to respond", "reply rate", "response rate", "reply to us",
        "get back to us", "ghosted", "ghosting",
    ),
    "plays": (
        "contract", "contractor", "contracting", "freelance", "freelancer", "fractional", "consultant", "consultancy",
        "agency", "outsource", "outsourcing", "build it ourselves", "build it myself", "build ourselves",
        "do it myself", "do it ourselves", "diy", "founder led", "full time", "fte", "build vs hire", "build or hire",
        "hire or contract", "contract or hire", "build vs buy", "play", "hourly", "per hour", "hour", "weekend",
        "should we hire", "should i hire", "need to hire", "hire at all", "decision framework", "too early",
        "too late", "when to hire", "myself", "ourselves", "technical founder", "build it", "in house",
    ),
    "roles": (
        "difference", "differences", "differ", "diff", "between", "vs", "versus", "compare", "comparison",
        "distinguish", "tell apart", "which first", "hire first", "first hire", "which role", "which one",
        "who first", "who should we hire", "who do we hire", "who do i hire", "do we need", "do i need", "wrap",
        "wrapping", "wrapper", "claude", "gpt", "openai", "gemini", "foundation model", "llm api", "api", "moat",
        "proprietary", "own model", "train our own", "training our own", "training data", "what does",
        "what do they do", "need a phd", "need phds", "need a degree", "phd", "phds", "day to day", "typical day",
        "day in the life", "tuesday", "north star", "triangle", "ppe",
        "prompt engineering", "product integration", "competency", "competencies", "applied vs research", "tribe",
        "kinds of ml", "types of ml", "mistake", "wrong hire", "wrong one", "wrong person", "wrong role", "mix up",
        "mixing up", "confuse", "confusion", "confused", "interchangeable", "same thing", "overlap", "skill tree",
        "responsibilities", "role",
    ),
}

ROLES_SUBJECT_CUES: dict[str, tuple[str, ...]] = {
    "compare": (
        "difference", "differ", "diff", "between", "vs", "versus", "compare", "comparison", "tell apart",
    ),
    "mistake": (
        "mistake", "wrong hire", "wrong one", "wrong person", "wrong role", "mix up", "mixing up", "mixed up",
        "confuse", "confusion", "confused", "interchangeable", "same thing", "overlap", "skill tree",
        "cost of hiring", "cost of getting", "hire the wrong", "hiring the wrong", "get it wrong",
    ),
    "ppe": (
        "ppe", "triangle", "prompt engineering", "product integration", "competency", "competencies",
    ),
    "tribes": (
        "applied vs research", "applied or research", "applied versus research", "research vs applied", "tribe",
        "kinds of ml", "types of ml", "kinds of ml engineer", "types of ml engineer", "sub tribe",
    ),
    "first-hire": (
        "first", "which one", "which role", "who should we hire", "who do we hire", "who do i hire",
        "who should i hire", "do we need", "do i need", "should we hire", "should i hire", "wrap", "wrapping",
        "wrapper", "claude", "gpt", "openai", "gemini", "foundation model", "llm api", "api", "moat", "proprietary",
        "own model", "train our own", "training our own", "training data", "need an ai", "need an ml", "right for us",
        "right hire",
    ),
}

PRODUCT_CUES: dict[str, tuple[str, ...]] = {
    "foundation": (
        "wrap", "wrapping", "wrapper", "claude", "gpt", "openai", "anthropic", "gemini", "foundation model",
        "llm api", "api", "on top of llm", "on top of model", "build on llm", "rag", "chatbot", "copilot",
    ),
    "moat": (
        "moat", "proprietary", "own model", "train our own", "training our own", "train a model", "training data",
        "custom model", "pretrain", "pretraining", "our data is", "fine tune our own",
    ),
}

FOLLOW_UP_OPENERS: tuple[str, ...] = (
    "and", "what about", "how about", "what if", "same", "same but", "now", "also", "then", "ok and", "okay and",
    "but", "or", "for",
)
# fmt: on

# Everyday words that sit one typo away from a domain word ("stuff" and "staff"): never "corrected".
_COMMON_WORDS_TEXT = """
    about above after again against also always another answer anyone anything around asked asking average
    back based because been before being below best better between both bring build built busy call came
    cannot case change cheap check city come company could cover data date days does doing done down each
    early else enough even every example fair feel feels folks from give given goes going good great guess
    hand happens have having hello help here hers high hire hired hires hiring hold home hope idea into just
    keep kind know land last late least left less level life like line little live long look looking lots
    made main many maybe mean means might mind more most much must name near need needs never next nice
    none note number often once only open other ours over part people person place plan please point pretty
    quick quite rather ready real really right said same says seed seem series sell shall should show side
    since some someone something soon sort start startup state still stuff such sure take team teams tell
    than thank thanks that their them then there these they thing things think this those though thought
    time today told took total tough true type under until upon very want wants well were what when where
    which while whole will wish with within without work works worth would year years your yours
    fund funds funded funding fundraise founder founders founded round raise raised closed close lead leads
    researched researching shouldnt couldnt wouldnt didnt doesnt dont isnt arent wont kinda sorta gonna
    wanna gotta pricey price prices dollar cents folks guys hmmm okay yeah sure thanks cheers
    tight light night fight sight eight weight height lean tiny large heavy weird tricky fine sound solid
    smart sharp clear clean quiet quite steep stiff cheaper pricier
    stack stacks frontend backend fullstack mobile designer designers scientist scientists analyst analysts
    manager managers product recruiter recruiters devops
"""
COMMON_WORDS: frozenset[str] = frozenset(_COMMON_WORDS_TEXT.split())
