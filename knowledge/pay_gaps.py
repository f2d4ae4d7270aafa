"""Words that mark pay the guide doesn't cover, and reading which gap a message names: titles it has no band for
("lead", "head of", "data scientist"), a research engineer without publications, premiums it names without a
figure, and currencies other than the dollar. ``knowledge.pay_coverage`` answers each."""

from __future__ import annotations

import re
from typing import Literal

from knowledge.models import Role

Gap = Literal["lead", "head", "unpublished", "fine-tuning", "papers", "currency", "other-title"]

LEAD_TITLE = re.compile(
    r"\b(?:tech lead|team lead|lead (?:ai|ml|mle|llm|machine learning|research|genai)|"
    r"lead (?:engineer|eng|dev|developer|scientist)|(?:ai|ml|llm|research|genai) lead)s?\b"
)
HEAD_TITLE = re.compile(
    r"\b(?:head of (?:ai|ml|machine learning|research|llm|genai|data science)|vp (?:of )?(?:ai|ml|research)|"
    r"director of (?:ai|ml|machine learning|research)|chief ai officer)\b"
)
UNPUBLISHED = re.compile(
    r"\b(?:unpublished|(?:no|without|zero|not|never|hasn't|hasnt|haven't|havent|doesn't|doesnt|don't|dont|"
    r"lacks?|lacking|minus)(?: \w+){0,3}? (?:publications?|papers?|pubs|published|publishing|first author))\b"
)
# Titles outside the guide, which covers AI, ML and research engineers only: asked on their own, no band is theirs.
OTHER_TITLE = re.compile(
    r"\b(?P<title>data scientists?|data engineers?|data analysts?|analytics engineers?|product managers?|"
    r"product designers?|ux designers?|designers?|devops engineers?|site reliability engineers?|sres?|"
    r"(?:front ?end|back ?end|full ?stack|mobile|ios|android|qa) (?:engineers?|engs?|devs?|developers?|people|person)|"
    r"recruiters?)\b"
)
PAPERS = re.compile(r"\b(?:first author|neurips|icml|iclr|papers?|publications?|pubs)\b")
FINE_TUNING = re.compile(r"\b(?:fine ?tun\w*|finetun\w*)\b")
PREMIUM_CUES = re.compile(r"\b(?:premium|extra|more|add|adds|bump|uplift|worth|top of)\b")
CURRENCY = re.compile(
    r"[\u20ac\u00a3\u00a5\u20b9]|\b(?:euros?|eur|gbp|pounds sterling|sterling|cad|aud|inr|rupees?|yen|chf|"
    r"swiss francs?|zloty|pesos?|local currency)\b"
)


def read_gap(text: str, roles: tuple[Role, ...], no_operation: bool) -> Gap | None:
    """What in ``text`` (cleaned, lowercased) the guide has no figure for, given the roles named and whether the
    message asks for arithmetic (a premium asked alone is a gap; within a sum it is not)."""
    if not roles and OTHER_TITLE.search(text):
        return "other-title"
    if HEAD_TITLE.search(text):
        return "head"
    if LEAD_TITLE.search(text):
        return "lead"
    if UNPUBLISHED.search(text) and (Role.RESEARCH_ENGINEER in roles or "research" in text):
        return "unpublished"
    if CURRENCY.search(text):
        return "currency"
    if no_operation and FINE_TUNING.search(text):
        return "fine-tuning"  # "and w/ fine-tuning experience?": the guide names that premium, with no figure
    if no_operation and PREMIUM_CUES.search(text) and PAPERS.search(text):
        return "papers"
    return None
