"""The ``hirebot`` command: ask, chat and eval, all offline, with no credentials needed.

Imports stay inside the command functions so ``hirebot ask`` starts quickly: nothing loads Slack, the
Anthropic SDK or the evaluation harness unless the command needs it.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
import uuid
from collections.abc import Sequence
from contextlib import AsyncExitStack
from typing import TYPE_CHECKING

from bot.config import Settings, SettingsError, load_settings

if TYPE_CHECKING:
    from bot.conversation import Conversations
    from knowledge.query import Answer

logger = logging.getLogger("hirebot")

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
DEFAULT_CONVERSATION = "default"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hirebot",
        description="Answers founders' questions about hiring AI and ML engineers, from the hiring guide.",
        epilog="With no command, hirebot starts an interactive chat.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    ask = commands.add_parser("ask", help="answer one question and exit")
    ask.add_argument("question", nargs="+", help="the question, e.g. 'senior ML engineer in SF?'")
    ask.add_argument("--conversation", "-c", default=DEFAULT_CONVERSATION, metavar="NAME",
                     help="share history with earlier asks under the same NAME (default: %(default)s)")
    ask.add_argument("--json", action="store_true", help="print the answer, its structured result and sources")
    chat = commands.add_parser("chat", help="an interactive conversation with history")
    chat.add_argument("--conversation", "-c", metavar="NAME", help="resume a named conversation")
    evaluate = commands.add_parser("eval", help="run the golden question set and print pass rates")
    evaluate.add_argument("--show-answers", action="store_true", help="print the answers of failing cases")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="hirebot: %(message)s", stream=sys.stderr)
    if args.command == "eval":
        return run_eval(show_answers=args.show_answers)
    try:
        settings = load_settings()
    except SettingsError as error:
        print(f"hirebot: {error}", file=sys.stderr)
        return EXIT_USAGE
    if args.command == "ask":
        return asyncio.run(run_ask(settings, " ".join(args.question), args.conversation, as_json=args.json))
    return run_chat(settings, getattr(args, "conversation", None))


async def _open_conversations(settings: Settings, stack: AsyncExitStack) -> Conversations:
    """Conversations backed by the store, or without history (and one line on stderr) if it can't be had."""
    from bot.conversation import Conversations
    from bot.storage import open_store
    from bot.store import StoreUnavailable
    from knowledge.engine import AnswerEngine

    try:
        store = await stack.enter_async_context(open_store(settings))
    except StoreUnavailable as error:
        print(f"hirebot: {error}; answering without history.", file=sys.stderr)
        return Conversations(AnswerEngine(), None)
    return Conversations(AnswerEngine(), store)


def answer_json(question: str, answer: Answer, history: bool) -> str:
    payload = {
        "question": question,
        "text": answer.text,
        "topic": answer.topic.value,
        "result": {
            "covered": answer.covered,
            "pay": [result.model_dump(mode="json") for result in answer.pay],
            "items": [item.model_dump(mode="json") for item in answer.items],
        },
        "source": [section.value for section in answer.sources],
        "query": answer.query.model_dump(mode="json"),
        "corrections": [list(pair) for pair in answer.corrections],
        "history": history,
    }
    return json.dumps(payload, indent=2, ensure_ascii=False)


async def run_ask(settings: Settings, question: str, conversation: str, *, as_json: bool) -> int:
    async with AsyncExitStack() as stack:
        conversations = await _open_conversations(settings, stack)
        answer = await conversations.ask(f"cli:{conversation}", question)
        print(answer_json(question, answer, not conversations.history_lost) if as_json else answer.text)
    return EXIT_OK


CHAT_HELP = "Ask about pay, roles, interviews, red flags, sourcing, equity or build/contract/hire. /reset, /quit."


def run_chat(settings: Settings, conversation: str | None) -> int:
    """A read-answer loop. Input is read on the main thread so Ctrl-C and Ctrl-D end it cleanly."""
    key = f"chat:{conversation or uuid.uuid4().hex}"
    with asyncio.Runner() as runner:
        stack = AsyncExitStack()
        conversations = runner.run(_open_conversations(settings, stack))
        print(f"hirebot, offline. {CHAT_HELP}")
        print("To use it in Slack, set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (see the README).")
        try:
            while True:
                try:
                    question = input("you> ").strip()
                except EOFError:
                    print()
                    break
                if not question:
                    continue
                if question in ("/quit", "/exit"):
                    break
                if question == "/reset":
                    runner.run(conversations.reset(key))
                    print("hirebot> Forgotten. Start a new question.")
                    continue
                if question == "/help":
                    print(f"hirebot> {CHAT_HELP}")
                    continue
                answer = runner.run(conversations.ask(key, question))
                print("hirebot> " + answer.text.replace("\n", "\n         ") + "\n")
        except KeyboardInterrupt:
            print()
        finally:
            runner.run(stack.aclose())
    return EXIT_OK


def run_eval(*, show_answers: bool) -> int:
    from knowledge.evaluation import run_golden, summary_table

    results = run_golden()
    print(summary_table(results))
    if show_answers:
        for result in results:
            if not result.passed:
                print(f"\n--- {result.case.id}")
                print("\n\n".join(result.answers))
    return EXIT_OK if all(result.passed for result in results) else EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
