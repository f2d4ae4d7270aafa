"""Identifiers of the one fake workspace every fake agrees on (team, bot, app, a hiring manager, a channel).

Human user and channel IDs have Slack's shape (``U`` / ``C`` plus at least six upper-case characters), so they
pass the same validation as real IDs; the bot's IDs are short and obviously fake on purpose.
"""

from __future__ import annotations

from typing import Final

TEAM_ID: Final = "T0001"
TEAM_DOMAIN: Final = "hirebot-test"
TEAM_NAME: Final = "Hirebot Test"
TEAM_URL: Final = "https://hirebot-test.slack.com/"
APP_ID: Final = "A0HIREBOT1"
BOT_USER_ID: Final = "UBOT"
BOT_ID: Final = "BBOT"
BOT_NAME: Final = "hirebot"
USER_ID: Final = "U0HIRINGMGR"
USER_NAME: Final = "hiring.manager"
CHANNEL_ID: Final = "C0HIRING01"
CHANNEL_NAME: Final = "hiring"
USER_TIMEZONE: Final = "America/New_York"
VERIFICATION_TOKEN: Final = "legacy-verification-token"

# Credentials for tests: shaped like real ones, so settings validation and the fake's prefix checks accept them.
BOT_TOKEN: Final = "xoxb-0001-0002-hirebot-test"
APP_TOKEN: Final = "xapp-1-A0HIREBOT1-0003-hirebot-test"
SIGNING_SECRET: Final = "8f742231b10e8888abcd99yyyzzz85a5"
