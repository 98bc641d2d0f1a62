"""The dry run from the counts kept with every change (bot/indexes/audience.py).

What the counts hold exactly: everyone by the first rule they fail that does not depend on
the clock (suppressed, no consent, STOP, restricted, unreachable), with the marketing rights
version and the language they were counted with, so the broadcast's own side (the current
rights version, its languages) applies here without reading anyone.

What they cannot hold: whether a candidate is inside Meta's 24-hour window, holds a usable
Marketing Messages token, or is in their quiet hours changes with the clock and no write.
That split is recounted from the audience itself: all of it when it is small, else a sample
of about SAMPLE people read round-robin from every partition (ZSCAN order is a hash order:
nothing about a person decides where they fall), scaled to the exact number of candidates.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from typing import TYPE_CHECKING

from bot.broadcast.chunks import BUCKETS, classify, fields_of, partition_chunk
from bot.broadcast.rules import Target, decide
from bot.consent.receipts import needs_reconsent
from bot.indexes.audience import Tally, mark_built, read_tally
from bot.pipeline.housekeeping import sweep

if TYPE_CHECKING:
    from bot.services import Services

SAMPLE = 1000  # people read for the clock-dependent split (±1.6 % of the candidates, 1 sigma)
TIMED = (*BUCKETS, "outside_window_no_token")
_HELD_BACK = ("unsubscribed", "restricted", "unreachable")


async def estimate_from_counts(services: Services, target: Target, now: float) -> Counter[str]:
    tally = await read_tally(services.redis, services.keys)
    if tally.unbuilt:  # never counted (new data, or data from before the counts): once
        await build(services, tally.unbuilt)
        tally = await read_tally(services.redis, services.keys)
    counts, candidates = by_rules(tally, target)
    counts.update(await clock_split(services, target, now, candidates))
    return counts


def by_rules(tally: Tally, target: Target) -> tuple[Counter[str], int]:
    """The reasons that do not depend on the clock, and how many people pass them all."""
    counts: Counter[str] = Counter()
    candidates = suppressed = 0
    for group in tally.counted:
        if group.kind == "suppressed":
            suppressed += group.people
        elif group.kind == "no_consent" or needs_reconsent(
            group.version or None, target.rights_version
        ):
            counts["no_consent"] += group.people
        elif group.kind in _HELD_BACK:
            counts[group.kind] += group.people
        elif target.languages and (group.language or target.default_language) not in (
            target.languages
        ):
            counts["language"] += group.people
        else:
            candidates += group.people
    counts["no_consent"] += tally.uncounted
    # Every erased person is one member of a suppression set; one who wrote again is also
    # counted as suppressed above: the larger figure counts each once.
    counts["suppressed"] = max(suppressed, tally.suppressed_set)
    return counts, candidates


async def build(services: Services, partitions: list[int]) -> None:
    """Count everyone in these partitions (both indexes; the expired dropped on the way),
    then trust their counts. Idempotent: writes meanwhile count once all the same."""
    redis, keys = services.redis, services.keys
    for n in partitions:
        for index in ("users", "marketing"):
            await sweep(redis, keys, n, index, services.pseudonym)
        await mark_built(redis, keys, n)


async def clock_split(
    services: Services, target: Target, now: float, candidates: int
) -> Counter[str]:
    """The candidates by window, token, quiet hours or none of these: read from the
    audience (all of it when small, else a sample), scaled to `candidates`."""
    if candidates <= 0:
        return Counter()
    seen = await _sample(services, target, now, "2")
    if not seen:  # candidates outside the audience index only (not the bot's own writes)
        seen = await _sample(services, target, now, "1")
    if not seen:
        return Counter({"outside_window_no_token": candidates})
    return _scaled(seen, candidates)


async def _sample(services: Services, target: Target, now: float, mode: str) -> Counter[str]:
    """Round-robin ZSCAN chunks of every partition until SAMPLE people are read or all are."""
    keys = services.keys
    per = max(16, SAMPLE // keys.partitions)
    cursors: dict[int, int] = dict.fromkeys(keys.every_partition, 0)
    seen: Counter[str] = Counter()
    read = 0
    while cursors and read < SAMPLE:
        steps = await asyncio.gather(
            *(partition_chunk(services, n, c, per, mode=mode) for n, c in cursors.items())
        )
        for n, (cursor, (rows, _, flags, _)) in zip(list(cursors), steps, strict=True):
            read += len(rows)
            for row, flag in zip(rows, flags, strict=True):
                bucket = classify(decide(fields_of(row), flag, target, now))
                seen[bucket] += bucket in TIMED
            if cursor == 0:
                del cursors[n]
            else:
                cursors[n] = cursor
    return Counter({bucket: seen[bucket] for bucket in TIMED if seen[bucket]})


def _scaled(seen: Counter[str], total: int) -> Counter[str]:
    """`seen` in proportion, summing to `total` exactly (largest remainders round up)."""
    whole = sum(seen.values())
    shares = {bucket: count * total / whole for bucket, count in seen.items()}
    scaled = Counter({bucket: int(share) for bucket, share in shares.items()})
    short = total - sum(scaled.values())
    for bucket in sorted(shares, key=lambda b: shares[b] - int(shares[b]), reverse=True)[:short]:
        scaled[bucket] += 1
    return scaled
