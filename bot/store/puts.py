"""What ``Store.put_documents`` writes and answers, and the Lua script it runs: the checks, the reads and the
writes of one or more submissions (``Group``), each atomically, all in one round trip."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final, NamedTuple

from pydantic import BaseModel


@dataclass(frozen=True, slots=True)
class Put:
    """One document to write with ``Store.put_documents``."""

    kind: str
    doc_id: str
    document: dict[str, Any] | BaseModel
    indexes: tuple[str, ...] = ()
    ttl: int | None = None


class Written(NamedTuple):
    """What ``Store.put_documents`` found before writing."""

    existed: list[bool]  # per key in ``exists``
    read: list[str | None]  # per key in ``read``: its value, None where it had none


@dataclass(frozen=True, slots=True)
class Group:
    """One ``put_documents`` call as the script takes it: keys already made in the caller's workspace, documents
    already JSON. ``keys`` are the checks, the reads, then per put its document key followed by its index keys;
    ``args`` per put: payload, ttl (0: none), doc id, number of indexes."""

    checks: int
    reads: int
    puts: int
    keys: list[str]
    args: list[str | int]

    @property
    def lone_set(self) -> bool:
        """Nothing but one document without indexes: a plain ``SET`` does it."""
        return self.checks == 0 and self.reads == 0 and self.puts == 1 and self.args[3] == 0


# KEYS: every group's keys, one group after another. ARGV: the time (index score), then per group the number of
# its checks, reads and puts, followed by its puts' args. Groups run in order, so each group's checks and reads
# see the writes of the groups before it, as if each were a script of its own. A missing key reads as false,
# which reaches Python as None. The reply: per group, {existed, values}.
PUT_DOCUMENTS_SCRIPT: Final = """
local now = ARGV[1]
local k, a, replies = 1, 2, {}
while a <= #ARGV do
  local checks, reads, puts = tonumber(ARGV[a]), tonumber(ARGV[a + 1]), tonumber(ARGV[a + 2])
  a = a + 3
  local existed, values = {}, {}
  for i = 1, checks do existed[i] = redis.call('EXISTS', KEYS[k]); k = k + 1 end
  for i = 1, reads do values[i] = redis.call('GET', KEYS[k]); k = k + 1 end
  for p = 1, puts do
    local ttl, id, indexes = tonumber(ARGV[a + 1]), ARGV[a + 2], tonumber(ARGV[a + 3])
    if ttl > 0 then
      redis.call('SET', KEYS[k], ARGV[a], 'EX', ttl)
    else
      redis.call('SET', KEYS[k], ARGV[a])
    end
    for j = 1, indexes do redis.call('ZADD', KEYS[k + j], now, id) end
    k, a = k + indexes + 1, a + 4
  end
  replies[#replies + 1] = {existed, values}
end
return replies
"""
