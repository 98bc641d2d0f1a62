"""Pages of the people index across partitions: the same order one sorted set would give,
every person once, at any depth, with equal first-contact times and uneven slices."""

from __future__ import annotations

import random

import pytest
from redis.asyncio import Redis

from bot.errors import BadRequest
from bot.indexes.people import Row, parse_cursor, start, total, window
from bot.keys import Keys


async def pages(redis: Redis, keys: Keys, size: int, newest_first: bool) -> list[Row]:
    seen: list[Row] = []
    cursor = start(keys)
    while taken := await window(redis, keys, cursor, size, newest_first=newest_first):
        seen += [row for _, row in taken]
        cursor = cursor.after(taken)
        cursor = await parse_cursor(redis, keys, cursor.encode(), newest_first=newest_first)
    return seen


@pytest.mark.parametrize("newest_first", [True, False])
async def test_pages_merge_every_slice_in_one_order(
    redis: Redis, prefix: str, newest_first: bool
) -> None:
    keys = Keys(prefix, partitions=8, salt="00" * 16)
    chance = random.Random(7)
    people: dict[str, float] = {}
    for i in range(400):
        psid = f"p{i:04d}"
        # Ties on purpose, and one slice much fuller than the others.
        people[psid] = float(chance.randrange(60))
    lopsided = {f"z{i:03d}": 1000.0 + i for i in range(120)}
    for psid, score in people.items():
        await redis.zadd(keys.users_index(keys.partition(psid)), {psid: score})
    await redis.zadd(keys.users_index(3), lopsided)
    everyone = sorted([*people.items(), *lopsided.items()], key=lambda r: r[::-1])
    expected = everyone[::-1] if newest_first else everyone
    for size in (1, 7, 50):
        assert await pages(redis, keys, size, newest_first) == expected
    assert await total(redis, keys) == len(expected)
    # The older cursor, a bare overall position, goes on where it was.
    at = await parse_cursor(redis, keys, "130", newest_first=newest_first)
    taken = await window(redis, keys, at, 5, newest_first=newest_first)
    assert [row for _, row in taken] == expected[130:135]


async def test_a_cursor_it_did_not_give_is_refused(redis: Redis, prefix: str) -> None:
    keys = Keys(prefix, partitions=4, salt="00" * 16)
    for raw in ("o1.2", "x1.2.3.4", "o1.2.3.a"):
        with pytest.raises(BadRequest):
            await parse_cursor(redis, keys, raw, newest_first=True)
