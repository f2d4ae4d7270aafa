"""``/hire calibration`` for hiring managers: the last ``HIREBOT_CALIBRATION_DAYS`` of scorecards, decisions and
late submissions, read from the store and handed to ``knowledge.calibration``."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Final

from slack_bolt.async_app import AsyncRespond

from blocks import messages
from blocks.calibration_cards import calibration_card
from bot.decisions.deciding import Deciding, say
from bot.store.redis_store import StoreUnavailable
from knowledge.calibration import calibrate

MAX_CANDIDATES: Final = 10_000


class Calibrating:
    def __init__(self, deciding: Deciding, days: int) -> None:
        self.deciding = deciding
        self.days = days

    async def reply(self, respond: AsyncRespond, *, user: str) -> None:
        if not await self.deciding.is_manager(user):
            await say(respond, messages.MANAGERS_ONLY.format(what="see interviewer calibration"))
            return
        since = datetime.now(UTC) - timedelta(days=self.days)
        records, decisions = self.deciding.scorecard_records, self.deciding.decision_records
        try:
            entries = await records.recent_candidates(since, MAX_CANDIDATES)
            scorecards = [
                s
                for entry in entries
                for s in await records.for_candidate(entry.candidate_key)
                if s.submitted_at >= since
            ]
            keys = list(dict.fromkeys(s.candidate_key for s in scorecards))
            late = await decisions.lates({(s.candidate_key, s.interviewer) for s in scorecards})
            results = calibrate(scorecards, await decisions.for_candidates(keys), late)
        except StoreUnavailable:
            await say(respond, messages.STORE_DOWN)
            return
        card = calibration_card(results, self.days)
        await respond(response_type="ephemeral", text=card.text, blocks=card.block_dicts())
