"""What ``Store.put_documents`` writes and answers, and the Lua script it runs: the checks, the reads and the
writes of one submission, atomically, in one round trip."""

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


# KEYS: the checks, the reads, then per put its document key followed by its index keys.
# ARGV: the number of checks, of reads, the time (index score), then per put: payload, ttl (0: none), doc id, and
# its number of indexes. A missing key reads as false, which reaches Python as None.
PUT_DOCUMENTS_SCRIPT: Final = """
local checks, reads, now = tonumber(ARGV[1]), tonumber(ARGV[2]), ARGV[3]
local existed, values = {}, {}
for i = 1, checks do existed[i] = redis.call('EXISTS', KEYS[i]) end
for i = 1, reads do values[i] = redis.call('GET', KEYS[checks + i]) end
local k, a = checks + reads + 1, 4
while a <= #ARGV do
  local ttl, id, indexes = tonumber(ARGV[a + 1]), ARGV[a + 2], tonumber(ARGV[a + 3])
  if ttl > 0 then
    redis.call('SET', KEYS[k], ARGV[a], 'EX', ttl)
  else
    redis.call('SET', KEYS[k], ARGV[a])
  end
  for j = 1, indexes do redis.call('ZADD', KEYS[k + j], now, id) end
  k, a = k + indexes + 1, a + 4
end
return {existed, values}
"""
