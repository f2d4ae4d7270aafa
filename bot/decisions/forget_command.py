"""``/hire forget <candidate>`` for hiring managers: a confirmation modal listing what will be deleted; confirming
deletes it (``bot.decisions.forgetting``). If Redis stops answering partway, the modal comes back with the same
Forget button, and pressing it again finishes the job."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from slack_bolt.async_app import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from blocks import messages
from blocks.common import escape, unescape
from blocks.forget_cards import ForgetMetadata, forget_modal, forgotten_view, read_forget_metadata
from blocks.payloads import ViewPayload
from bot.decisions.deciding import Deciding, say
from bot.decisions.forgetting import Forgetting, describe
from bot.store.redis_store import StoreUnavailable
from knowledge.identifiers import candidate_key, clean_candidate
from knowledge.outcomes import matching_candidates

logger = logging.getLogger(__name__)

MAX_KNOWN = 10_000
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class ForgetCommand:
    def __init__(self, deciding: Deciding, forgetting: Forgetting) -> None:
        self.deciding = deciding
        self.forgetting = forgetting

    async def open(
        self, client: AsyncWebClient, respond: AsyncRespond, args: str, *, user: str, trigger_id: str
    ) -> None:
        if not await self.deciding.is_manager(user):
            await say(respond, messages.MANAGERS_ONLY.format(what="delete a candidate's data"))
            return
        try:
            name = clean_candidate(unescape(args))
        except ValueError as problem:
            await say(respond, f"{escape(str(problem))} {messages.FORGET_USAGE}")
            return
        try:
            key = candidate_key(name)
            found = await self.forgetting.inventory(key)
            if found.empty:
                entries = await self.deciding.scorecard_records.recent_candidates(EPOCH, MAX_KNOWN)
                matches = matching_candidates(name, [(e.candidate, e.candidate_key) for e in entries])
                if len(matches) > 1:
                    names = ", ".join(f"*{escape(n)}*" for n, _ in matches[:8])
                    await say(respond, f"*{escape(name)}* could be {names}. Which one? Type the full name.")
                    return
                if matches:
                    found = await self.forgetting.inventory(matches[0][1])
            if found.empty:
                await say(respond, f"hirebot holds nothing about *{escape(name)}*: already forgotten, or never scored.")
                return
        except StoreUnavailable:
            await say(respond, messages.STORE_DOWN)
            return
        metadata = ForgetMetadata(candidate=found.name or name, candidate_key=found.key)
        await client.views_open(trigger_id=trigger_id, view=forget_modal(metadata, describe(found)))

    async def check(self, payload: ViewPayload) -> ForgetMetadata | str:
        """The candidate to forget, or why not (the modal has no input to hang an error on, so it says so)."""
        if not await self.deciding.is_manager(payload.user.id):
            return messages.MANAGERS_ONLY.format(what="delete a candidate's data")
        metadata = read_forget_metadata(payload.view.private_metadata)
        if metadata is None:
            return messages.MODAL_DAMAGED
        return metadata

    async def run(self, client: AsyncWebClient, view_id: str, metadata: ForgetMetadata, *, actor: str) -> None:
        """After the ack: forget, then show what was done; if Redis went away, the confirmation again. Never raises."""
        try:
            forgotten = await self.forgetting.forget(client, metadata.candidate_key, actor=actor)
            view = forgotten_view(metadata.candidate, forgotten.done, forgotten.problems)
        except StoreUnavailable as error:
            logger.warning("Forgetting a candidate was cut short: %s", error)
            view = forget_modal(metadata, ["whatever is left of it"], notice=messages.FORGET_NOT_FINISHED)
        except Exception:
            logger.exception("Forgetting a candidate failed")
            view = forget_modal(metadata, ["whatever is left of it"], notice=messages.SORRY)
        try:
            await client.views_update(view_id=view_id, view=view)
        except Exception:
            logger.exception("Could not show how forgetting a candidate went")
