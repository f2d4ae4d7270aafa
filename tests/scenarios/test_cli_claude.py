"""The console script with ANTHROPIC_API_KEY set, against the fake Messages API; and its usage and feedback
reports, read from the same Redis the bot writes to."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from pathlib import Path

import pytest

from bot.store.answers import ANSWER, AnswerRecords
from bot.store.embedded import EmbeddedRedis
from bot.store.feedback import FeedbackRecords
from bot.store.redis_store import Store, connect_redis
from tests.fakes.anthropic_api import TEST_API_KEY, FakeAnthropicAPI

pytestmark = pytest.mark.cli

HIREBOT = Path(sys.executable).with_name("hirebot")


async def run(*args: str, env: dict[str, str]) -> tuple[int, str, str]:
    process = await asyncio.create_subprocess_exec(
        str(HIREBOT),
        *args,
        env={**os.environ, **env},
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(), timeout=30)
    assert process.returncode is not None
    return process.returncode, out.decode(), err.decode()


def claude_env(fake: FakeAnthropicAPI, data_dir: Path) -> dict[str, str]:
    return {
        "ANTHROPIC_API_KEY": TEST_API_KEY,
        "ANTHROPIC_BASE_URL": fake.base_url,
        "HIREBOT_DATA_DIR": str(data_dir),
        "HIREBOT_LLM_DEADLINE_SECONDS": "3",
    }


async def test_ask_uses_claude_and_stats_shows_the_cost(tmp_path: Path) -> None:
    async with FakeAnthropicAPI() as fake:
        fake.queue_reply("AI engineers build on foundation models. Source: What AI Engineers Actually Do")
        env = claude_env(fake, tmp_path)
        code, out, err = await run("ask", "--json", "what does an AI engineer do all day?", env=env)
        assert code == 0, err
        payload = json.loads(out)
        assert payload["engine"] == "claude"
        assert payload["text"].startswith("AI engineers build on foundation models")
        assert TEST_API_KEY not in out + err
        code, out, _ = await run("stats", env=env)
        assert code == 0
        assert "cli" in out
        assert "cost per feature: cli $" in out


async def test_ask_falls_back_to_the_guide_when_claude_is_overloaded(tmp_path: Path) -> None:
    async with FakeAnthropicAPI() as fake:
        fake.fail(status=529, times=None)
        code, out, err = await run(
            "ask", "what red flags should I watch for in a portfolio?", env=claude_env(fake, tmp_path)
        )
        assert code == 0, err
        assert "Streamlit" in out
        assert "overloaded" in out and "guide's own answer" in out
        assert "Traceback" not in err


async def test_ask_never_calls_claude_for_a_plain_pay_question(tmp_path: Path) -> None:
    async with FakeAnthropicAPI() as fake:
        code, out, _ = await run("ask", "how much is a senior ML engineer in SF?", env=claude_env(fake, tmp_path))
        assert code == 0
        assert "$308K to $460K" in out
        assert fake.requests == []


async def test_a_role_decision_goes_to_claude_with_the_guides_recommendation(tmp_path: Path) -> None:
    question = "we're adding an LLM chat assistant to our app, who should be our first hire?"
    async with FakeAnthropicAPI() as fake:
        fake.queue_reply("Hire an AI engineer first: your assistant is built on a model, not trained. Source: Roles")
        code, out, err = await run("ask", "--json", question, env=claude_env(fake, tmp_path))
        assert code == 0, err
        [request] = fake.requests
    asked = request.body["messages"][-1]["content"]
    assert asked[0] == {"type": "text", "text": question}
    # The model is told the guide's own decision, so it leads with it rather than reasoning from scratch.
    assert "Hire an AI engineer first" in asked[1]["text"]
    assert json.loads(out)["engine"] == "claude"
    assert json.loads(out)["text"].startswith("Hire an AI engineer first")


async def test_an_unrecognised_question_goes_to_claude_without_a_reading(tmp_path: Path) -> None:
    async with FakeAnthropicAPI() as fake:
        fake.queue_reply("I can help with hiring AI and ML engineers. Source: none")
        code, _, err = await run("ask", "what's the capital of peru?", env=claude_env(fake, tmp_path))
        assert code == 0, err
        [request] = fake.requests
    assert request.body["messages"][-1]["content"] == "what's the capital of peru?"


async def test_a_loosely_phrased_comparison_goes_to_claude(tmp_path: Path) -> None:
    async with FakeAnthropicAPI() as fake:
        fake.queue_reply("At the same level an ML engineer costs more. Source: Salary Ranges")
        code, out, err = await run(
            "ask", "--json", "which costs more, an AI or ML engineer?", env=claude_env(fake, tmp_path)
        )
        assert code == 0, err
        assert len(fake.requests) == 1
    assert json.loads(out)["engine"] == "claude"


async def test_feedback_lists_the_unhelpful_answers(tmp_path: Path) -> None:
    with EmbeddedRedis(tmp_path) as url:
        store = Store(connect_redis(url))
        await store.put_document(
            ANSWER, "a" * 32, {"question": "junior MLE pay?", "answer": "No band.", "engine": "offline"}
        )
        await store.put_document(ANSWER, "b" * 32, {"question": "equity?", "answer": "0.5% to 2%", "engine": "claude"})
        await FeedbackRecords(store, AnswerRecords(store)).record_vote("a" * 32, "U0VOTER001", "unhelpful")
        await FeedbackRecords(store, AnswerRecords(store)).record_vote("b" * 32, "U0VOTER001", "helpful")
        await store.close()
        # the votes were kept in the test's workspace (T0001), as a server keeps them
        code, out, _ = await run("feedback", "--team", "T0001", env={"HIREBOT_DATA_DIR": str(tmp_path)})
    assert code == 0
    assert "Q: junior MLE pay?" in out
    assert "A: No band." in out
    assert "equity?" not in out
