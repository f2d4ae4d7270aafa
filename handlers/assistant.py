"""Slack's AI-app surface (the assistant pane), through Bolt's assistant middleware: a greeting with
suggested prompts when a thread starts, a status while the answer is made, and the same answer path as DMs.
Workspaces without the AI-app feature never send these events; ordinary DMs work the same either way."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError
from slack_bolt.async_app import AsyncApp, AsyncAssistant, AsyncSay, AsyncSetSuggestedPrompts
from slack_sdk.web.async_client import AsyncWebClient

from blocks.payloads import parse_message_event
from bot.deps import Deps

# The events the assistant middleware consumes; listed in manifest.yml.
ASSISTANT_EVENTS = ("assistant_thread_started", "assistant_thread_context_changed")
GREETING = (
    "Hi! I answer questions about hiring AI engineers and ML engineers from our hiring guide: pay bands, "
    "which role you need, interview questions, red flags and where to find people."
)
SUGGESTED_PROMPTS: tuple[tuple[str, str], ...] = (
    ("Pay for a senior ML engineer", "How much is a senior ML engineer in SF?"),
    ("AI or ML engineer?", "We're building on Claude. Do we need an AI engineer or an ML engineer?"),
    ("Interview an AI engineer", "What interview questions should I ask an AI engineer?"),
    ("Interview an ML engineer", "What interview questions should I ask an ML engineer?"),
)


def register(app: AsyncApp, deps: Deps) -> None:
    assistant = AsyncAssistant()

    @assistant.thread_started
    async def handle_thread_started(
        body: dict[str, Any], say: AsyncSay, set_suggested_prompts: AsyncSetSuggestedPrompts
    ) -> None:
        if not await deps.events.first(body.get("event_id")):
            return  # a redelivery: the greeting was posted the first time
        await say(GREETING)
        await set_suggested_prompts(
            prompts=[{"title": title, "message": message} for title, message in SUGGESTED_PROMPTS],
            title="Try one of these:",
        )

    @assistant.thread_context_changed
    async def handle_thread_context_changed() -> None:
        """hirebot answers from the question alone and never reads which channel the person is viewing, so the
        context isn't saved (Bolt's default listener would spend conversations.replies and chat.update on it).
        Nothing is done, so there is nothing to claim."""

    # The assistant middleware runs its listeners' middleware as ``AsyncMiddleware`` objects only, so this one
    # listener parses its event itself instead of through ``handlers.parsed``.
    @assistant.user_message
    async def handle_user_message(body: dict[str, Any], payload: dict[str, Any], client: AsyncWebClient) -> None:
        try:
            message = parse_message_event(payload)
        except ValidationError:
            return
        if message.not_answered_because is not None:
            return
        question = await deps.questions.claim(
            message,
            event_id=body.get("event_id"),
            team_id=str(body.get("team_id") or ""),
            thread_ts=message.thread_ts or message.ts,
            feature="assistant",
        )
        if question is None:
            return
        deps.questions.answer(client, question)  # which shows the loading status first

    app.assistant(assistant)
