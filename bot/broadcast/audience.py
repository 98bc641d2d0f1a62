"""The broadcast audience, streamed: each partition's `idx:marketing` slice in ZSCAN chunks,
never loaded whole.

ZSCAN returns every member present for the whole scan at least once (a duplicate is harmless:
outcomes are written once). Each chunk costs two round trips: the ZSCAN step, then the
people's fields (scan_audience.lua, every hash declared, all in the partition's slot) with
their suppression and (when sending) their outcomes in the same pipeline.

The dry run answers from the counts kept with every change (bot/indexes/audience.py, below in
`counted`), not by reading everyone; `recount` still reads everyone (the audience and the
people outside it, `idx:users`), by the same rules, and the two agree.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import AsyncGenerator
from typing import TYPE_CHECKING, Any

from bot.broadcast.chunks import BUCKETS, Candidate, classify, fields_of, partition_chunk
from bot.broadcast.counted import estimate_from_counts
from bot.broadcast.rules import SKIP_REASONS, Target, decide
from bot.broadcast.spec import BroadcastSpec

if TYPE_CHECKING:
    from bot.services import Services

CHUNK = 500
ESTIMATE_CHUNK = 1000
__all__ = ["Candidate", "audience", "estimate", "recount", "target_of"]


def target_of(services: Services, spec: BroadcastSpec) -> Target:
    pack = services.pack
    return Target(
        pack.pack.rights_version,
        pack.default_language,
        frozenset(spec.languages),
        tokens=services.settings.marketing_tokens,
        home_zone=services.page.time_zone,
    )


async def audience(
    services: Services, chunk: int = CHUNK, outcomes_key: str | None = None
) -> AsyncGenerator[list[Candidate], None]:
    """The audience in chunks, each person with their fields, suppression and outcome:
    partition after partition."""
    for n in services.keys.every_partition:
        cursor = 0
        while True:
            cursor, found = await partition_chunk(services, n, cursor, chunk, outcomes_key)
            rows, digests, flags, outcomes = found
            if rows:
                yield [
                    Candidate(row[0], digest, fields_of(row), flag, outcome or None)
                    for row, digest, flag, outcome in zip(
                        rows, digests, flags, outcomes, strict=True
                    )
                ]
            if cursor == 0:
                break


def answer(counts: Counter[str]) -> dict[str, Any]:
    return {
        "audience": sum(counts[b] for b in BUCKETS),
        **{b: counts[b] for b in BUCKETS},
        "skipped": {reason: counts[reason] for reason in SKIP_REASONS},
    }


async def estimate(services: Services, spec: BroadcastSpec, now: float) -> dict[str, Any]:
    """The dry run: how many would receive it now, and why the others would not, from the
    counts kept with every change (bot.broadcast.counted)."""
    return answer(await estimate_from_counts(services, target_of(services, spec), now))


async def recount(services: Services, spec: BroadcastSpec, now: float) -> dict[str, Any]:
    """The dry run by reading everyone (the audience, then the people outside it), each by
    the rules a send applies; the counts kept with every change must agree with it. Someone
    who moves between the two while they are read may be counted twice or not at all."""
    target = target_of(services, spec)
    counts: Counter[str] = Counter()
    for n in services.keys.every_partition:
        for mode in ("2", "1"):
            cursor = 0
            while True:
                cursor, (rows, _, flags, _) = await partition_chunk(
                    services, n, cursor, ESTIMATE_CHUNK, mode=mode
                )
                for row, flag in zip(rows, flags, strict=True):
                    counts[classify(decide(fields_of(row), flag, target, now))] += 1
                if cursor == 0:
                    break
    # The erased are in no index, only their keyed hash in a suppression set: one member,
    # one person left out. Those who wrote again are in it too and were counted above.
    pipe = services.redis.pipeline(transaction=False)
    for n in services.keys.every_partition:
        pipe.scard(services.keys.suppressed(n))
    erased = sum(int(size) for size in await pipe.execute())
    counts["suppressed"] = max(counts["suppressed"], erased)
    return answer(counts)
