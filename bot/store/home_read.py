"""Everything a person's App Home shows, read in one round trip.

The Home lists documents found through indexes, and a debrief needs the scorecards of each listed candidate: read
one call at a time that was about two dozen round trips per publish. One Lua script (``EVALSHA``, reloaded by
redis-py's ``Script`` after a server restart) walks the indexes and reads the documents server-side, and can also
record that the person just opened their Home. Keys are built in the script from ``Store``'s layout (the prefix,
percent-encoded parts, see ``bot.store.redis_store``), so it runs on a single Redis server, not a cluster.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Final

from bot.store.documents import parse_documents
from bot.store.redis_store import Store
from bot.store.reminders import REMINDER
from bot.store.scorecards import CANDIDATE, HOME_VISITS, MAX_SCORECARDS_PER_CANDIDATE, SCORECARD, CandidateEntry
from knowledge.reminders import Reminder
from knowledge.scorecards import Scorecard

VISIT_TTL: Final = 24 * 60 * 60

# Python's quote(part, safe="") leaves A-Z a-z 0-9 _ . - ~ as they are and writes every other byte as %XX.
HOME_SCRIPT: Final = """
local prefix, user, limit, per_candidate = ARGV[1], ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4])
local touch, require_visit = ARGV[5] == '1', ARGV[6] == '1'
local function quote(part)
  return (string.gsub(part, '[^%w_%.%-~]', function(c) return string.format('%%%02X', string.byte(c)) end))
end
local function key(section, kind, part)
  return prefix .. section .. ':' .. quote(kind) .. ':' .. quote(part)
end
local visit = key('once', ARGV[8], user)
if touch then
  redis.call('SET', visit, '1', 'EX', tonumber(ARGV[7]))
elseif require_visit and redis.call('EXISTS', visit) == 0 then
  return {0}
end
local function listed(kind, index, count)
  local ids = redis.call('ZREVRANGE', key('index', kind, index), 0, count - 1)
  if #ids == 0 then return {{}, {}} end
  local keys = {}
  for i, id in ipairs(ids) do keys[i] = key('doc', kind, id) end
  return {ids, redis.call('MGET', unpack(keys))}
end
local candidates = listed('candidate', 'recent', limit)
local debriefs = {}
for i, candidate in ipairs(candidates[1]) do
  debriefs[i] = listed('scorecard', 'candidate:' .. candidate, per_candidate)[2]
end
return {1, listed('reminder', 'interviewer:' .. user, limit), listed('reminder', 'requester:' .. user, limit),
  listed('scorecard', 'interviewer:' .. user, limit), candidates, debriefs}
"""


@dataclass(frozen=True)
class HomeData:
    asked_of_me: list[Reminder]
    asked_by_me: list[Reminder]
    recent: list[Scorecard]
    candidates: list[CandidateEntry]
    scorecards: dict[str, list[Scorecard]]  # by candidate key, newest first
    gone_reminders: dict[str, list[str]]  # index -> reminder ids whose reminder expired


class HomeReader:
    def __init__(self, store: Store) -> None:
        self.store = store

    async def read(
        self, user: str, limit: int, *, opened: bool = False, only_visitors: bool = False
    ) -> HomeData | None:
        """``user``'s Home data; ``opened`` also records a visit (for 24 hours). With ``only_visitors``, None
        when ``user`` has not opened their Home in the last 24 hours. Raises ``StoreUnavailable``."""
        flags: list[str | int] = [int(opened), int(only_visitors), VISIT_TTL, HOME_VISITS]
        args: list[str | int] = [self.store.prefix, user, limit, MAX_SCORECARDS_PER_CANDIDATE, *flags]
        reply: list[Any] = await self.store.run_script(HOME_SCRIPT, args)
        if not reply[0]:
            return None
        of_me, by_me, mine, candidates, debriefs = reply[1:]
        entries = parse_documents(CandidateEntry, _present(candidates[1]), CANDIDATE)
        by_key = {key: _scorecards(docs) for key, docs in zip(candidates[0], debriefs, strict=True)}
        return HomeData(
            asked_of_me=_reminders(of_me),
            asked_by_me=_reminders(by_me),
            recent=_scorecards(mine[1]),
            candidates=entries,
            scorecards=by_key,
            gone_reminders={
                f"interviewer:{user}": _gone(of_me),
                f"requester:{user}": _gone(by_me),
            },
        )


def _present(payloads: list[str | None]) -> list[dict[str, Any]]:
    return [json.loads(payload) for payload in payloads if payload is not None]


def _reminders(found: list[list[Any]]) -> list[Reminder]:
    return parse_documents(Reminder, _present(found[1]), REMINDER)


def _scorecards(payloads: list[str | None]) -> list[Scorecard]:
    return parse_documents(Scorecard, _present(payloads), SCORECARD)


def _gone(found: list[list[Any]]) -> list[str]:
    return [doc_id for doc_id, payload in zip(found[0], found[1], strict=True) if payload is None]
