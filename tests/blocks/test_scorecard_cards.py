"""Scorecard cards, debriefs and the App Home: valid for Slack, built from the rubric, user text escaped,
nothing the blind rule hides. ``UPDATE_SNAPSHOTS=1`` rewrites the snapshots after a deliberate change."""

from __future__ import annotations

import json
import os
from functools import partial
from pathlib import Path

import pytest

from blocks import ids
from blocks.common import Card
from blocks.debrief_cards import debrief_card, no_scorecards_card
from blocks.home import answer_modal, home_view, question_modal
from blocks.scorecard_cards import (
    blind_scorecard_card,
    channel_summary_card,
    reminder_card,
    summary_card,
)
from blocks.scorecard_form import scorecard_modal
from blocks.scorecard_values import FillScorecard, ScorecardRef
from bot.hire.router import hire_reply, offline_context
from knowledge.debrief import build_debrief, debrief_for
from knowledge.engine import AnswerEngine
from knowledge.leaning import assess
from knowledge.scorecards import NOTES_MAX, Submission
from tests import factories
from tests.blocks.validity import valid_card, valid_view
from tests.factories import AT, reminder
from tests.fakes.block_checks import shown

scorecard = partial(factories.scorecard, **factories.DETAILED)
SNAPSHOTS = Path(__file__).with_name("snapshots")
SECRETS = ("notes-secret", "\u25cf", "Leaning", "Buzzwords", "Recommend", "Yes", "Brings up evaluation", "Prompt")


def test_summary_card_shows_everything_and_escapes_notes() -> None:
    card = scorecard(notes="<!channel> look <https://evil.example|here> & *there*")
    payload = valid_card(summary_card(card, assess(card)))
    text = shown(payload["blocks"])
    for expected in ("Ada Lovelace", "AI engineer", "Senior", "Technical deep dive", "Yes", "<@U0GRACE001>"):
        assert expected in text
    assert "Evaluation: \u25cf\u25cf\u25cb\u25cb *2*" in text
    assert "Buzzwords without one concrete workflow" in text
    assert "Brings up evaluation before you ask" in text
    assert "The last eval suite they built" in text
    assert "Why it leans this way" in text
    assert "<!channel>" not in text and "<https://evil" not in text


def test_the_longest_notes_fit_a_card() -> None:
    card = scorecard(notes="<" * NOTES_MAX)
    valid_card(summary_card(card, assess(card), replaced=True))


def test_the_channel_card_holds_no_ratings() -> None:
    card = scorecard()
    payload = valid_card(channel_summary_card(Submission.of(card), card.id))
    text = shown(payload["blocks"])
    assert "<@U0GRACE001>" in text and "Ada Lovelace" in text and "technical deep dive" in text
    assert not any(secret in text for secret in SECRETS)
    values = [e["value"] for b in payload["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert ScorecardRef.parse(values[0]).scorecard == card.id
    assert FillScorecard.parse(values[1]).candidate == "Ada Lovelace"


def test_the_blind_scorecard_card_says_how_to_see_it() -> None:
    text = shown(valid_card(blind_scorecard_card(Submission.of(scorecard())))["blocks"])
    assert "once you've submitted your own" in text
    assert not any(secret in text for secret in SECRETS)


def test_the_full_debrief() -> None:
    cards = [
        scorecard("U0GRACE001", ratings={"prompt": 1, "product": 4, "evaluation": 2}),
        scorecard("U0KATHERIN", 5, ratings={"prompt": 4, "product": 4, "evaluation": 3}, red_flags=("buzzwords",)),
    ]
    payload = valid_card(debrief_card(build_debrief(cards)))
    text = shown(payload["blocks"])
    assert "Prompt engineering: *2.5* of 4 (2 scorecards)" in text
    assert "Strong no 0 \u00b7 No 0 \u00b7 Yes 2 \u00b7 Strong yes 0" in text
    assert "Buzzwords without one concrete workflow: <@U0GRACE001>, <@U0KATHERIN>" in text
    assert "Prompt engineering: <@U0GRACE001> 1 (technical deep dive), <@U0KATHERIN> 4" in text
    assert "notes-secret" in text


def test_a_debrief_of_many_scorecards_fits_a_message() -> None:
    cards = [scorecard(f"U0PERSON{n:02d}", n, notes="x" * 3000) for n in range(40)]
    payload = valid_card(debrief_card(build_debrief(cards)))
    assert "32 earlier scorecards not shown here." in shown(payload["blocks"])


def test_the_blind_debrief_lists_who_submitted_and_nothing_else() -> None:
    cards = [scorecard("U0GRACE001"), scorecard("U0KATHERIN", 5)]
    blind = debrief_for("U0ALAN0001", cards, ("U0HIRINGMGR",))
    payload = valid_card(debrief_card(blind))
    text = shown(payload["blocks"])
    assert "<@U0GRACE001>" in text and "<@U0KATHERIN>" in text and "2 scorecards so far" in text
    assert not any(secret in text for secret in SECRETS)


def test_no_scorecards_yet() -> None:
    assert "No scorecards for *&lt;Ada&gt;* yet" in shown(valid_card(no_scorecards_card("<Ada>"))["blocks"])


def test_the_reminder_dm_carries_the_candidate() -> None:
    payload = valid_card(reminder_card("U0HIRINGMGR", "U0GRACE001", "Ada Lovelace", "ada lovelace/U0GRACE001"))
    assert "<@U0HIRINGMGR> asked me to remind you" in shown(payload["blocks"])
    [button] = [e for b in payload["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert button["action_id"] == ids.FILL_SCORECARD_ACTION
    assert FillScorecard.parse(button["value"]) == FillScorecard(
        candidate="Ada Lovelace", reminder="ada lovelace/U0GRACE001"
    )
    own = valid_card(reminder_card("U0GRACE001", "U0GRACE001", "Ada", "ada/U0GRACE001"))
    assert "You asked me to remind you" in shown(own["blocks"])


def test_the_home_view_respects_the_blind_rule_and_fits() -> None:
    cards = [scorecard("U0GRACE001"), scorecard("U0KATHERIN", 5)]
    blind = debrief_for("U0ALAN0001", cards, ())
    full = build_debrief(cards)
    view = home_view(
        asked_of_me=[reminder("U0ALAN0001", "U0HIRINGMGR", 1)] * 20,
        asked_by_me=[reminder("U0GRACE001", "U0ALAN0001", 2), reminder("U0KATHERIN", "U0ALAN0001", -2)],
        recent=[scorecard("U0ALAN0001")] * 20,
        debriefs=[blind, full] * 10,
        now=AT,
        notice="Cancelled <x>",
    )
    payload = valid_view(view)
    assert payload["type"] == "home" and len(payload["blocks"]) <= 100
    text = shown(payload)
    assert "yours isn't in yet, so theirs stay hidden" in text
    assert "Cancelled &lt;x&gt;" in text
    assert "scorecard not in yet" in text  # the delivered reminder has no Cancel button
    cancel = [b for b in payload["blocks"] if b.get("accessory", {}).get("action_id") == ids.CANCEL_REMINDER_ACTION]
    assert len(cancel) == 1


def test_the_home_view_without_the_store() -> None:
    payload = valid_view(home_view(now=AT, store_ok=False))
    assert "can't reach its database" in shown(payload)


def test_the_question_modal_and_its_answer() -> None:
    valid_view(question_modal())
    answer = hire_reply("ask senior ml engineer in sf?", offline_context(AnswerEngine())).card
    valid_view(answer_modal("senior ml <@U1>?", answer.blocks))


@pytest.mark.parametrize("subcommand", ["scorecard", "debrief", "remind"])
def test_hirebot_try_explains_the_slack_only_subcommands(subcommand: str) -> None:
    reply = hire_reply(f"{subcommand} Ada <!here>", offline_context(AnswerEngine()))
    assert reply.name == subcommand
    text = shown(valid_card(reply.card)["blocks"])
    assert f"/hire {subcommand}" in text and "<!here>" not in text


def test_near_misses_suggest_the_scorecard_subcommands() -> None:
    assert "Did you mean `/hire scorecard`?" in shown(
        hire_reply("scorecrd Ada", offline_context(AnswerEngine())).card.payload()
    )


SNAPSHOT_CARDS = {
    "scorecard-modal-ai": lambda: scorecard_modal(scorecard().as_draft(), private_metadata='{"shown_role":"ai"}'),
    "scorecard-summary": lambda: summary_card(scorecard(), assess(scorecard())),
    "scorecard-debrief": lambda: debrief_card(
        build_debrief([scorecard(), scorecard("U0KATHERIN", 5, ratings={"prompt": 1, "product": 4, "evaluation": 4})])
    ),
}


@pytest.mark.parametrize("name", list(SNAPSHOT_CARDS))
def test_scorecard_snapshots(name: str) -> None:
    built = SNAPSHOT_CARDS[name]()
    payload = built.payload() if isinstance(built, Card) else built.to_dict()
    rendered = json.dumps(payload, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    path = SNAPSHOTS / f"{name}.json"
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        path.write_text(rendered)
    assert path.read_text() == rendered, f"{name} changed; rerun with UPDATE_SNAPSHOTS=1 if intended"
