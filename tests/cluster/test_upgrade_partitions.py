"""The one-Page -> PAGES_FILE upgrade on the partitioned layout: the Page id is part of the
partition hash, so every person moves into their partition under the Page, the index slices
are split again and an unfinished event moves to its person's new partition's stream. On one
server by RENAME, on the cluster run by DUMP + RESTORE (the new names sit in other slots)."""

from __future__ import annotations

import secrets
from pathlib import Path

from redis.asyncio import Redis

from bot.cluster.streams import GROUP, with_groups
from bot.constants import DEDUPE_TTL_S
from bot.crypto import FieldCipher
from bot.keys import Keys
from bot.pages.config import load_pages
from bot.pages.upgrade import adopt_unscoped
from bot.pipeline.dead_letters import DeadLetterSeal
from bot.pseudonym import Pseudonymizer
from tests.webhook.pages_support import BTC, write_pages

ONE_PAGE = f'[[page]]\nid = "{BTC}"\npack = "btc"\n'
KEY = b"k" * 32
SEAL = DeadLetterSeal(FieldCipher(KEY), Pseudonymizer(KEY))


def people(keys: Keys, count: int) -> list[str]:
    """PSIDs enough that some change partition when the Page joins the hash."""
    paged = Keys(keys.prefix, BTC, True, keys.partitions, keys.salt)
    found = [f"71{i:08d}" for i in range(count)]
    assert any(keys.partition(p) != paged.partition(p) for p in found)
    return found


async def one_page_data(redis: Redis, keys: Keys, psids: list[str]) -> None:
    """What the one-Page deployment wrote: people, index slices, counters, an erasure,
    dedupe markers."""
    pipe = redis.pipeline(transaction=False)
    for psid in psids:
        n = keys.partition(psid)
        pipe.hset(keys.user(psid), mapping={"language": "sl", "last_seen": "1"})
        pipe.rpush(keys.consents(psid), '["p","g"]')
        pipe.zadd(keys.users_index(n), {psid: 1})
        pipe.zadd(keys.marketing_index(n), {psid: 2})
        pipe.sadd(keys.name_index(n, "h1"), psid)
        pipe.hincrby(keys.audience_counts(n), "eligible", 1)
    pipe.sadd(keys.suppressed(3), "erased-digest")
    for n in keys.every_partition:
        pipe.hset(keys.erased_at(n), "erased-digest", "5")
    pipe.rpush(f"{keys.own}:audit", "entry")
    pipe.set(keys.seen(2, "m:recent"), "1", px=DEDUPE_TTL_S * 1000 - 60_000)
    pipe.set(keys.seen(2, "m:old"), "1", px=60_000)  # handled days ago
    await pipe.execute()


async def test_the_upgrade_moves_people_into_their_partitions_under_the_page(
    redis: Redis, prefix: str, tmp_path: Path
) -> None:
    unscoped = Keys(prefix, partitions=8, salt=secrets.token_hex(16))
    psids = people(unscoped, 20)
    await one_page_data(redis, unscoped, psids)
    await with_groups(redis, unscoped)
    first = psids[0]
    fields = {"k": "m:1", "u": first, "t": "1", "e": '{"x":1}', "p": BTC}
    await redis.xadd(unscoped.events(unscoped.partition(first)), SEAL.event_fields(fields))  # type: ignore[arg-type]

    config = load_pages(write_pages(tmp_path, ONE_PAGE), production=False, pack_dir=None)
    base = Keys(prefix, paged=True, partitions=8, salt=unscoped.salt)
    moved = await adopt_unscoped(redis, base, config, tmp_path, SEAL.open_event)
    assert moved > 0

    page = base.for_page(BTC)
    for psid in psids:
        n = page.partition(psid)
        assert await redis.hget(page.user(psid), "language") == "sl"
        assert await redis.llen(page.consents(psid)) == 1
        assert await redis.zscore(page.users_index(n), psid) == 1
        assert await redis.zscore(page.marketing_index(n), psid) == 2
        assert await redis.sismember(page.name_index(n, "h1"), psid)
        assert not await redis.exists(unscoped.user(psid))
    assert await redis.smembers(page.suppressed(3)) == {"erased-digest"}  # keeps its partition
    for n in page.every_partition:
        assert await redis.hget(page.erased_at(n), "erased-digest") == "5"
        assert not await redis.exists(page.audience_counts(n))  # counted again by a sweep
    assert await redis.lrange(f"{page.own}:audit", 0, -1) == ["entry"]
    for n in page.every_partition:  # a marker names the event, not whose partition it is
        assert await redis.exists(page.seen(n, "m:recent"))
        assert await redis.exists(page.seen(n, "m:old")) == (n == 2)
    left = [k async for k in redis.scan_iter(match=f"{prefix}:{{p*")]
    assert left == []

    stream = page.events(page.partition(first))
    rows = await redis.xreadgroup(GROUP, "w", {stream: ">"})
    assert [SEAL.open_event(f)["u"] for _, f in rows[0][1]] == [first]
    if page.partition(first) != unscoped.partition(first):
        assert await redis.xlen(unscoped.events(unscoped.partition(first))) == 0
    assert await adopt_unscoped(redis, base, config, tmp_path, SEAL.open_event) == 0
