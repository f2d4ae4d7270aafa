"""The scorecard use cases, behind one service built once in ``Deps.build``: open the form (or a saved scorecard
to edit), switch its role, save a submission and follow it up, remind and cancel reminders, read debriefs and
scorecards, and publish the App Home.

It holds the repositories and settings; the Slack ``AsyncWebClient`` is passed to each call, because Bolt gives
one per request (and a multi-workspace install will need one per team). Listeners in ``handlers/`` parse what
Slack sent, call one of these, and reply. Each part lives in its own module: ``forms``, ``saving``,
``reminding``, ``debriefs`` and ``home``; ``delivery`` gets the results to people.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from slack_bolt.async_app import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from blocks import messages
from blocks.common import Card, unescape
from blocks.payloads import ViewPayload
from bot.config import Settings
from bot.scorecards.debriefs import Debriefs
from bot.scorecards.delivery import DmChannels, tell
from bot.scorecards.forms import ScorecardForms
from bot.scorecards.home import HomePublisher
from bot.scorecards.reminding import Reminding
from bot.scorecards.saving import Saved, Saving
from bot.store.audit import AuditLog
from bot.store.decisions import DecisionRecords
from bot.store.reminders import ReminderRecords
from bot.store.scorecards import ScorecardRecords

logger = logging.getLogger(__name__)


class ScorecardService:
    def __init__(
        self,
        settings: Settings,
        scorecard_records: ScorecardRecords,
        reminder_records: ReminderRecords,
        decision_records: DecisionRecords,
        audit: AuditLog,
    ) -> None:
        self.home = HomePublisher(settings, scorecard_records, reminder_records, decision_records)
        dms = DmChannels()
        self.reminding = Reminding(
            settings, scorecard_records, reminder_records, home=self.home, decision_records=decision_records, dms=dms
        )
        self.forms = ScorecardForms(scorecard_records, reminder_records)
        self.saving = Saving(
            settings, scorecard_records, reminder_records, reminding=self.reminding, home=self.home, dms=dms
        )
        self.debriefs = Debriefs(settings, scorecard_records, decision_records, audit)

    async def open_form(
        self,
        client: AsyncWebClient,
        *,
        trigger_id: str,
        user: str,
        candidate: str = "",
        reminder: str | None = None,
        notices: Sequence[str] = (),
        respond: AsyncRespond | None = None,
    ) -> None:
        """Open the scorecard form, pre-filled with ``candidate``; never raises (the user is told)."""
        try:
            await self.forms.open(
                client, trigger_id=trigger_id, user=user, candidate=candidate, reminder=reminder, first=notices
            )
        except Exception:
            logger.exception("Could not open the scorecard form")
            await tell(client, user, messages.COULD_NOT_OPEN_FORM, respond)

    async def open_saved(
        self,
        client: AsyncWebClient,
        *,
        trigger_id: str,
        user: str,
        scorecard_id: str,
        respond: AsyncRespond | None = None,
    ) -> None:
        """Open ``user``'s own saved scorecard in the form to edit; never raises."""
        try:
            await self.forms.open_saved(client, trigger_id=trigger_id, user=user, scorecard_id=scorecard_id)
        except Exception:
            logger.exception("Could not open a saved scorecard")
            await tell(client, user, messages.COULD_NOT_OPEN_FORM, respond)

    async def switch_role(self, client: AsyncWebClient, payload: ViewPayload) -> None:
        """Swap the form's competencies for the role just picked, keeping everything typed; never raises."""
        await self.forms.switch_role(client, payload)

    async def save(self, payload: ViewPayload) -> Saved | dict[str, str]:
        """Validate and store a submission: the saved scorecard, or errors by block id to ack; never raises."""
        return await self.saving.save(payload)

    def saved_response(self, saved: Saved) -> str:
        """The acknowledgement that turns the form into what was saved, serialised."""
        return self.saving.saved_response(saved)

    async def follow_up(self, client: AsyncWebClient, saved: Saved) -> None:
        """After the ack: cancel the reminder, post the summary, refresh the Home; never raises."""
        await self.saving.follow_up(client, saved)

    async def remind(self, client: AsyncWebClient, respond: AsyncRespond, args: str, *, requester: str) -> None:
        """``/hire remind @interviewer <candidate> <when>``; every outcome is replied with ``respond``."""
        await self.reminding.remind(client, respond, args, requester=requester)

    async def cancel_reminder(self, client: AsyncWebClient, *, user: str, reminder: str) -> None:
        """Cancel a reminder and republish ``user``'s Home with what happened; never raises."""
        await self.reminding.cancel(client, user=user, reminder=reminder)

    async def debrief(self, respond: AsyncRespond, args: str, *, reader: str) -> None:
        """``/hire debrief <candidate>``, replied ephemerally."""
        await self.debriefs.reply(respond, args, reader=reader)

    async def open_debrief(self, client: AsyncWebClient, *, trigger_id: str, reader: str, candidate: str) -> None:
        """A candidate's debrief in a modal; never raises."""
        await self.debriefs.open(client, trigger_id=trigger_id, reader=reader, candidate=candidate)

    async def scorecard_card(self, reader: str, scorecard_id: str) -> Card:
        """One scorecard as ``reader`` may see it; never raises."""
        return await self.debriefs.scorecard_card(reader, scorecard_id)

    async def publish_home(self, client: AsyncWebClient, user: str, *, notice: str | None = None) -> None:
        """Publish ``user``'s App Home; never raises."""
        await self.home.publish(client, user, notice=notice)

    async def home_opened(self, client: AsyncWebClient, user: str) -> None:
        """``user`` opened their App Home: remember it (later publishes go only to recent visitors), publish it."""
        await self.home.opened(client, user)

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
        """Run an already acked ``/hire scorecard|debrief|remind``; failures are logged and told in plain words."""
        try:
            if name == "scorecard":
                try:
                    await self.forms.open(client, trigger_id=trigger_id, user=user, candidate=unescape(args))
                except Exception:
                    logger.exception("Could not open the scorecard form")
                    await respond(response_type="ephemeral", text=messages.COULD_NOT_OPEN_FORM)
            elif name == "debrief":
                await self.debrief(respond, args, reader=user)
            elif name == "remind":
                await self.remind(client, respond, args, requester=user)
            else:
                raise ValueError(f"no use case for /hire {name}")
        except Exception:
            logger.exception("/hire %s failed", name)
            await respond(response_type="ephemeral", text=messages.SORRY)
