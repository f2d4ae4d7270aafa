"""The ``hirebot`` command: serve Slack (HTTP or Socket Mode), or ask, chat, try and eval offline.

Imports stay inside the command functions so ``hirebot ask`` starts quickly: nothing loads Slack, the
Anthropic SDK or the evaluation harness unless the command needs it.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import sys
import time
import uuid
from collections.abc import Sequence
from contextlib import AsyncExitStack, nullcontext
from typing import TYPE_CHECKING

from bot.cli import migrate, records
from bot.config import Settings, SettingsError, load_settings

if TYPE_CHECKING:
    from bot.answers.service import AnswerService, Reply
    from bot.store.redis_store import Store

logger = logging.getLogger("hirebot")

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
DEFAULT_CONVERSATION = "default"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hirebot",
        description="Answers founders' questions about hiring AI and ML engineers, from the hiring guide.",
        epilog="With no command, hirebot serves Slack over Socket Mode when SLACK_APP_TOKEN is set, over HTTP when "
        "SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET are, and otherwise starts an offline chat.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    ask = commands.add_parser("ask", help="answer one question and exit")
    ask.add_argument("question", nargs="+", help="the question, e.g. 'senior ML engineer in SF?'")
    ask.add_argument(
        "--conversation",
        "-c",
        default=DEFAULT_CONVERSATION,
        metavar="NAME",
        help="share history with earlier asks under the same NAME (default: %(default)s)",
    )
    ask.add_argument("--json", action="store_true", help="print the answer, its structured result and sources")
    chat = commands.add_parser("chat", help="an interactive conversation with history")
    chat.add_argument("--conversation", "-c", metavar="NAME", help="resume a named conversation")
    serve = commands.add_parser("serve", help="serve Slack over HTTP at POST /slack/events")
    serve.add_argument("--port", type=int, help="port to listen on (default: $PORT, else 3000)")
    serve.add_argument("--host", default="0.0.0.0", help="address to bind (default: %(default)s)")
    commands.add_parser("socket", help="serve Slack over Socket Mode (needs SLACK_APP_TOKEN)")
    try_ = commands.add_parser("try", help="run a /hire command without Slack and show the card")
    try_.add_argument("command_text", metavar="'/hire ...'", help="e.g. '/hire ai-vs-ml'")
    try_.add_argument("--json", action="store_true", help="print the Block Kit payload exactly as Slack gets it")
    stats = commands.add_parser("stats", help="Claude token usage and cost per day and feature")
    feedback = commands.add_parser("feedback", help="answers people marked not helpful")
    for report in (stats, feedback):
        migrate.add_workspace_arguments(report, migrate.WHOSE_RECORDS)
    feedback.add_argument("--limit", type=int, default=50, help="how many, newest first (default: %(default)s)")
    evaluate = commands.add_parser(
        "eval", help="run the golden question set and print pass rates (fails if a tuned case fails)"
    )
    evaluate.add_argument("--show-answers", action="store_true", help="print the answers of failing cases")
    evaluate.add_argument("--explain", metavar="CASE", help="show how each turn of one case was understood")
    records.add_commands(commands)
    migrate.add_command(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return _run(argv)
    except BrokenPipeError:
        # "hirebot eval | head": the reader left early. The fix in Python's signal docs ("Note on SIGPIPE"):
        # point stdout at devnull so the interpreter's final flush doesn't raise again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _run(argv: Sequence[str] | None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="hirebot: %(message)s", stream=sys.stderr)
    if args.command == "eval":
        return run_eval(show_answers=args.show_answers, explain=args.explain)
    if args.command == "try":
        return run_try(args.command_text, as_json=args.json)
    try:
        settings = load_settings()
    except SettingsError as error:
        print(f"hirebot: {error}", file=sys.stderr)
        return EXIT_USAGE
    if args.command == "ask":
        return asyncio.run(run_ask(settings, " ".join(args.question), args.conversation, as_json=args.json))
    if args.command == migrate.COMMAND:
        return asyncio.run(migrate.run_migrate(settings, args))
    if args.command in records.COMMANDS:
        return asyncio.run(records.run_records(settings, args))
    if args.command in ("stats", "feedback"):
        return asyncio.run(run_report(settings, args))
    if args.command in ("serve", "socket") or (args.command is None and _slack_configured(settings)):
        return run_slack(settings, args)
    if args.command is None:
        print(CONNECT_SLACK)
    return run_chat(settings, getattr(args, "conversation", None))


CONNECT_SLACK = (
    "Slack isn't configured, so this is the offline chat. To connect Slack, create the app from manifest.yml "
    "and set SLACK_BOT_TOKEN plus SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP)."
)


def _slack_configured(settings: Settings) -> bool:
    return settings.slack_bot_token is not None and (
        settings.slack_app_token is not None or settings.slack_signing_secret is not None
    )


def run_slack(settings: Settings, args: argparse.Namespace) -> int:
    """Serve Slack; bare ``hirebot`` prefers Socket Mode when an app token is set."""
    from bot.ops.logs import configure_logging
    from bot.runtime import MissingCredentials
    from bot.socket_mode import TokenRejected

    configure_logging()
    socket_mode = args.command == "socket" or (args.command is None and settings.slack_app_token is not None)
    try:
        if socket_mode:
            from bot.socket_mode import run_socket_mode

            asyncio.run(run_socket_mode(settings))
        else:
            from bot.server import run_server

            run_server(settings, getattr(args, "host", "0.0.0.0"), getattr(args, "port", None) or settings.port)
    except (MissingCredentials, TokenRejected) as error:
        print(f"hirebot: {error}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK


def run_try(command_text: str, *, as_json: bool) -> int:
    """The /hire handler's card without Slack: rendered for the terminal, or as the exact payload."""
    from bot.cli.terminal import render_blocks
    from bot.hire.router import hire_reply, offline_context
    from knowledge.engine import AnswerEngine

    text = command_text.strip()
    first, _, rest = text.partition(" ")
    if first.startswith("/"):
        if first != "/hire":
            print(f"hirebot: only /hire exists, not {first}", file=sys.stderr)
            return EXIT_USAGE
        text = rest
    payload = hire_reply(text, offline_context(AnswerEngine())).card.payload()
    payload["response_type"] = "ephemeral"
    if as_json:
        print(json.dumps(payload, indent=2, ensure_ascii=False))
    else:
        print(render_blocks(payload["blocks"], color=sys.stdout.isatty()), end="")
    return EXIT_OK


async def _open_store(settings: Settings, stack: AsyncExitStack) -> Store:
    """The store; if it can't be had, one line on stderr and the stand-in (answers then come without history)."""
    from bot.store.opening import enter_store
    from bot.store.unavailable import UnavailableStore

    store = await enter_store(settings, stack)
    if isinstance(store, UnavailableStore):
        print(f"hirebot: {store.reason}; answering without history.", file=sys.stderr)
    return store


async def _open_answers(settings: Settings, stack: AsyncExitStack) -> AnswerService:
    """The same answer path as Slack: Claude when ``ANTHROPIC_API_KEY`` is set, else the offline engine."""
    from bot.answers.service import AnswerService

    store = await _open_store(settings, stack)
    anthropic = None
    if settings.anthropic_api_key is not None:
        from bot.answers.claude import build_anthropic_client

        base_url = str(settings.anthropic_base_url) if settings.anthropic_base_url else None
        anthropic = build_anthropic_client(settings.anthropic_api_key.get_secret_value(), base_url)
        stack.push_async_callback(anthropic.close)
    return AnswerService.build(settings, store, anthropic)


def answer_json(question: str, reply: Reply, history: bool) -> str:
    """``text`` is what was said (the model's words when Claude answered); ``result`` is the guide's own answer
    as fields."""
    answer = reply.offline
    payload = {
        "question": question,
        "text": reply.text,
        "engine": reply.engine,
        "note": reply.note,
        "topic": answer.topic.value,
        "result": {
            "lead": answer.lead,
            "body": list(answer.body),
            "covered": answer.covered,
            "pay": [result.model_dump(mode="json") for result in answer.figures],
            "items": [item.model_dump(mode="json") for item in answer.items],
            "parts": [{"topic": part.topic.value, "lead": part.lead, "body": list(part.body)} for part in answer.parts],
        },
        "source": [section.value for section in answer.all_sources],
        "query": answer.query.model_dump(mode="json"),
        "corrections": [list(pair) for pair in answer.corrections],
        "history": history,
    }
    return json.dumps(payload, indent=2, ensure_ascii=False)


def _reply_text(reply: Reply) -> str:
    return reply.text + (f"\n({reply.note})" if reply.note else "")


async def run_ask(settings: Settings, question: str, conversation: str, *, as_json: bool) -> int:
    async with AsyncExitStack() as stack:
        answers = await _open_answers(settings, stack)
        reply = await answers.reply(f"cli:{conversation}", question, user_id="cli", feature="cli", keep=False)
        history = not answers.history.lost
        print(answer_json(question, reply, history) if as_json else _reply_text(reply))
    return EXIT_OK


CHAT_HELP = "Ask about pay, roles, interviews, red flags, sourcing, equity or build/contract/hire. /reset, /quit."


def run_chat(settings: Settings, conversation: str | None) -> int:
    """A read-answer loop. Input is read on the main thread so Ctrl-C and Ctrl-D end it cleanly."""
    key = f"chat:{conversation or uuid.uuid4().hex}"
    with asyncio.Runner() as runner:
        stack = AsyncExitStack()
        answers = runner.run(_open_answers(settings, stack))
        mode = "with Claude" if answers.claude is not None else "offline"
        print(f"hirebot, {mode}. {CHAT_HELP}")
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
                    runner.run(answers.history.reset(key))
                    print("hirebot> Forgotten. Start a new question.")
                    continue
                if question == "/help":
                    print(f"hirebot> {CHAT_HELP}")
                    continue
                reply = runner.run(answers.reply(key, question, user_id="cli", feature="cli", keep=False))
                print("hirebot> " + _reply_text(reply).replace("\n", "\n         ") + "\n")
        except KeyboardInterrupt:
            print()
        finally:
            runner.run(stack.aclose())
    return EXIT_OK


async def run_report(settings: Settings, args: argparse.Namespace) -> int:
    """``hirebot stats`` and ``hirebot feedback``: read from the same Redis the bot writes to."""
    from bot.store.workspace import within

    async with AsyncExitStack() as stack:
        store = await _open_store(settings, stack)
        if not store.available:
            return EXIT_FAILED
        workspace = await migrate.chosen_workspace(store, args)
        with within(workspace) if workspace is not None else nullcontext():
            await _report(store, args.command, getattr(args, "limit", 50))
    return EXIT_OK


async def _report(store: Store, report: str, limit: int) -> None:
    if report == "stats":
        from bot.answers.usage import usage_rows, usage_table

        print(usage_table(await usage_rows(store)))
        return
    from bot.store.answers import AnswerRecords
    from bot.store.feedback import FeedbackRecords

    votes = await FeedbackRecords(store, AnswerRecords(store)).unhelpful(limit)
    if not votes:
        print("No answers have been marked not helpful.")
    for vote in votes:
        when = time.strftime("%Y-%m-%d %H:%M", time.gmtime(float(vote.get("at") or 0)))
        answer = " ".join(str(vote.get("answer") or "(answer expired)").split())
        print(
            f"{when}  {vote.get('user')}  ({vote.get('engine') or '?'})\n  Q: {vote.get('question')}\n"
            f"  A: {answer[:300]}\n"
        )


def run_eval(*, show_answers: bool, explain: str | None = None) -> int:
    from knowledge.evaluation import explain_case, run_golden, summary_table, tuned_cases_pass

    if explain is not None:
        try:
            print(explain_case(explain))
        except KeyError:
            print(f"hirebot: no golden case {explain!r}", file=sys.stderr)
            return EXIT_USAGE
        return EXIT_OK
    results = run_golden()
    print(summary_table(results))
    if show_answers:
        for result in results:
            if not result.passed:
                print(f"\n--- {result.case.id}")
                print("\n\n".join(result.answers))
    return EXIT_OK if tuned_cases_pass(results) else EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
