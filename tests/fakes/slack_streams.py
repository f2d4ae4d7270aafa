"""The fake Web API's streaming methods: ``chat.startStream``, ``chat.appendStream`` and ``chat.stopStream``.

Shapes follow Slack's method reference (https://docs.slack.dev/reference/methods/chat.startStream and its
siblings): ``channel`` is required; ``thread_ts`` is required in a DM (a streamed message replies to a user's
request; only channels may stream top-level); in a channel ``recipient_user_id`` and ``recipient_team_id`` are
required. Text comes as ``markdown_text`` (at most 12,000 characters) or as ``chunks`` of type
``markdown_text`` (slack_sdk's ``chat_stream`` sends chunks). The answer is ``{"ok", "channel", "ts"}``; appending
to or stopping a message that isn't streaming fails with ``message_not_in_streaming_state``. ``chat.stopStream``
may add ``blocks`` under the text, validated like any message's.

``streamed_text(channel, ts)`` is everything a stream showed; ``fail_start`` makes ``chat.startStream`` answer
an error the way a workspace without streaming would.
"""

from __future__ import annotations

from typing import Any, Final, Protocol

JsonDict = dict[str, Any]
MAX_MARKDOWN_TEXT: Final = 12_000


class Workspace(Protocol):
    messages: dict[tuple[str, str], JsonDict]

    def next_ts(self) -> str: ...

    def _message(self, body: JsonDict, ts: str) -> JsonDict: ...


def _fail(error: str) -> JsonDict:
    return {"ok": False, "error": error}


def stream_text(body: JsonDict) -> tuple[str, str | None]:
    """The text a streaming call adds, from ``markdown_text`` and ``markdown_text`` chunks, or an error."""
    text = str(body.get("markdown_text") or "")
    chunks = body.get("chunks") or []
    if not isinstance(chunks, list):
        return "", "invalid_chunks"
    for chunk in chunks:
        if not isinstance(chunk, dict) or "type" not in chunk:
            return "", "invalid_chunks"
        if chunk["type"] == "markdown_text":
            text += str(chunk.get("text") or "")
    if len(text) > MAX_MARKDOWN_TEXT:
        return "", "msg_too_long"
    return text, None


class StreamingMethods:
    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.handlers = {
            "chat.startStream": self.chat_start_stream,
            "chat.appendStream": self.chat_append_stream,
            "chat.stopStream": self.chat_stop_stream,
        }

    def chat_start_stream(self, body: JsonDict) -> JsonDict:
        channel = str(body.get("channel") or "")
        if not channel:
            return _fail("channel_not_found")
        if channel.startswith("D") and not body.get("thread_ts"):
            return _fail("invalid_arguments")
        if not channel.startswith("D") and not (body.get("recipient_user_id") and body.get("recipient_team_id")):
            return _fail("invalid_arguments")
        text, error = stream_text(body)
        if error:
            return _fail(error)
        ts = self.workspace.next_ts()
        message = self.workspace._message({"text": text, "thread_ts": body.get("thread_ts")}, ts)
        message["streaming"] = True
        self.workspace.messages[(channel, ts)] = message
        return {"ok": True, "channel": channel, "ts": ts}

    def _streaming(self, body: JsonDict) -> tuple[JsonDict | None, JsonDict | None]:
        if not body.get("channel") or not body.get("ts"):
            return None, _fail("invalid_arguments")
        message = self.workspace.messages.get((str(body["channel"]), str(body["ts"])))
        if message is None:
            return None, _fail("message_not_found")
        if not message.get("streaming"):
            return None, _fail("message_not_in_streaming_state")
        return message, None

    def chat_append_stream(self, body: JsonDict) -> JsonDict:
        message, problem = self._streaming(body)
        if problem is not None or message is None:
            return problem or _fail("message_not_found")
        text, error = stream_text(body)
        if error:
            return _fail(error)
        message["text"] += text
        return {"ok": True, "channel": body["channel"], "ts": body["ts"]}

    def chat_stop_stream(self, body: JsonDict) -> JsonDict:
        message, problem = self._streaming(body)
        if problem is not None or message is None:
            return problem or _fail("message_not_found")
        text, error = stream_text(body)
        if error:
            return _fail(error)
        message["text"] += text
        message["streaming"] = False
        if body.get("blocks"):
            message["blocks"] = body["blocks"]
        return {"ok": True, "channel": body["channel"], "ts": body["ts"], "message": message}
