"""Reusable fakes of Slack for hirebot's tests: the Web API, Socket Mode, and signed requests.

- ``slack_api.FakeSlackAPI``: the Web API and response_urls on 127.0.0.1, recording calls, injecting failures,
  rejecting blocks Slack would reject. ``slack.socket_mode`` is its ``socket_mode.FakeSocketModeServer``.
- ``signing``: ``sign_request`` and the exact HTTP bodies Slack posts to ``/slack/events``.
- ``payloads``: the same payloads as dicts, for Socket Mode envelopes, plus typical events.
- ``workspace``: the team/bot/user/channel IDs and test credentials every fake agrees on.
"""

from tests.fakes.payloads import (
    app_home_opened_event,
    app_mention_event,
    block_actions_payload,
    event_payload,
    message_event,
    slash_command_payload,
    view_object,
    view_submission_payload,
)
from tests.fakes.signing import (
    block_actions_body,
    event_body,
    sign_request,
    signed_headers,
    slash_command_body,
    url_verification_body,
    view_submission_body,
)
from tests.fakes.slack_api import FailureRule, FakeSlackAPI, RecordedCall
from tests.fakes.socket_mode import FakeSocketModeServer

__all__ = [
    "FailureRule",
    "FakeSlackAPI",
    "FakeSocketModeServer",
    "RecordedCall",
    "app_home_opened_event",
    "app_mention_event",
    "block_actions_body",
    "block_actions_payload",
    "event_body",
    "event_payload",
    "message_event",
    "sign_request",
    "signed_headers",
    "slash_command_body",
    "slash_command_payload",
    "url_verification_body",
    "view_object",
    "view_submission_body",
    "view_submission_payload",
]
