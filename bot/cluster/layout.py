"""The layout record: how many partitions the keyspace has and the key of their hash.

Written once, when the data is created (`HSETNX`, so two processes starting together agree);
afterwards `REDIS_PARTITIONS` is only read for new data: moving people between partitions
would move every key of theirs, so the count is a property of the data, not of the process.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import cast

from redis.asyncio import Redis

from bot.keys import Keys

LAYOUT_VERSION = 2  # 1: the unpartitioned layout before partitions (no record)


@dataclass(frozen=True, slots=True)
class Layout:
    partitions: int
    salt: str  # hex


async def read_layout(redis: Redis, keys: Keys) -> Layout | None:
    record = cast(dict[str, str], await redis.hgetall(keys.layout))
    if not record.get("partitions"):
        return None
    return Layout(int(record["partitions"]), record.get("salt", ""))


async def ensure_layout(redis: Redis, keys: Keys, wanted_partitions: int) -> Layout:
    """The data's layout, created now with `wanted_partitions` if there is none yet."""
    return await layout_at(redis, keys.layout, wanted_partitions)


async def layout_at(redis: Redis, key: str, wanted_partitions: int) -> Layout:
    """The layout record at `key`, written first if absent (HSETNX: processes starting
    together agree on one)."""
    pipe = redis.pipeline(transaction=True)
    pipe.hsetnx(key, "partitions", str(wanted_partitions))
    pipe.hsetnx(key, "salt", secrets.token_hex(16))
    pipe.hsetnx(key, "version", str(LAYOUT_VERSION))
    await pipe.execute()
    record = cast(dict[str, str], await redis.hgetall(key))
    return Layout(int(record["partitions"]), record["salt"])


def laid_out(keys: Keys, layout: Layout) -> Keys:
    """`keys` with the data's partitions."""
    return Keys(keys.prefix, keys.page, keys.paged, layout.partitions, layout.salt)
