"""/hire calibration through the real server, on the hand-computed panel of ``tests.knowledge.test_calibration``:
Katherine's scorecard for Bea goes through the form after her reminder had fired, so it counts as late."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.config import Settings
from tests.factories import reminder
from tests.fakes.block_checks import check_message_blocks
from tests.fakes.slack_api import FakeSlackAPI
from tests.knowledge.test_calibration import CARDS, DECISIONS, A, G, K
from tests.scenarios.conftest import HirebotServer
from tests.scenarios.decision_steps import reply_to
from tests.scenarios.scorecard_steps import HIRING_MANAGER, submit_scorecard


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"hiring_managers": (HIRING_MANAGER,)})


async def test_calibration_shows_each_interviewer_against_the_panel(
    hirebot: HirebotServer, slack: FakeSlackAPI
) -> None:
    deps, now = hirebot.deps, datetime.now(UTC)
    for index, card in enumerate(CARDS):
        if (card.interviewer, card.candidate_key) != (K, "bea"):
            await deps.scorecard_records.save(
                card.model_copy(update={"submitted_at": now - timedelta(days=2, minutes=-index)})
            )
    fired = reminder(K, at=now - timedelta(hours=2), candidate="Bea", candidate_key="bea")  # fired an hour ago
    await deps.reminder_records.save(fired, now)
    await submit_scorecard(
        hirebot,
        slack,
        user=K,
        candidate="Bea",
        ratings={"prompt": 3, "product": 3, "evaluation": 4},
        recommendation="yes",
    )
    for decision in DECISIONS.values():
        await deps.decision_records.save(decision.model_copy(update={"decided_at": now - timedelta(days=1)}))

    refused = await reply_to(hirebot, slack, "calibration", user=G, name="grace")
    assert "Only hiring managers can see interviewer calibration" in refused["text"]
    reply = await reply_to(hirebot, slack, "calibration", user=HIRING_MANAGER, name="manager")
    assert check_message_blocks(reply["blocks"]) == []
    sections = [b["text"]["text"] for b in reply["blocks"] if b["type"] == "section"]
    grace, katherine, alan = sections
    assert grace.splitlines() == [
        f"*<@{G}>* \u00b7 3 scorecards \u00b7 100% of recommendations matched the decision (2 of 2) \u00b7 late 0 of 3",
        "Prompt engineering: *3.0* vs panel 2.7 (+0.3)",
        "Product integration: *3.7* vs panel 3.1 (+0.5)",
        "Evaluation: *3.0* vs panel 2.9 (+0.1)",
    ]
    assert katherine.splitlines()[0] == (
        f"*<@{K}>* \u00b7 3 scorecards \u00b7 50% of recommendations matched the decision (1 of 2) \u00b7 late 1 of 3"
    )
    assert alan == f"<@{A}> \u00b7 1 scorecard: not enough data (fewer than 3)"
