"""The broadcast audience, streamed: `<p>:idx:marketing` in ZSCAN chunks, never loaded whole.

ZSCAN returns every member present for the whole scan at least once (a duplicate is harmless:
outcomes are written once). Each chunk costs two round trips: the people's fields, then their
suppression and (when sending) whether they already have an outcome.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncGenerator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from bot.broadcast_rules import SKIP_REASONS, USER_FIELDS, Target, Verdict, decide
from bot.broadcasts import BroadcastSpec

if TYPE_CHECKING:
    from bot.services import Services

CHUNK = 500


@dataclass(frozen=True, slots=True)
class Candidate:
    psid: str
    digest: str  # keyed hash of the PSID: the only name the broadcast's records use
    fields: dict[str, str | None]
    suppressed: bool
    outcome: str | None = None


def target_of(services: Services, spec: BroadcastSpec) -> Target:
    pack = services.pack
    return Target(pack.pack.rights_version, pack.default_language, frozenset(spec.languages))


# KEYS: the audience index. ARGV: cursor, count, user key head, tail, fields... One ZSCAN
# step and every member's fields, returned as one string (parsing a reply element costs more
# in Python than the whole lookup costs in Redis).
_SCAN = r"""
local scan = redis.call('ZSCAN', KEYS[1], ARGV[1], 'COUNT', ARGV[2])
local items, fields, rows = scan[2], {}, {}
for i = 5, #ARGV do fields[#fields + 1] = ARGV[i] end
for i = 1, #items, 2 do
  local values = redis.call('HMGET', ARGV[3] .. items[i] .. ARGV[4], unpack(fields))
  for j = 1, #fields do if not values[j] then values[j] = '' end end
  rows[#rows + 1] = items[i] .. '\31' .. table.concat(values, '\31')
end
return {scan[1], table.concat(rows, '\30')}
"""
# KEYS: suppression set, outcomes hash. ARGV: "1" to read outcomes (else none), keyed hashes.
# Suppression flags and outcomes, one string each.
_MARKS = r"""
local flags, outcomes = {}, {}
for i = 2, #ARGV do
  flags[i - 1] = tostring(redis.call('SISMEMBER', KEYS[1], ARGV[i]))
  if ARGV[1] == '1' then outcomes[i - 1] = redis.call('HGET', KEYS[2], ARGV[i]) or '' end
end
return {table.concat(flags), table.concat(outcomes, '\31')}
"""


async def audience(
    services: Services, chunk: int = CHUNK, outcomes_key: str | None = None
) -> AsyncGenerator[list[Candidate], None]:
    """The audience in chunks, each person with their fields, suppression and outcome.

    The scripts read keys they are not given (one person's hash per member): right for one
    Redis server, as deployed; a Redis Cluster would need them split per slot."""
    keys, redis = services.keys, services.redis
    scan, marks = redis.register_script(_SCAN), redis.register_script(_MARKS)
    head, tail = keys.user("\0").split("\0")
    wanted = "1" if outcomes_key else "0"
    outcomes_key = outcomes_key or keys.broadcast_outcomes("-")  # never read

    def step(cursor: str) -> asyncio.Future[Any]:
        args: list[str | int] = [cursor, chunk, head, tail, *USER_FIELDS]
        return asyncio.ensure_future(scan(keys=[keys.marketing_index], args=args))

    ahead: asyncio.Future[Any] | None = step("0")
    try:
        while ahead is not None:
            cursor, packed = await ahead
            # The next chunk is read while this one is worked on (Redis and Python overlap).
            ahead = step(cursor) if str(cursor) != "0" else None
            rows = [row.split("\x1f") for row in packed.split("\x1e")] if packed else []
            if rows:
                digests = [services.pseudonym(row[0]) for row in rows]
                flags, packed = await marks(
                    keys=[keys.suppressed, outcomes_key], args=[wanted, *digests]
                )
                outcomes = packed.split("\x1f") if wanted == "1" else [""] * len(rows)
                yield [
                    Candidate(row[0], digest, _fields(row), flag == "1", outcome or None)
                    for row, digest, flag, outcome in zip(
                        rows, digests, flags, outcomes, strict=True
                    )
                ]
    finally:
        if ahead is not None:
            ahead.cancel()


def _fields(row: list[str]) -> dict[str, str | None]:
    """An absent field comes back empty; the rules treat "" as absent."""
    return dict(zip(USER_FIELDS, row[1:], strict=True))


def classify(verdict: Verdict) -> str:
    """One dry-run bucket per person."""
    if verdict.route is None:
        return verdict.reason or "no_consent"
    if verdict.wait_until is not None:
        return "quiet_hours"
    return "eligible_in_window" if verdict.route == "window" else "eligible_by_token"


async def estimate(services: Services, spec: BroadcastSpec, now: float) -> dict[str, Any]:
    """The dry run: how many would receive it now, and why the others would not."""
    target = target_of(services, spec)
    counts: Counter[str] = Counter()
    async for chunk in audience(services, 5000):
        for candidate in chunk:
            counts[classify(decide(candidate.fields, candidate.suppressed, target, now))] += 1
    buckets = ("eligible_in_window", "eligible_by_token", "quiet_hours")
    return {
        "audience": sum(counts[b] for b in buckets),
        **{b: counts[b] for b in buckets},
        "skipped": {reason: counts[reason] for reason in SKIP_REASONS},
    }
