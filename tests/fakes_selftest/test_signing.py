"""The signing helper against slack_sdk's SignatureVerifier, and the bodies as Bolt parses them."""

from __future__ import annotations

import time
from urllib.parse import parse_qsl

from slack_bolt.request.internals import parse_body
from slack_bolt.request.payload_utils import (
    is_action,
    is_event,
    is_slash_command,
    is_view_submission,
    to_action,
    to_event,
)
from slack_sdk.signature import SignatureVerifier

from tests.fakes.payloads import app_mention_event, message_event
from tests.fakes.signing import (
    block_actions_body,
    event_body,
    sign_request,
    signed_headers,
    slash_command_body,
    url_verification_body,
    view_submission_body,
)
from tests.fakes.workspace import APP_ID, BOT_USER_ID, CHANNEL_ID, SIGNING_SECRET, TEAM_ID, USER_ID


def test_signature_is_valid_for_slack_sdk() -> None:
    body = slash_command_body("pay senior ml engineer")
    headers = sign_request(SIGNING_SECRET, body)
    verifier = SignatureVerifier(SIGNING_SECRET)

    assert verifier.is_valid(body, headers["X-Slack-Request-Timestamp"], headers["X-Slack-Signature"])
    assert verifier.is_valid_request(body, headers)
    assert not SignatureVerifier("another-secret").is_valid_request(body, headers)
    assert not verifier.is_valid_request(body + b"x", headers)


def test_an_old_timestamp_is_refused_by_slack_sdk() -> None:
    body = event_body(message_event("hi"))
    stale = sign_request(SIGNING_SECRET, body, timestamp=int(time.time()) - 6 * 60)

    assert not SignatureVerifier(SIGNING_SECRET).is_valid_request(body, stale)


def test_signed_headers_pick_the_content_type() -> None:
    assert signed_headers(SIGNING_SECRET, slash_command_body())["Content-Type"] == "application/x-www-form-urlencoded"
    assert signed_headers(SIGNING_SECRET, event_body(message_event("hi")))["Content-Type"] == "application/json"


def test_slash_command_is_form_encoded_like_slack() -> None:
    body = slash_command_body("pay senior ml", response_url="http://127.0.0.1:1/response/hire", trigger_id="1.2.3")

    assert b"command=%2Fhire" in body
    assert b"text=pay+senior+ml" in body
    fields = dict(parse_qsl(body.decode()))
    assert list(fields)[:2] == ["token", "team_id"]
    parsed = parse_body(body.decode(), "application/x-www-form-urlencoded")
    assert is_slash_command(parsed)
    assert (parsed["command"], parsed["text"], parsed["user_id"], parsed["channel_id"], parsed["team_id"]) == (
        "/hire",
        "pay senior ml",
        USER_ID,
        CHANNEL_ID,
        TEAM_ID,
    )
    assert (parsed["response_url"], parsed["trigger_id"], parsed["api_app_id"]) == (
        "http://127.0.0.1:1/response/hire",
        "1.2.3",
        APP_ID,
    )


def test_block_actions_from_a_message() -> None:
    body = block_actions_body("share", "ml:senior", response_url="http://127.0.0.1:1/response/card")

    assert body.startswith(b"payload=")
    parsed = parse_body(body.decode(), "application/x-www-form-urlencoded")
    assert is_action(parsed)
    action = to_action(parsed)
    assert action is not None
    assert (action["action_id"], action["value"], action["type"]) == ("share", "ml:senior", "button")
    assert parsed["container"]["type"] == "message"
    assert parsed["container"]["message_ts"] == parsed["message"]["ts"]
    assert parsed["response_url"] == "http://127.0.0.1:1/response/card"
    assert parsed["trigger_id"]


def test_block_actions_from_a_modal_have_no_response_url() -> None:
    body = block_actions_body(
        "pick", "senior", action_type="static_select", view={"id": "V0SCORECARD", "callback_id": "scorecard"}
    )

    parsed = parse_body(body.decode(), None)
    assert parsed["container"] == {"type": "view", "view_id": "V0SCORECARD"}
    assert parsed["view"]["callback_id"] == "scorecard"
    assert parsed["actions"][0]["selected_option"]["value"] == "senior"
    assert "response_url" not in parsed


def test_view_submission_carries_state_and_private_metadata() -> None:
    state = {"role": {"role_input": {"type": "plain_text_input", "value": "ML engineer"}}}

    parsed = parse_body(view_submission_body("scorecard", state, '{"candidate":"c1"}').decode(), None)

    assert is_view_submission(parsed)
    assert parsed["view"]["callback_id"] == "scorecard"
    assert parsed["view"]["state"]["values"] == state
    assert parsed["view"]["private_metadata"] == '{"candidate":"c1"}'


def test_event_envelope() -> None:
    body = event_body(app_mention_event(f"<@{BOT_USER_ID}> pay?"), event_id="Ev0TEST0001")

    parsed = parse_body(body.decode(), "application/json")
    assert is_event(parsed)
    assert (parsed["event_id"], parsed["team_id"], parsed["api_app_id"]) == ("Ev0TEST0001", TEAM_ID, APP_ID)
    assert parsed["authorizations"][0]["user_id"] == BOT_USER_ID
    assert isinstance(parsed["event_time"], int)
    event = to_event(parsed)
    assert event is not None
    assert event["type"] == "app_mention"


def test_url_verification() -> None:
    assert parse_body(url_verification_body("abc").decode(), "application/json") == {
        "token": "legacy-verification-token",
        "challenge": "abc",
        "type": "url_verification",
    }
