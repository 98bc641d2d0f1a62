"""Opening a turn on the partitioned layout: the person's keys in their partition, the Page's
breach flag read beside the script (it sits in another slot), and results held for the person
kept back, in order, while breach mode is on."""

from __future__ import annotations

import json

from redis.asyncio import Redis

from bot.crypto import FieldCipher
from bot.keys import Keys
from bot.lua import Scripts
from bot.pipeline.turn_state import TurnOpener

PSID = "p-turn-1"


def opener(redis: Redis, keys: Keys) -> TurnOpener:
    return TurnOpener(Scripts(redis), keys, FieldCipher(b"k" * 32))


async def hold(redis: Redis, keys: Keys, *texts: str) -> None:
    await redis.rpush(keys.outbox(PSID), *(json.dumps({"text": t}) for t in texts))


async def test_held_results_wait_in_order_while_breach_mode_is_on(
    redis: Redis, prefix: str
) -> None:
    keys = Keys(prefix, salt="00" * 16)
    turns = opener(redis, keys)
    await hold(redis, keys, "first", "second")
    await redis.set(keys.breach, json.dumps({"on": True}))
    opened = await turns.open(PSID, 1_700_000_000_000, action=True, digest="d")
    assert opened is not None and opened.breach and opened.held == []
    await hold(redis, keys, "third")  # held meanwhile: after the older ones
    await redis.delete(keys.breach)
    opened = await turns.open(PSID, 1_700_000_000_001, action=True, digest="d")
    assert opened is not None and not opened.breach
    assert [item["text"] for item in opened.held] == ["first", "second", "third"]
    assert await redis.llen(keys.outbox(PSID)) == 0


async def test_the_person_lands_in_their_partitions_index_slice(redis: Redis, prefix: str) -> None:
    keys = Keys(prefix, salt="01" * 16)
    turns = opener(redis, keys)
    await hold(redis, keys, "kept")
    opened = await turns.open(PSID, 1_700_000_000_000, action=False, digest="d")
    assert opened is not None and opened.first_contact and opened.held == []  # did not act
    mine = keys.partition(PSID)
    slices = {n: await redis.zscore(keys.users_index(n), PSID) for n in keys.every_partition}
    assert {n for n, score in slices.items() if score is not None} == {mine}
    await redis.hset(keys.erased_at(mine), "d", 1_700_000_000_005)  # erased after that event
    assert await turns.open(PSID, 1_700_000_000_004, action=True, digest="d") is None
    assert await redis.llen(keys.outbox(PSID)) == 1
