"""The use cases after a debrief, behind one service built once in ``Deps.build``: decide, draft an offer, forget a
candidate, and read the panel's calibration. Listeners in ``handlers.decisions`` parse what Slack sent, call one
of these, and reply; ``/hire decide|offer|forget|calibration`` come in through ``handlers.commands``."""

from __future__ import annotations

import logging
from typing import Final

from slack_bolt.async_app import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from blocks import messages
from bot.config import Settings
from bot.decisions.calibrating import Calibrating
from bot.decisions.deciding import Deciding, say
from bot.decisions.forget_command import ForgetCommand
from bot.decisions.forgetting import Forgetting
from bot.decisions.offering import Offering
from bot.decisions.retention import RetentionSweep
from bot.scorecards.delivery import tell
from bot.scorecards.home import HomePublisher
from bot.store.audit import AuditLog
from bot.store.candidate_data import CandidateData
from bot.store.decisions import DecisionRecords
from bot.store.scorecards import ScorecardRecords
from knowledge.pay import PayCalculator

logger = logging.getLogger(__name__)

SUBCOMMANDS: Final = frozenset({"decide", "offer", "forget", "calibration"})


class DecisionService:
    def __init__(
        self,
        settings: Settings,
        scorecard_records: ScorecardRecords,
        decision_records: DecisionRecords,
        audit: AuditLog,
        home: HomePublisher,
        calculator: PayCalculator,
    ) -> None:
        self.deciding = Deciding(settings, scorecard_records, decision_records, audit, home)
        self.offering = Offering(settings, self.deciding, calculator)
        self.forgetting = Forgetting(CandidateData(decision_records.store, decision_records), audit, home)
        self.forget = ForgetCommand(self.deciding, self.forgetting)
        self.calibrating = Calibrating(self.deciding, settings.hirebot_calibration_days)
        self.retention = RetentionSweep(
            settings, decision_records.store, scorecard_records, decision_records, self.forgetting
        )

    @staticmethod
    def runs(name: str) -> bool:
        return name in SUBCOMMANDS

    async def run_subcommand(
        self,
        name: str,
        args: str,
        *,
        user: str,
        trigger_id: str,
        client: AsyncWebClient,
        respond: AsyncRespond,
    ) -> None:
        """Run an already acked ``/hire decide|offer|forget|calibration``; failures are logged and told plainly."""
        try:
            if name == "decide":
                await self.deciding.open(client, respond, args, user=user, trigger_id=trigger_id)
            elif name == "offer":

                async def reply(text: str) -> None:
                    await say(respond, text)

                await self.offering.open(client, reply, args, user=user, trigger_id=trigger_id)
            elif name == "calibration":
                await self.calibrating.reply(respond, user=user)
            elif name == "forget":
                await self.forget.open(client, respond, args, user=user, trigger_id=trigger_id)
            else:
                raise ValueError(f"no use case for /hire {name}")
        except Exception:
            logger.exception("/hire %s failed", name)
            await respond(response_type="ephemeral", text=messages.SORRY)

    async def open_offer(
        self, client: AsyncWebClient, *, user: str, trigger_id: str, candidate: str, in_modal: bool
    ) -> None:
        """The "Draft offer" button on a hire decision; replies by DM (a modal has no response URL). Never raises."""

        async def reply(text: str) -> None:
            await tell(client, user, text)

        try:
            await self.offering.open(client, reply, candidate, user=user, trigger_id=trigger_id, push=in_modal)
        except Exception:
            logger.exception("Could not open the offer modal")
            await tell(client, user, messages.SORRY)
