"""The decision, offer and forget modals' submissions and the "Draft offer" button on a hire decision; the
``/hire`` subcommands that open them come in through ``handlers.commands``. The use cases are
``bot.decisions``'s, and none of them raises: each tells the person what happened."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from blocks import ids, messages
from blocks.common import escape, markdown
from blocks.forget_cards import TITLE as FORGET_TITLE
from blocks.forget_cards import forgetting_view
from blocks.modals import message_modal
from blocks.payloads import BlockActions, ViewPayload, parse_button_press, parse_view_payload
from blocks.scorecard_values import CandidateRef
from bot.deps import Deps
from handlers import parsed


def _candidate(body: dict[str, Any]) -> CandidateRef:
    return CandidateRef.parse(parse_button_press(body).value)


def register(app: AsyncApp, deps: Deps) -> None:
    decisions = deps.decisions

    decision = parsed("submission", parse_view_payload, errors={ids.DECISION_REASONS_BLOCK: messages.FORM_DAMAGED})

    @app.view(ids.DECISION_VIEW, middleware=[decision])
    async def handle_decision_submission(ack: AsyncAck, submission: ViewPayload, client: AsyncWebClient) -> None:
        outcome = await decisions.deciding.save(submission)
        if isinstance(outcome, dict):
            await ack(response_action="errors", errors=outcome)
            return
        await ack(response_action="update", view=decisions.deciding.decided_view(outcome))
        await decisions.deciding.follow_up(client, outcome)

    offer = parsed("submission", parse_view_payload, errors={ids.OFFER_LOCATION_BLOCK: messages.FORM_DAMAGED})

    @app.view(ids.OFFER_VIEW, middleware=[offer])
    async def handle_offer_submission(ack: AsyncAck, submission: ViewPayload, client: AsyncWebClient) -> None:
        outcome = await decisions.offering.draft(submission)
        if isinstance(outcome, dict):
            await ack(response_action="errors", errors=outcome)
            return
        await ack(response_action="update", view=decisions.offering.drafted_view(outcome))
        await decisions.offering.share(client, outcome)

    @app.view(ids.FORGET_VIEW, middleware=[parsed("submission", parse_view_payload)])
    async def handle_forget_confirmed(ack: AsyncAck, submission: ViewPayload, client: AsyncWebClient) -> None:
        checked = await decisions.forget.check(submission)
        if isinstance(checked, str):
            await ack(response_action="update", view=message_modal(FORGET_TITLE, [markdown(escape(checked))]))
            return
        await ack(response_action="update", view=forgetting_view())
        await decisions.forget.run(client, submission.view.id, checked, actor=submission.user.id)

    @app.action(ids.DRAFT_OFFER_ACTION, middleware=[parsed("press", parse_button_press), parsed("ref", _candidate)])
    async def handle_draft_offer(
        ack: AsyncAck, press: BlockActions, ref: CandidateRef, body: dict[str, Any], client: AsyncWebClient
    ) -> None:
        await ack()
        await decisions.open_offer(
            client,
            user=press.user.id,
            trigger_id=str(press.trigger_id),
            candidate=ref.candidate,
            in_modal=isinstance(body.get("view"), dict),
        )
