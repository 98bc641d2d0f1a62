"""Reading a partitioned index in tests: the sum or union of every partition's slice."""

from __future__ import annotations

from collections.abc import Callable

from redis.asyncio import Redis

from bot.keys import Keys


async def zcard_all(redis: Redis, keys: Keys, slice_of: Callable[[int], str]) -> int:
    return sum([int(await redis.zcard(slice_of(n))) for n in keys.every_partition])


async def zcount_all(
    redis: Redis, keys: Keys, slice_of: Callable[[int], str], low: float | str, high: float | str
) -> int:
    return sum([int(await redis.zcount(slice_of(n), low, high)) for n in keys.every_partition])


async def zmembers_all(redis: Redis, keys: Keys, slice_of: Callable[[int], str]) -> list[str]:
    return [str(m) for n in keys.every_partition for m in await redis.zrange(slice_of(n), 0, -1)]
