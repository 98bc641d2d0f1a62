"""The broadcast audience, streamed: `<p>:idx:marketing` in ZSCAN chunks, never loaded whole.

ZSCAN returns every member present for the whole scan at least once (a duplicate is harmless:
outcomes are written once). Each chunk costs two round trips: the people's fields, then their
suppression and (when sending) whether they already have an outcome (scan_audience.lua, then
audience_marks.lua).

The dry run also counts the people outside the audience, streamed the same way from
`<p>:idx:users`: withdrawing or refusing marketing consent, STOP, a restriction and erasure
all take a person out of `<p>:idx:marketing`, and staff should see how many were left out
and why, not only who is in.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncGenerator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from bot.broadcast.rules import SKIP_REASONS, USER_FIELDS, Target, Verdict, decide
from bot.broadcast.spec import BroadcastSpec

if TYPE_CHECKING:
    from bot.services import Services

CHUNK = 500
# The dry run's chunks: each script call holds Redis about 10 ms (the bot's own commands
# wait behind it), and Redis and Python overlap better than with bigger ones (measured
# with tests/bench/bench_broadcast.py: 1,000 beat 5,000 by about a fifth).
ESTIMATE_CHUNK = 1000


@dataclass(frozen=True, slots=True)
class Candidate:
    psid: str
    digest: str  # keyed hash of the PSID: the only name the broadcast's records use
    fields: dict[str, str | None]
    suppressed: bool
    outcome: str | None = None


def target_of(services: Services, spec: BroadcastSpec) -> Target:
    pack = services.pack
    return Target(
        pack.pack.rights_version,
        pack.default_language,
        frozenset(spec.languages),
        tokens=services.settings.marketing_tokens,
        home_zone=pack.pack.time_zone,
    )


Rows = list[list[str]]  # per person: the PSID, then USER_FIELDS


async def audience(
    services: Services, chunk: int = CHUNK, outcomes_key: str | None = None
) -> AsyncGenerator[list[Candidate], None]:
    """The audience in chunks, each person with their fields, suppression and outcome."""
    async for rows, digests, flags, outcomes in _chunks(services, chunk, outcomes_key):
        yield [
            Candidate(row[0], digest, _fields(row), flag == "1", outcome or None)
            for row, digest, flag, outcome in zip(rows, digests, flags, outcomes, strict=True)
        ]


async def _chunks(
    services: Services, chunk: int, outcomes_key: str | None = None, *, outside: bool = False
) -> AsyncGenerator[tuple[Rows, list[str], str, list[str]], None]:
    """Rows, keyed hashes, suppression flags ("1" or "0") and outcomes, chunk by chunk.
    `outside`: instead the people the bot holds (`idx:users`) who are not in the audience.

    The scripts read keys they are not given (one person's hash per member): right for one
    Redis server, as deployed; a Redis Cluster would need them split per slot."""
    keys = services.keys
    scanned = [keys.users_index, keys.marketing_index] if outside else [keys.marketing_index]
    scan, marks = services.scripts.scan_audience, services.scripts.audience_marks
    head, tail = keys.user("\0").split("\0")
    wanted = "1" if outcomes_key else "0"
    outcomes_key = outcomes_key or keys.broadcast_outcomes("-")  # never read

    def step(cursor: str) -> asyncio.Future[Any]:
        args: list[str | int] = [cursor, chunk, head, tail, *USER_FIELDS]
        return asyncio.ensure_future(scan(keys=scanned, args=args))

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
                    keys=[keys.suppressed, outcomes_key], args=[wanted, "\x1f".join(digests)]
                )
                outcomes = packed.split("\x1f") if wanted == "1" else [""] * len(rows)
                yield rows, digests, flags, outcomes
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
    """The dry run: how many would receive it now, and why the others would not. Everyone
    counts: the audience and the people outside it, by the same rules (a real send records
    outcomes for the audience only). Someone who moves between the two while they are read
    may be counted twice or not at all: an estimate, not a census."""
    target = target_of(services, spec)
    counts: Counter[str] = Counter()

    async def count(outside: bool) -> None:
        async for rows, _, flags, _ in _chunks(services, ESTIMATE_CHUNK, outside=outside):
            for row, flag in zip(rows, flags, strict=True):
                counts[classify(decide(_fields(row), flag == "1", target, now))] += 1

    # Both at once: Redis reads one while Python decides the other. If one fails, the other
    # stops too.
    both = [asyncio.ensure_future(count(outside)) for outside in (False, True)]
    try:
        await asyncio.gather(*both)
    finally:
        for task in both:
            task.cancel()
    # The erased are in no index, only their keyed hash in the suppression set: one member,
    # one person left out. Those who wrote again are in it too and were counted above.
    erased = int(await services.redis.scard(services.keys.suppressed))
    counts["suppressed"] = max(counts["suppressed"], erased)
    buckets = ("eligible_in_window", "eligible_by_token", "quiet_hours")
    return {
        "audience": sum(counts[b] for b in buckets),
        **{b: counts[b] for b in buckets},
        "skipped": {reason: counts[reason] for reason in SKIP_REASONS},
    }
