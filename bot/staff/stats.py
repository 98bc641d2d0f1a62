"""Aggregates for the console's dashboard: no personal data, only counts. Counting consent
decisions means reading every person's receipts, so the result is cached for a few minutes."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import time
from collections import Counter
from typing import Any, cast

from pydantic import BaseModel
from redis.exceptions import RedisError

from bot.consent.receipts import PURPOSES, ConsentReceipt
from bot.services import Services

log = logging.getLogger("privacybot.console")

CACHE_S = 300
LOCK_S = 600
DAYS = 30
_BATCH = 200  # people per round trip; small batches keep the event loop responsive
DECISIONS = ("granted", "refused", "withdrawn")


class Stats(BaseModel):
    people: int
    audience: int
    current: dict[str, dict[str, int]]  # purpose -> decision -> people now holding it
    per_day: list[tuple[str, dict[str, int]]]  # day -> decision -> receipts that day
    computed_at: str


def _tally(
    decisions: list[str | None],
    receipts: list[str],
    current: dict[str, Counter[str]],
    days: dict[str, Counter[str]],
) -> None:
    for purpose, decision in zip(PURPOSES, decisions, strict=True):
        current[purpose][decision or "none"] += 1
    for raw in receipts:
        receipt = ConsentReceipt.from_stored(raw)
        if receipt.at[:10] in days:
            days[receipt.at[:10]][receipt.decision] += 1


async def _chunk(
    services: Services,
    psids: list[str],
    current: dict[str, Counter[str]],
    days: dict[str, Counter[str]],
) -> None:
    pipe = services.redis.pipeline(transaction=False)
    for psid in psids:
        pipe.hmget(services.keys.user(psid), [f"consent:{p}" for p in PURPOSES])
        pipe.lrange(services.keys.consents(psid), 0, -1)
    answers: list[Any] = await pipe.execute()
    for decisions, receipts in zip(answers[::2], answers[1::2], strict=True):
        _tally(decisions, receipts, current, days)


async def compute(services: Services) -> Stats:
    today = dt.datetime.now(dt.UTC).date()
    day_names = [(today - dt.timedelta(days=n)).isoformat() for n in range(DAYS - 1, -1, -1)]
    days: dict[str, Counter[str]] = {day: Counter() for day in day_names}
    current: dict[str, Counter[str]] = {purpose: Counter() for purpose in PURPOSES}
    for n in services.keys.every_partition:  # each partition's slice, a batch at a time
        start = 0
        index = services.keys.users_index(n)
        while psids := cast(
            list[str], await services.redis.zrange(index, start, start + _BATCH - 1)
        ):
            await _chunk(services, psids, current, days)
            start += _BATCH
    people, audience = await people_and_audience(services)
    return Stats(
        people=people,
        audience=audience,
        current={p: {d: current[p][d] for d in (*DECISIONS, "none")} for p in PURPOSES},
        per_day=[(day, {d: days[day][d] for d in DECISIONS}) for day in day_names],
        computed_at=dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
    )


async def refresh(services: Services) -> None:
    """Count and store the result; one process at a time does it (a lock in Redis)."""
    lock = f"{services.keys.console_stats}:lock"
    if not await services.redis.set(lock, "1", nx=True, ex=LOCK_S):
        return
    try:
        stats = await compute(services)
        # Two keys of their own slots: not one MULTI (a cluster refuses it). The count is
        # written before its freshness mark, so a crash between only means counting again.
        pipe = services.redis.pipeline(transaction=False)
        pipe.set(services.keys.console_stats, stats.model_dump_json())
        pipe.set(f"{services.keys.console_stats}:fresh", "1", ex=CACHE_S)
        await pipe.execute()
    except Exception:
        log.exception("dashboard count failed")
    finally:
        # On shutdown Redis may be gone; the lock then ends with its TTL.
        with contextlib.suppress(RedisError):
            await services.redis.delete(lock)


async def cached_stats(services: Services) -> tuple[Stats | None, bool]:
    """The last count (None before the first) and whether it is older than CACHE_S."""
    pipe = services.redis.pipeline(transaction=False)
    pipe.get(services.keys.console_stats)
    pipe.exists(f"{services.keys.console_stats}:fresh")
    raw, fresh = await pipe.execute()
    return (Stats.model_validate_json(raw) if raw else None), not fresh


async def request_counts(services: Services) -> tuple[int, int]:
    """Open requests and how many of them are past their due date (paused ones are not)."""
    now = time.time()
    pipe = services.redis.pipeline(transaction=False)
    for n in services.keys.every_partition:
        pipe.zcard(services.keys.dsar_due(n))
        pipe.zcount(services.keys.dsar_due(n), "-inf", now)
    counts = [int(count) for count in await pipe.execute()]
    return sum(counts[::2]), sum(counts[1::2])


async def people_and_audience(services: Services) -> tuple[int, int]:
    """People known and people in the marketing audience, now (cheap: two ZCARDs a
    partition, one pipeline)."""
    pipe = services.redis.pipeline(transaction=False)
    for n in services.keys.every_partition:
        pipe.zcard(services.keys.users_index(n))
        pipe.zcard(services.keys.marketing_index(n))
    counts = [int(count) for count in await pipe.execute()]
    return sum(counts[::2]), sum(counts[1::2])
