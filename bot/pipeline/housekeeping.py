"""Housekeeping in the worker: people stored without any consent expire 30 days after their
last contact (their hash and receipts carry a TTL); housekeeping then takes them out of the
people index too, so the admin list and the counts do not show people no longer held. It also
starts the append-only-file rewrite that an erasure scheduled (bot/pipeline/compaction.py).

One worker at a time keeps house (a lease in Redis), and it goes through the people index,
partition by partition, in bounded slices with a cursor kept in Redis (the partition and the
ZSCAN cursor in it): no worker ever walks everyone at once, and the work does not multiply with
the number of workers. Each slice's people are also reclassed for the audience counts
(bot/indexes/audience.py): what changed without a write of ours is counted right again within
a pass.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from dataclasses import dataclass
from typing import Any, cast

from redis.asyncio import Redis
from redis.exceptions import RedisError

from bot.constants import (
    HOUSEKEEPING_EVERY_S,
    HOUSEKEEPING_LEASE_MS,
    HOUSEKEEPING_SLICE,
    HOUSEKEEPING_TICK_S,
)
from bot.indexes.audience import reclass_many
from bot.keys import Keys
from bot.lua import Scripts
from bot.name_index import forget_people
from bot.pipeline.compaction import compact_if_due
from bot.pseudonym import Pseudonymizer

log = logging.getLogger("privacybot.housekeeping")


Digest = Pseudonymizer | None  # the keyed PSID hash, for the counts' suppression check


async def forget_expired(redis: Redis, keys: Keys, pseudonym: Digest = None) -> int:
    """Drop every index entry whose person has expired, in one go; returns how many."""
    forgotten = 0
    for n in keys.every_partition:
        forgotten += await sweep(redis, keys, n, "users", pseudonym)
    return forgotten


async def sweep(
    redis: Redis, keys: Keys, n: int, index: str = "users", pseudonym: Digest = None
) -> int:
    """One whole pass over partition n's people index ("users") or audience ("marketing"):
    the expired dropped, everyone else reclassed. Returns how many were dropped."""
    forgotten, cursor = 0, 0
    while True:
        cursor, dropped, _ = await _slice(
            redis, keys, n, cursor, HOUSEKEEPING_SLICE, index=index, pseudonym=pseudonym
        )
        forgotten += dropped
        if cursor == 0:
            return forgotten


async def _slice(
    redis: Redis,
    keys: Keys,
    n: int,
    cursor: int,
    count: int,
    *,
    index: str = "users",
    pseudonym: Digest = None,
) -> tuple[int, int, int]:
    """One ZSCAN step from `cursor` in partition n: returns the next cursor (0: the
    partition's pass is done), how many were forgotten and how many were looked at."""
    scanned = keys.users_index(n) if index == "users" else keys.marketing_index(n)
    cursor, rows = cast(
        tuple[int, list[tuple[str, float]]], await redis.zscan(scanned, cursor, count=count)
    )
    psids = [psid for psid, _ in rows]
    dropped = await _drop_missing(redis, keys, n, psids, pseudonym) if psids else 0
    return int(cursor), dropped, len(psids)


async def _drop_missing(
    redis: Redis, keys: Keys, n: int, psids: list[str], pseudonym: Digest = None
) -> int:
    pipe = redis.pipeline(transaction=False)
    for psid in psids:
        pipe.exists(keys.user(psid))
    found = await pipe.execute()
    gone = [psid for psid, exists in zip(psids, found, strict=True) if not exists]
    if gone:
        # A person's hash and index entry are created together (one Lua script), so an
        # entry without a hash is someone who expired, never someone being created.
        pipe = redis.pipeline(transaction=True)  # partition n's slices
        pipe.zrem(keys.users_index(n), *gone)
        pipe.zrem(keys.marketing_index(n), *gone)
        await pipe.execute()
        await forget_people(redis, keys, gone)  # a name stored without consent: its index too
    await _reclass(
        redis, keys, [p for p, exists in zip(psids, found, strict=True) if exists], pseudonym
    )
    return len(gone)


async def _reclass(redis: Redis, keys: Keys, psids: list[str], pseudonym: Digest) -> None:
    """Everyone held, counted again (each script call is atomic and idempotent)."""
    people = [(psid, pseudonym(psid) if pseudonym else "") for psid in psids]
    await reclass_many(redis, keys, people)


@dataclass
class Housekeeper:
    redis: Redis
    keys: Keys
    scripts: Scripts
    owner: str  # this worker's consumer name
    every_s: float = HOUSEKEEPING_EVERY_S
    slice_size: int = HOUSEKEEPING_SLICE
    pseudonym: Digest = None  # given: the counts also learn who is suppressed

    async def tick(self) -> int | None:
        """One bounded step, if this worker holds the lease: returns how many people were
        forgotten, or None when another worker keeps house."""
        if not await self._hold_lease():
            return None
        await compact_if_due(self.redis, self.keys)
        state = cast(dict[str, str], await self.redis.hgetall(self.keys.housekeeping))
        cursor = int(state.get("cursor", 0))
        n = int(state.get("partition", 0))
        n = n if n < self.keys.partitions else 0
        now = time.time()
        if cursor == 0 and n == 0:
            if now < float(state.get("pass_started", 0)) + self.every_s:
                return 0  # the last full pass is recent enough
            await self.redis.hset(self.keys.housekeeping, "pass_started", str(now))
        forgotten = scanned = 0
        # Up to about `slice_size` people, over as many partitions as that takes (small or
        # empty slices cost one round trip each); the pass ends back at partition 0.
        while scanned < self.slice_size:
            cursor, dropped, seen = await _slice(
                self.redis, self.keys, n, cursor, self.slice_size, pseudonym=self.pseudonym
            )
            forgotten, scanned = forgotten + dropped, scanned + seen
            if cursor == 0:  # this partition is done: the next one, or the pass is
                n = (n + 1) % self.keys.partitions
                if n == 0:
                    break
        position = {"cursor": str(cursor), "partition": str(n)}
        await self.redis.hset(self.keys.housekeeping, mapping=cast(Any, position))
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
