"""Housekeeping in the worker: people stored without any consent expire 30 days after their
last contact (their hash and receipts carry a TTL); housekeeping then takes them out of the
people index too, so the admin list and the counts do not show people no longer held. It also
starts the append-only-file rewrite that an erasure scheduled (bot/pipeline/compaction.py).

One worker at a time keeps house (a lease in Redis), and it goes through the people index in
bounded slices with a cursor kept in Redis: no worker ever walks everyone at once, and the
work does not multiply with the number of workers.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from dataclasses import dataclass
from typing import cast

from redis.asyncio import Redis
from redis.exceptions import RedisError

from bot.constants import (
    HOUSEKEEPING_EVERY_S,
    HOUSEKEEPING_LEASE_MS,
    HOUSEKEEPING_SLICE,
    HOUSEKEEPING_TICK_S,
)
from bot.keys import Keys
from bot.lua import Scripts
from bot.name_index import forget_people
from bot.pipeline.compaction import compact_if_due

log = logging.getLogger("privacybot.housekeeping")


async def forget_expired(redis: Redis, keys: Keys) -> int:
    """Drop every index entry whose person has expired, in one go; returns how many."""
    forgotten = 0
    cursor = 0
    while True:
        cursor, forgotten_now = await _slice(redis, keys, cursor, HOUSEKEEPING_SLICE)
        forgotten += forgotten_now
        if cursor == 0:
            return forgotten


async def _slice(redis: Redis, keys: Keys, cursor: int, count: int) -> tuple[int, int]:
    """One ZSCAN step from `cursor`: returns the next cursor (0: the pass is done), forgotten."""
    cursor, rows = cast(
        tuple[int, list[tuple[str, float]]],
        await redis.zscan(keys.users_index, cursor, count=count),
    )
    psids = [psid for psid, _ in rows]
    return int(cursor), await _drop_missing(redis, keys, psids) if psids else 0


async def _drop_missing(redis: Redis, keys: Keys, psids: list[str]) -> int:
    pipe = redis.pipeline(transaction=False)
    for psid in psids:
        pipe.exists(keys.user(psid))
    gone = [psid for psid, exists in zip(psids, await pipe.execute(), strict=True) if not exists]
    if gone:
        # A person's hash and index entry are created together (one Lua script), so an
        # entry without a hash is someone who expired, never someone being created.
        await redis.zrem(keys.users_index, *gone)
        await redis.zrem(keys.marketing_index, *gone)
        await forget_people(redis, keys, gone)  # a name stored without consent: its index too
    return len(gone)


@dataclass
class Housekeeper:
    redis: Redis
    keys: Keys
    scripts: Scripts
    owner: str  # this worker's consumer name
    every_s: float = HOUSEKEEPING_EVERY_S
    slice_size: int = HOUSEKEEPING_SLICE

    async def tick(self) -> int | None:
        """One bounded step, if this worker holds the lease: returns how many people were
        forgotten, or None when another worker keeps house."""
        if not await self._hold_lease():
            return None
        await compact_if_due(self.redis, self.keys)
        state = cast(dict[str, str], await self.redis.hgetall(self.keys.housekeeping))
        cursor = int(state.get("cursor", 0))
        now = time.time()
        if cursor == 0:
            if now < float(state.get("pass_started", 0)) + self.every_s:
                return 0  # the last full pass is recent enough
            await self.redis.hset(self.keys.housekeeping, "pass_started", str(now))
        cursor, forgotten = await _slice(self.redis, self.keys, cursor, self.slice_size)
        await self.redis.hset(self.keys.housekeeping, "cursor", str(cursor))
        return forgotten

    async def _hold_lease(self) -> bool:
        lease = self.keys.housekeeping_lease
        if await self.redis.set(lease, self.owner, nx=True, px=HOUSEKEEPING_LEASE_MS):
            return True
        renewed = await self.scripts.renew_or_release_lease(
            keys=[lease], args=[self.owner, HOUSEKEEPING_LEASE_MS]
        )
        return bool(renewed)

    async def release(self) -> None:
        await self.scripts.renew_or_release_lease(
            keys=[self.keys.housekeeping_lease], args=[self.owner, ""]
        )


async def run_housekeeping(keeper: Housekeeper, stop: asyncio.Event) -> None:
    while not stop.is_set():
        try:
            forgotten = await keeper.tick()
            if forgotten:
                log.info("forgot %d expired people", forgotten)
        except RedisError as exc:
            log.warning("housekeeping: redis %s; next round later", type(exc).__name__)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), HOUSEKEEPING_TICK_S)
    with contextlib.suppress(RedisError):  # another worker takes over at once
        await keeper.release()
