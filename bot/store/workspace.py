"""Which workspace a record belongs to: every hirebot key of a workspace's data starts with its keyspace,
``{prefix}w:{enterprise}:{team}:`` (``none`` for a missing part), built here and nowhere else.

A ``Workspace`` is taken from each request (Bolt's ``context.team_id`` / ``enterprise_id``) by the middleware in
``bot.app``, and made current with ``enter`` for the rest of the request (the transports wrap each dispatch in
``outside_any_workspace``). ``Store`` reads it when it builds a key, so every repository, service and Lua script
over the store is confined to the workspace without being handed it call by call, and none can forget to be; background
tasks started from the request stay confined too (``asyncio`` copies the context into a task). Work that runs
outside a request (the retention sweep, the outbox's sweeper, ``hirebot migrate``) enters each workspace
explicitly, with ``within``.

An org-wide (Enterprise Grid) install is keyed by its enterprise alone, as its installation is. Outside any
workspace the store uses the unscoped keyspace ``{prefix}``: there live the installations, OAuth states and
departures (``Store.unscoped``), the data of a single-workspace deployment until ``hirebot migrate`` moves it,
and what the command line and unit tests write.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, Final
from urllib.parse import quote, unquote

NONE: Final = "none"
SECTION: Final = "w"


@dataclass(frozen=True, slots=True)
class Workspace:
    team_id: str | None
    enterprise_id: str | None = None

    @classmethod
    def of(cls, enterprise_id: str | None, team_id: str | None, *, is_enterprise_install: bool = False) -> Workspace:
        return cls(team_id=None if is_enterprise_install else team_id or None, enterprise_id=enterprise_id or None)

    @classmethod
    def from_context(cls, context: Mapping[str, Any]) -> Workspace:
        """From Bolt's context (``team_id``, ``enterprise_id``, ``is_enterprise_install``, which Bolt reads from
        every kind of payload)."""
        return cls.of(
            context.get("enterprise_id"),
            context.get("team_id"),
            is_enterprise_install=bool(context.get("is_enterprise_install")),
        )

    @property
    def key(self) -> str:
        """``{enterprise}:{team}``, as ``bot.store.departures`` names a departed workspace."""
        return f"{quote(self.enterprise_id or NONE, safe='')}:{quote(self.team_id or NONE, safe='')}"

    @property
    def keyspace(self) -> str:
        """What follows the store's prefix in every key of this workspace's data."""
        return f"{SECTION}:{self.key}:"

    @classmethod
    def from_keyspace(cls, rest: str) -> Workspace | None:
        """The workspace whose key, minus the store prefix, is ``rest`` (``w:E:T:...``); None for another key."""
        parts = rest.split(":", 3)
        if len(parts) < 4 or parts[0] != SECTION:
            return None
        enterprise, team = (unquote(part) for part in parts[1:3])
        return cls(team_id=None if team == NONE else team, enterprise_id=None if enterprise == NONE else enterprise)

    def __str__(self) -> str:
        return self.team_id or self.enterprise_id or NONE


CURRENT: Final[ContextVar[Workspace | None]] = ContextVar("hirebot_workspace", default=None)


@contextmanager
def within(workspace: Workspace) -> Iterator[Workspace]:
    """Make ``workspace`` current for the code inside, and for the tasks it starts."""
    token = CURRENT.set(workspace)
    try:
        yield workspace
    finally:
        CURRENT.reset(token)


def enter(workspace: Workspace) -> None:
    """Make ``workspace`` current until the request ends (the transport's ``outside_any_workspace``): Bolt runs
    its middleware one after the other and the listener after them all, so a middleware can't wrap the listener."""
    CURRENT.set(workspace)


@contextmanager
def outside_any_workspace() -> Iterator[None]:
    """Start outside any workspace, and leave what is entered inside when the block ends: each request's
    dispatch (a Socket Mode connection runs its requests one after another in one task), and the sweepers'
    tasks, which must not inherit a workspace from whatever started the process."""
    token = CURRENT.set(None)
    try:
        yield
    finally:
        CURRENT.reset(token)


def current() -> Workspace | None:
    return CURRENT.get()
