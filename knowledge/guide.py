"""The hiring guide restated as data. Advice is in our own words; every figure is the guide's, unchanged.

``GUIDE`` is immutable reference data validated once at import, not a service: it holds no connections
and nothing mutates it, so sharing it module-wide is safe. Its parts live by section in ``guide_roles``,
``guide_pay`` and ``guide_hiring``.
"""

from __future__ import annotations

from knowledge import guide_hiring, guide_pay, guide_roles
from knowledge.models import Guide

GUIDE = Guide(
    confusion=guide_roles.CONFUSION,
    ai_profile=guide_roles.AI_PROFILE,
    ppe_triangle=guide_roles.PPE_TRIANGLE,
    ml_profile=guide_roles.ML_PROFILE,
    ml_tribes=guide_roles.ML_TRIBES,
    bands=guide_pay.BANDS,
    location_rules=guide_pay.LOCATION_RULES,
    agentic_premium=guide_pay.AGENTIC_PREMIUM,
    market_note=guide_pay.MARKET_NOTE,
    equity=guide_pay.EQUITY,
    underpay=guide_pay.UNDERPAY,
    interview_questions=guide_hiring.INTERVIEW_QUESTIONS,
    interview_advice=guide_hiring.INTERVIEW_ADVICE,
    red_flags=guide_hiring.RED_FLAGS,
    seniority_signals=guide_hiring.SENIORITY_SIGNALS,
    underrated_signal=guide_hiring.UNDERRATED_SIGNAL,
    inmail_response_rate=guide_hiring.INMAIL_RESPONSE_RATE,
    founder_led_advantage=guide_hiring.FOUNDER_LED_ADVANTAGE,
    sourcing_channels=guide_hiring.SOURCING_CHANNELS,
    outreach_advice=guide_hiring.OUTREACH_ADVICE,
    plays=guide_hiring.PLAYS,
)
