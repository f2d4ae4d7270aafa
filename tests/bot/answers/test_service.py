"""AnswerService: ``card_answer`` for surfaces inside Slack's ack, and what a ``Reply`` says as text."""

from __future__ import annotations

from bot.answers.history import History
from bot.answers.service import AnswerService, Reply
from bot.store.answers import AnswerRecords
from bot.store.unavailable import UnavailableStore
from knowledge.engine import AnswerEngine


def service() -> AnswerService:
    store = UnavailableStore("no Redis in this test")
    return AnswerService(History(store), AnswerEngine(), AnswerRecords(store))


def test_card_answer_is_the_guide_answer_without_history() -> None:
    answers = service()
    answer = answers.card_answer("senior ML engineer in SF?")
    assert answer == AnswerEngine().answer("senior ML engineer in SF?")
    assert answer.quotes_pay
    assert not answers.card_answer("and in NYC?").query.follow_up  # no conversation to follow


async def test_a_reply_is_the_offline_text_unless_the_model_answered() -> None:
    answers = service()
    offline = await answers.reply("T1:D1", "red flags in an ML portfolio", user_id="U1", feature="test", keep=False)
    assert offline.engine == "offline" and offline.model_text is None
    assert offline.text == offline.offline.text
    assert offline.text.endswith(offline.offline.citation)
    model = Reply(offline=offline.offline, engine="claude", answer_id="0" * 32, model_text="Evals first.")
    assert model.text == "Evals first."
