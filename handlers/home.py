"""The App Home tab (``app_home_opened`` -> ``views.publish``) and its "Ask a question" modal."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import Any, Final

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.models.blocks import Block
from slack_sdk.web.async_client import AsyncWebClient

from blocks import ids
from blocks.answer_card import answer_card
from blocks.home import MAX_LISTED, QUESTION_MAX, answer_modal, home_view, question_modal
from blocks.payloads import SLACK_USER_ID
from blocks.scorecard_form import parse_button_press, parse_view_payload, question_from_state
from bot.deps import Deps
from bot.store.redis_store import StoreUnavailable
from knowledge.debrief import BlindDebrief, Debrief, debrief_for

logger = logging.getLogger(__name__)

OPEN_DEBRIEF_WINDOW: Final = timedelta(days=30)


class HomeOpened(BaseModel):
    """An ``app_home_opened`` event: whose Home, and which tab ("messages" needs nothing from us)."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    user: str = Field(pattern=SLACK_USER_ID)
    tab: str = Field(default="home", max_length=32)


async def _home(deps: Deps, user: str, notice: str | None) -> Any:
    now = datetime.now(UTC)
    records, reminders = deps.scorecard_records, deps.reminder_records
    try:
        asked_of_me = await reminders.for_interviewer(user, MAX_LISTED)
        asked_by_me = [r for r in await reminders.by_requester(user, MAX_LISTED) if r.interviewer != user]
        recent = await records.by_interviewer(user, MAX_LISTED)
        debriefs: list[Debrief | BlindDebrief] = []
        for entry in await records.recent_candidates(now - OPEN_DEBRIEF_WINDOW, MAX_LISTED):
            scorecards = await records.for_candidate(entry.candidate_key)
            if scorecards:
                debriefs.append(debrief_for(user, scorecards, deps.settings.hiring_managers))
    except StoreUnavailable as error:
        logger.warning("App Home without scorecards: %s", error)
        return home_view(now=now, notice=notice, store_ok=False)
    return home_view(
        asked_of_me=asked_of_me, asked_by_me=asked_by_me, recent=recent, debriefs=debriefs, now=now, notice=notice
    )


async def publish_home(client: AsyncWebClient, deps: Deps, user: str, *, notice: str | None = None) -> None:
    """Publish ``user``'s App Home as it is now; failures are logged, never raised."""
    try:
        await client.views_publish(user_id=user, view=await _home(deps, user, notice))
    except Exception:
        logger.exception("Could not publish the App Home")


def _answer_blocks(question: str, deps: Deps) -> list[Block]:
    return answer_card(deps.answers.card_answer(question)).blocks


def register(app: AsyncApp, deps: Deps) -> None:
    @app.event("app_home_opened")
    async def handle_app_home_opened(event: dict[str, Any], client: AsyncWebClient) -> None:
        try:
            opened = HomeOpened.model_validate(event)
        except ValidationError:
            logger.warning("An app_home_opened event didn't parse")
            return
        if opened.tab == "home":
            await publish_home(client, deps, opened.user)

    @app.action(ids.HOME_ASK_ACTION)
    async def handle_home_ask(ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient) -> None:
        await ack()
        try:
            press = parse_button_press(body)
        except ValidationError:
            logger.warning("An Ask a question press didn't parse")
            return
        try:
            await client.views_open(trigger_id=press.trigger_id, view=question_modal())
        except Exception:
            logger.exception("Could not open the question modal")
            await publish_home(client, deps, press.user.id, notice="Sorry, I couldn't open that. Please try again.")

    @app.view(ids.QUESTION_VIEW)
    async def handle_question(ack: AsyncAck, body: dict[str, Any]) -> None:
        try:
            question = " ".join(question_from_state(parse_view_payload(body).view.state.values).split())
        except ValidationError:
            await ack(response_action="errors", errors={ids.QUESTION_BLOCK: "That didn't come through; try again."})
            return
        if not question or len(question) > QUESTION_MAX:
            problem = "Type a question." if not question else f"Keep it under {QUESTION_MAX} characters."
            await ack(response_action="errors", errors={ids.QUESTION_BLOCK: problem})
            return
        try:
            view = answer_modal(question, _answer_blocks(question, deps))
        except Exception:
            logger.exception("Could not answer a question from the App Home")
            await ack(
                response_action="errors", errors={ids.QUESTION_BLOCK: "Sorry, I couldn't answer that. Try again."}
            )
            return
        await ack(response_action="update", view=view)
