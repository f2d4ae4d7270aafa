"""The App Home tab (``app_home_opened`` -> ``views.publish``, built by ``bot.scorecards.home``) and its "Ask a
question" modal, answered through the one answer path (``AnswerService.card_answer``) and ``answer_card``."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from blocks import ids, messages
from blocks.answer_card import answer_card
from blocks.home import QUESTION_MAX, answer_modal, question_from_state, question_modal
from blocks.payloads import BlockActions, HomeOpened, ViewPayload, parse_button_press, parse_view_payload
from bot.deps import Deps
from handlers import parsed

logger = logging.getLogger(__name__)


async def home_tab(event: dict[str, Any]) -> bool:
    """The Messages tab is the agent surface (handlers/assistant.py)."""
    return event.get("tab") != "messages"


def register(app: AsyncApp, deps: Deps) -> None:
    @app.event(
        "app_home_opened", matchers=[home_tab], middleware=[parsed("opened", HomeOpened.model_validate, part="event")]
    )
    async def handle_app_home_opened(body: dict[str, Any], opened: HomeOpened, client: AsyncWebClient) -> None:
        if opened.tab == "home":
            deps.tasks.spawn(open_home(body.get("event_id"), opened.user, client), name="home-opened")

    async def open_home(event_id: str | None, user: str, client: AsyncWebClient) -> None:
        if await deps.events.first(event_id):  # a redelivered app_home_opened publishes nothing more
            await deps.scorecards.home_opened(client, user)

    @app.action(ids.HOME_ASK_ACTION, middleware=[parsed("press", parse_button_press)])
    async def handle_home_ask(ack: AsyncAck, press: BlockActions, client: AsyncWebClient) -> None:
        await ack()
        deps.tasks.spawn(open_question(client, str(press.trigger_id), press.user.id), name="home-ask")

    async def open_question(client: AsyncWebClient, trigger_id: str, user: str) -> None:
        try:
            await client.views_open(trigger_id=trigger_id, view=question_modal())
        except Exception:
            logger.exception("Could not open the question modal")
            await deps.scorecards.publish_home(client, user, notice=messages.COULD_NOT_OPEN)

    question_view = parsed("submission", parse_view_payload, errors={ids.QUESTION_BLOCK: messages.QUESTION_DAMAGED})

    @app.view(ids.QUESTION_VIEW, middleware=[question_view])
    async def handle_question(ack: AsyncAck, submission: ViewPayload) -> None:
        question = " ".join(question_from_state(submission.view.state.values).split())
        if not question or len(question) > QUESTION_MAX:
            problem = messages.TYPE_A_QUESTION if not question else f"Keep it under {QUESTION_MAX} characters."
            await ack(response_action="errors", errors={ids.QUESTION_BLOCK: problem})
            return
        try:
            view = answer_modal(question, answer_card(deps.answers.card_answer(question)).blocks)
        except Exception:
            logger.exception("Could not answer a question from the App Home")
            await ack(response_action="errors", errors={ids.QUESTION_BLOCK: messages.COULD_NOT_ANSWER})
            return
        await ack(response_action="update", view=view)
