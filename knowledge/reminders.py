"""Reminders to fill a scorecard: the reminder itself, and when it fires, read from what people type.

``parse_when`` understands ``in 45m``, ``in 1h 30m``, ``at 16:00``, ``at 4:30pm``, ``today 17:00`` and
``tomorrow 10:00`` (with or without ``at``), in the time zone of the person asking. Wall-clock times are built on
the local calendar, so ``tomorrow 10:00`` is 10:00 even across a daylight-saving change; a time that doesn't
exist that day (the hour the clocks skip) is refused with a message saying so, and one that happens twice (the
hour they repeat) means the first. Relative times are plain durations from now.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from typing import Final
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from knowledge.identifiers import CANDIDATE_MAX, CandidateName, SlackUserId

MIN_AHEAD: Final = timedelta(minutes=1)
MAX_AHEAD: Final = timedelta(days=120)  # chat.scheduleMessage refuses anything further out
KEEP_AFTER: Final = timedelta(days=14)  # a delivered reminder's button keeps working this long
EXAMPLES: Final = "`in 45m`, `at 16:00` or `tomorrow 10:00`"
KEYWORDS: Final = frozenset({"in", "at", "today", "tomorrow"})

MAX_WHEN_TEXT: Final = 60  # longer than any time people type; keeps the patterns' work tiny
MAX_WHEN_WORDS: Final = 10

_UNIT = r"(?:minutes?|mins?|m|hours?|hrs?|h|days?|d)(?![a-z])"
_ITEM = rf"\d{{1,7}}\s*+{_UNIT}"
_SEPARATOR = r"(?:\s*+,\s*+|\s++and\s++|\s++)"
_DURATION = re.compile(rf"(\d{{1,7}})\s*+({_UNIT})")
_CLOCK = r"(?:noon|\d{1,2}(?::\d{2})?\s?(?:am|pm)|\d{1,2}:\d{2})"
_IN = re.compile(rf"in\s++({_ITEM}(?:{_SEPARATOR}{_ITEM})*+)")
_DAY_FIRST = re.compile(rf"(today|tomorrow) (?:at )?({_CLOCK})")
_AT = re.compile(rf"at ({_CLOCK})(?: (today|tomorrow))?")
_CLOCK_PARTS = re.compile(r"(\d{1,2})(?::(\d{2}))?\s*(am|pm)?")


class WhenError(ValueError):
    """The time can't be used; the message says why in plain words and is safe to show."""


def zone_for(name: str | None, offset_seconds: int | None = None) -> tzinfo:
    """The IANA zone ``name`` if this machine knows it, else the fixed ``offset_seconds``, else UTC."""
    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    if offset_seconds is not None:
        return timezone(timedelta(seconds=offset_seconds))
    return UTC


def zone_name(zone: tzinfo) -> str:
    return zone.key if isinstance(zone, ZoneInfo) else str(zone)


def _normal(text: str) -> str:
    return " ".join(text.lower().split())


def looks_like_when(text: str) -> bool:
    """Whether ``text`` is shaped like a time this module reads (it may still be in the past)."""
    text = _normal(text)
    return len(text) <= MAX_WHEN_TEXT and any(pattern.fullmatch(text) for pattern in (_IN, _DAY_FIRST, _AT))


def split_candidate_and_when(words: Sequence[str]) -> tuple[str, str] | None:
    """``["Ada", "Lovelace", "in", "45m"]`` -> ``("Ada Lovelace", "in 45m")``: the earliest split whose tail reads
    as a time, else the first time word after the name, else None."""
    for start in range(max(1, len(words) - MAX_WHEN_WORDS), len(words)):
        if looks_like_when(" ".join(words[start:])):
            return " ".join(words[:start]), " ".join(words[start:])
    for start in range(1, len(words)):
        if words[start].lower() in KEYWORDS:
            return " ".join(words[:start]), " ".join(words[start:])
    return None


def _duration(text: str) -> timedelta:
    total = timedelta()
    for amount, unit in _DURATION.findall(text):
        value = int(amount)
        if unit.startswith("d"):
            total += timedelta(days=value)
        elif unit.startswith("h"):
            total += timedelta(hours=value)
        else:
            total += timedelta(minutes=value)
    return total


def _clock(text: str) -> time:
    if text == "noon":
        return time(12, 0)
    match = _CLOCK_PARTS.fullmatch(text)
    if match is None:
        raise WhenError(f"I couldn't read {text!r} as a time. Try {EXAMPLES}.")
    hour, minute, half = int(match[1]), int(match[2] or 0), match[3]
    if half is not None:
        if not 1 <= hour <= 12:
            raise WhenError(f"{text} isn't a time: with am or pm the hour goes from 1 to 12.")
        hour = hour % 12 + (12 if half == "pm" else 0)
    if hour > 23 or minute > 59:
        raise WhenError(f"{text} isn't a time of day. Use 24-hour time like 16:00, or 4pm.")
    return time(hour, minute)


def _local(day: date, clock: time, zone: tzinfo) -> datetime:
    """``clock`` on ``day`` in ``zone``: the first of two on a repeated hour, an error in a skipped one."""
    local = datetime.combine(day, clock, tzinfo=zone)
    if local.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != local.replace(tzinfo=None):
        raise WhenError(
            f"{clock:%H:%M} doesn't happen on {day:%a} {day.day} {day:%b} in {zone_name(zone)}: the clocks skip "
            "that hour for daylight saving. Pick another time."
        )
    return local


def parse_when(text: str, now: datetime, zone: tzinfo) -> datetime:
    """When a reminder typed as ``text`` should fire, as an aware datetime in ``zone``. ``now`` is aware."""
    normal = _normal(text)[: MAX_WHEN_TEXT + 1]
    now = now.astimezone(UTC)  # aware arithmetic across one tzinfo is wall-clock arithmetic: compare in UTC
    local_now = now.astimezone(zone)
    if match := _IN.fullmatch(normal):
        when = (now + _duration(match[1])).astimezone(zone)
    elif (match := _DAY_FIRST.fullmatch(normal)) or (match := _AT.fullmatch(normal)):
        day_word, clock_text = (match[1], match[2]) if match.re is _DAY_FIRST else (match[2] or "today", match[1])
        day = local_now.date() + timedelta(days=1 if day_word == "tomorrow" else 0)
        clock = _clock(clock_text)
        when = _local(day, clock, zone)
        if when.astimezone(UTC) <= now:
            raise WhenError(
                f"{clock:%H:%M} today has already passed in {zone_name(zone)} (it's {local_now:%H:%M} there). "
                f"Try `tomorrow {clock:%H:%M}`."
            )
    else:
        raise WhenError(f"I couldn't read {text.strip()[:40]!r} as a time. Try {EXAMPLES}.")
    ahead = when.astimezone(UTC) - now
    if ahead < MIN_AHEAD:
        raise WhenError("That's less than a minute from now; pick a later time.")
    if ahead > MAX_AHEAD:
        raise WhenError("Slack can schedule a reminder at most 120 days ahead; pick an earlier time.")
    return when


def reminder_id(key: str, interviewer: str) -> str:
    """One pending reminder per candidate and interviewer: a new one replaces the old."""
    return f"{key}/{interviewer}"


class Reminder(BaseModel):
    """A scheduled nudge for ``interviewer`` to fill their scorecard for ``candidate``, asked by ``requester``.

    ``delivery_channel`` and ``delivery_id`` say where the scheduled message waits and under which id, so that
    submitting the scorecard can cancel it.
    """

    model_config = ConfigDict(frozen=True, extra="ignore")

    candidate: CandidateName
    candidate_key: str = Field(min_length=1, max_length=CANDIDATE_MAX * 2)
    interviewer: SlackUserId
    requester: SlackUserId
    remind_at: AwareDatetime
    created_at: AwareDatetime
    delivery_channel: str = Field(min_length=1, max_length=64)
    delivery_id: str = Field(min_length=1, max_length=64)

    @property
    def id(self) -> str:
        return reminder_id(self.candidate_key, self.interviewer)

    def pending(self, now: datetime) -> bool:
        """Not delivered yet, so it can still be cancelled."""
        return self.remind_at > now
