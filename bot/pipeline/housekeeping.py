"""Housekeeping in the worker: people stored without any consent expire 30 days after their
last contact (their hash and receipts carry a TTL); this loop then takes them out of the
people index too, so the admin list and the counts do not show people no longer held."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import cast

from redis.asyncio import Redis
from redis.exceptions import RedisError

from bot.constants import HOUSEKEEPING_EVERY_S
from bot.keys import Keys
from bot.name_index import forget_people

log = logging.getLogger("privacybot.housekeeping")
_BATCH = 500


async def forget_expired(redis: Redis, keys: Keys) -> int:
    """Drop index entries whose person has expired; returns how many."""
    forgotten = 0
    batch: list[str] = []
    async for psid, _ in redis.zscan_iter(keys.users_index, count=_BATCH):
        batch.append(cast(str, psid))
        if len(batch) >= _BATCH:
            forgotten += await _drop_missing(redis, keys, batch)
            batch = []
    if batch:
        forgotten += await _drop_missing(redis, keys, batch)
    return forgotten


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


async def run_housekeeping(redis: Redis, keys: Keys, stop: asyncio.Event) -> None:
    while not stop.is_set():
        try:
            forgotten = await forget_expired(redis, keys)
            if forgotten:
                log.info("forgot %d expired people", forgotten)
        except RedisError as exc:
            log.warning("housekeeping: redis %s; next round later", type(exc).__name__)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), HOUSEKEEPING_EVERY_S)
