"""Reminder times as people type them, in their own time zone, across daylight-saving changes."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from knowledge.reminders import (
    MAX_AHEAD,
    WhenError,
    looks_like_when,
    parse_when,
    reminder_id,
    split_candidate_and_when,
    zone_for,
    zone_name,
)
from tests import factories

NEW_YORK = ZoneInfo("America/New_York")
BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 6, 10, 15, 0, tzinfo=NEW_YORK)  # a Wednesday afternoon in New York


@pytest.mark.parametrize(
    ("text", "delta"),
    [
        ("in 45m", timedelta(minutes=45)),
        ("in 45 min", timedelta(minutes=45)),
        ("in 90 minutes", timedelta(minutes=90)),
        ("in 2h", timedelta(hours=2)),
        ("in 1h 30m", timedelta(hours=1, minutes=30)),
        ("in 1 hour and 15 minutes", timedelta(hours=1, minutes=15)),
        ("IN 3 Days", timedelta(days=3)),
    ],
)
def test_relative_times(text: str, delta: timedelta) -> None:
    assert parse_when(text, NOW, NEW_YORK) == NOW + delta


@pytest.mark.parametrize(
    ("text", "wall"),
    [
        ("at 16:00", datetime(2026, 6, 10, 16, 0)),
        ("at 4pm", datetime(2026, 6, 10, 16, 0)),
        ("at 4:30 pm", datetime(2026, 6, 10, 16, 30)),
        ("today 17:15", datetime(2026, 6, 10, 17, 15)),
        ("tomorrow 10:00", datetime(2026, 6, 11, 10, 0)),
        ("tomorrow at 9am", datetime(2026, 6, 11, 9, 0)),
        ("at 12am tomorrow", datetime(2026, 6, 11, 0, 0)),
        ("at noon tomorrow", datetime(2026, 6, 11, 12, 0)),
    ],
)
def test_wall_clock_times_are_in_the_requesters_zone(text: str, wall: datetime) -> None:
    when = parse_when(text, NOW, NEW_YORK)
    assert when.tzinfo is NEW_YORK
    assert when.replace(tzinfo=None) == wall


def test_the_same_words_mean_different_instants_in_different_zones() -> None:
    now = datetime(2026, 6, 10, 6, 0, tzinfo=UTC)
    in_new_york = parse_when("tomorrow 10:00", now, NEW_YORK)
    in_berlin = parse_when("tomorrow 10:00", now, BERLIN)
    assert in_new_york - in_berlin == timedelta(hours=6)


def test_a_time_already_passed_today_says_so_and_suggests_tomorrow() -> None:
    with pytest.raises(WhenError) as raised:
        parse_when("at 14:00", NOW, NEW_YORK)
    message = str(raised.value)
    assert "14:00 today has already passed in America/New_York (it's 15:00 there)" in message
    assert "`tomorrow 14:00`" in message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("whenever", "couldn't read"),
        ("in a bit", "couldn't read"),
        ("at 25:00", "isn't a time of day"),
        ("at 16:75", "isn't a time of day"),
        ("at 13pm", "from 1 to 12"),
        ("in 0m", "less than a minute"),
        ("in 30 seconds", "couldn't read"),
        ("in 121 days", "120 days"),
        ("", "couldn't read"),
    ],
)
def test_unusable_times_get_a_clear_message(text: str, expected: str) -> None:
    with pytest.raises(WhenError, match=expected):
        parse_when(text, NOW, NEW_YORK)


def test_the_skipped_hour_of_spring_forward_is_refused() -> None:
    saturday = datetime(2026, 3, 7, 12, 0, tzinfo=NEW_YORK)  # clocks go forward early on Sunday 8 March
    with pytest.raises(WhenError, match=r"02:30 doesn't happen on Sun 8 Mar in America/New_York"):
        parse_when("tomorrow 2:30", saturday, NEW_YORK)


def test_wall_clock_is_kept_across_spring_forward() -> None:
    saturday = datetime(2026, 3, 7, 12, 0, tzinfo=NEW_YORK)
    when = parse_when("tomorrow 10:00", saturday, NEW_YORK)
    assert when.replace(tzinfo=None) == datetime(2026, 3, 8, 10, 0)
    assert when.astimezone(UTC) - saturday.astimezone(UTC) == timedelta(hours=21)  # a 23-hour day
    assert parse_when("in 24h", saturday, NEW_YORK).replace(tzinfo=None) == datetime(2026, 3, 8, 13, 0)


def test_the_repeated_hour_of_fall_back_means_the_first() -> None:
    saturday = datetime(2026, 10, 31, 12, 0, tzinfo=NEW_YORK)
    when = parse_when("tomorrow 1:30", saturday, NEW_YORK)
    assert when.utcoffset() == timedelta(hours=-4)  # still daylight time
    assert when.astimezone(UTC) == datetime(2026, 11, 1, 5, 30, tzinfo=UTC)


def test_a_zone_this_machine_lacks_falls_back_to_slacks_offset() -> None:
    assert zone_for("America/New_York", -14400) == NEW_YORK
    assert zone_for("Mars/Olympus_Mons", -18000) == timezone(timedelta(hours=-5))
    assert zone_for(None) is UTC
    assert zone_name(zone_for("Mars/Olympus_Mons", 3600)) == "UTC+01:00"


@given(
    minutes=st.integers(min_value=1, max_value=60 * 24 * 119),
    moment=st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2035, 1, 1), timezones=st.just(UTC)),
)
@settings(max_examples=200, deadline=None)
def test_relative_times_are_exact_durations(minutes: int, moment: datetime) -> None:
    # The same instant, compared as instants: aware datetimes in two zones compare unequal on an ambiguous
    # (repeated) local hour when one has fold=1 (PEP 495), though they name the same moment.
    when = parse_when(f"in {minutes}m", moment, NEW_YORK)
    assert when.tzinfo is NEW_YORK
    assert when.timestamp() == (moment + timedelta(minutes=minutes)).timestamp()


@given(
    hour=st.integers(0, 23),
    minute=st.integers(0, 59),
    moment=st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2035, 1, 1), timezones=st.just(UTC)),
    zone=st.sampled_from([NEW_YORK, BERLIN, ZoneInfo("Australia/Lord_Howe"), ZoneInfo("Asia/Kolkata")]),
)
@settings(max_examples=300, deadline=None)
def test_tomorrow_is_that_wall_clock_time_on_the_next_local_day_or_a_clear_refusal(
    hour: int, minute: int, moment: datetime, zone: ZoneInfo
) -> None:
    day = moment.astimezone(zone).date() + timedelta(days=1)
    wall = datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone)
    if wall.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != wall.replace(tzinfo=None):  # skipped hour
        with pytest.raises(WhenError, match="doesn't happen"):
            parse_when(f"tomorrow {hour:02d}:{minute:02d}", moment, zone)
        return
    when = parse_when(f"tomorrow {hour:02d}:{minute:02d}", moment, zone)
    assert when.date() == moment.astimezone(zone).date() + timedelta(days=1)
    assert (when.hour, when.minute) == (hour, minute)
    assert timedelta(minutes=1) <= when.astimezone(UTC) - moment <= MAX_AHEAD


@pytest.mark.parametrize(
    ("words", "split"),
    [
        ("Ada Lovelace in 45m", ("Ada Lovelace", "in 45m")),
        ("Ada Lovelace tomorrow 10:00", ("Ada Lovelace", "tomorrow 10:00")),
        ("Tom Today tomorrow 10:00", ("Tom Today", "tomorrow 10:00")),
        ("Dana In Ho in 2h", ("Dana In Ho", "in 2h")),
        ("Ada at lunchtime", ("Ada", "at lunchtime")),
        ("Ada Lovelace", None),
        ("in 45m", None),
    ],
)
def test_the_candidate_is_everything_before_the_time(words: str, split: tuple[str, str] | None) -> None:
    assert split_candidate_and_when(words.split()) == split


def test_looks_like_when() -> None:
    assert looks_like_when("Tomorrow  at 10:00")
    assert not looks_like_when("at lunchtime")


def test_one_reminder_per_candidate_and_interviewer() -> None:
    reminder = factories.reminder("U0GRACE001", "U0HIRINGMGR", 1, at=NOW)
    assert reminder.id == reminder_id("ada lovelace", "U0GRACE001")
    assert reminder.pending(NOW) and not reminder.pending(NOW + timedelta(hours=2))


@pytest.mark.parametrize("text", ["in " + "1m " * 2000 + "x", "in " + "1 and " * 2000, "at " + "1" * 3000])
def test_pathological_input_is_refused_quickly(text: str) -> None:
    started = time.perf_counter()
    assert not looks_like_when(text)
    assert split_candidate_and_when(["Ada", *text.split()]) is not None
    with pytest.raises(WhenError):
        parse_when(text, NOW, NEW_YORK)
    assert time.perf_counter() - started < 0.1
