"""``blocks.rendering`` renders Block Kit objects exactly as slack_sdk's ``to_dict`` does, limits included.
(Every card and view test also compares the two, through ``tests/blocks/validity.py``.)"""

from __future__ import annotations

import pytest
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_sdk.errors import SlackObjectFormationError
from slack_sdk.models.blocks import (
    ActionsBlock,
    ButtonElement,
    ConfirmObject,
    HeaderBlock,
    InputBlock,
    Option,
    PlainTextInputElement,
    RichTextBlock,
    RichTextSectionElement,
    SectionBlock,
    StaticSelectElement,
)
from slack_sdk.models.views import View

from blocks.rendering import rendered, view_dict
from bot.hire.router import hire_reply, offline_context
from knowledge.engine import AnswerEngine


def test_objects_with_their_own_to_dict_and_empty_allowed_lists_render_as_slack_sdk_does() -> None:
    options = [Option(value=str(n), text=f"option {n}") for n in range(3)]
    select = StaticSelectElement(action_id="pick", options=options, initial_option=options[1])
    blocks = [
        HeaderBlock(text="Title"),
        SectionBlock(text="*bold*", accessory=select, fields=[]),
        ActionsBlock(
            elements=[
                ButtonElement(
                    text="Go",
                    action_id="go",
                    value="1",
                    confirm=ConfirmObject(title="Sure?", text="Really", confirm="Yes", deny="No"),
                )
            ]
        ),
        InputBlock(label="Notes", block_id="notes", element=PlainTextInputElement(action_id="n", multiline=True)),
        RichTextBlock(elements=[RichTextSectionElement(elements=[])]),
    ]
    view = View(type="modal", title="A form", submit="Save", close="Cancel", blocks=blocks, private_metadata="m")
    assert view_dict(view) == view.to_dict()
    assert [rendered(block) for block in blocks] == [block.to_dict() for block in blocks]
    assert list(view_dict(view)) == list(view.to_dict()), "keys in the same order"


def test_a_broken_limit_raises_as_slack_sdk_does() -> None:
    too_long = HeaderBlock(text="x" * 151)
    with pytest.raises(SlackObjectFormationError):
        too_long.to_dict()
    with pytest.raises(SlackObjectFormationError):
        rendered(too_long)
    with pytest.raises(SlackObjectFormationError):
        view_dict(View(type="modal", title="t", blocks=[SectionBlock(text="ok"), too_long]))


def test_plain_values_pass_through() -> None:
    assert rendered({"a": [1]}) == {"a": [1]}
    assert rendered(("x", 2)) == ["x", 2]
    assert rendered("text") == "text"


@pytest.mark.parametrize("text", ["ai-vs-ml", "pay senior mle sf", "", "nonsense words"])
async def test_a_cards_response_json_is_the_body_bolt_would_build_and_is_sent_as_json(text: str) -> None:
    card = hire_reply(text, offline_context(AnswerEngine())).card
    built = await AsyncAck()(response_type="ephemeral", text=card.text, blocks=card.block_dicts())
    sent = await AsyncAck()(card.response_json("ephemeral"))
    assert sent.body == built.body
    assert sent.headers["content-type"] == built.headers["content-type"] == ["application/json;charset=utf-8"]
    assert card.response_json("ephemeral") is card.response_json("ephemeral"), "serialised once"
