"""The guide's pay section: the seven bands, the location and agentic rules, equity and the warning against
underpaying. Figures exactly as the guide gives them."""

from __future__ import annotations

from knowledge.models import (
    AgenticPremium,
    EquityGuidance,
    Level,
    LocationRule,
    PayBand,
    Role,
    Section,
    UnderpayWarning,
)

S = Section

BANDS = (
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
)

LOCATION_RULES = (
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
)

AGENTIC_PREMIUM = AgenticPremium(
    source=S.SALARIES,
    role=Role.AI_ENGINEER,
    level=Level.SENIOR,
    amount_k=40,
    condition="a senior AI engineer who has shipped agentic systems to production",
)

MARKET_NOTE = "Over the last 18 months pay has stratified: the top of the market rose, the bottom stayed flat "
"and the middle thinned out."

EQUITY = EquityGuidance(
    source=S.SALARIES,
    senior_hire="0.5% to 2% for a senior hire at a well-funded seed-stage startup",
    founding_engineer="up to 5% for a founding engineer",
    research_engineer="significant equity on top of the band for a research engineer with publications",
    context="The pay bands exclude equity; equity comes on top.",
)

UNDERPAY = UnderpayWarning(
    source=S.SALARIES,
    saving="Shaving $40K off your first AI hire's base is a false economy.",
    consequence="It costs months of engineering spent on the wrong architecture.",
    alternative="If a strong mid-level AI engineer is out of budget, bring in a fractional contractor until it isn't.",
)
