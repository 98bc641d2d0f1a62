"""The move from the layout before partitions, tested from a dump that release's own code made
(`make_layout1_dump.py`, run at commit 3124d0b): people with consents, a request, an erasure,
and two events no worker finished (one pending in the group, one never delivered)."""

from __future__ import annotations

import asyncio
import json
from dataclasses import replace
from pathlib import Path
from typing import Any, cast

import pytest
from redis.asyncio import Redis

from bot.cluster import migrate
from bot.cluster.migrate import migrate_unpartitioned
from bot.cluster.moves import Mover
from bot.cluster.names import Kind, unpartitioned
from bot.crypto import FieldCipher
from bot.keys import Keys
from bot.pages.config import load_pages
from bot.pages.upgrade import adopt_unscoped
from bot.pipeline.dead_letters import DeadLetterSeal
from bot.pseudonym import Pseudonymizer
from bot.rights.operations import requests
from bot.settings import Settings
from tests.helpers import PAGE_ID, eventually
from tests.webhook.pages_support import write_pages
from webhook.app import create_app
from webhook.keys import SERVICES

pytestmark = pytest.mark.single_server("the layout before partitions never ran on a cluster")

DUMP = json.loads((Path(__file__).parent / "layout1_dump.json").read_text())
FACTS = DUMP["facts"]
ANA, BOR = FACTS["people"]["ana"], FACTS["people"]["bor"]
DATA_KEY = b"k" * 32  # tests.conftest.make_settings's DATA_KEY, which the dump was made with


def seal() -> DeadLetterSeal:
    return DeadLetterSeal(FieldCipher(DATA_KEY), Pseudonymizer(DATA_KEY))


async def restore(redis: Redis, prefix: str) -> None:
    for name, stored in DUMP["keys"].items():
        key = prefix + name[len(FACTS["prefix"]) :]
        ttl = max(int(stored["pttl"]), 0)
        await redis.restore(key, ttl, bytes.fromhex(stored["dump"]))


async def migrated_keys(redis: Redis, prefix: str) -> Keys:
    record = cast(dict[str, str], await redis.hgetall(f"{prefix}:layout"))
    return Keys(prefix, partitions=int(record["partitions"]), salt=record["salt"])


async def check_moved(redis: Redis, prefix: str) -> None:
    """Everything of the dump under its partitioned name, nothing under the old one."""
    keys = await migrated_keys(redis, prefix)
    assert keys.partitions == 16 and not await redis.exists(keys.layout_next)
    left = [k async for k in redis.scan_iter(match=f"{prefix}:*")]
    same_name = (Kind.SHARED, Kind.PLAIN, Kind.JOURNAL_MARK)
    assert [k for k in left if unpartitioned(prefix, k).kind not in same_name] == []
    ana, bor = keys.partition(ANA), keys.partition(BOR)
    assert await redis.hget(keys.user(ANA), "language") == "sl"
    assert await redis.llen(keys.consents(ANA)) >= 2 and await redis.llen(keys.consents(BOR)) >= 2
    assert await redis.zscore(keys.users_index(ana), ANA) is not None
    assert await redis.zscore(keys.marketing_index(ana), ANA) is not None
    assert await redis.zscore(keys.marketing_index(bor), BOR) is None  # Bor said no
    named = [k async for k in redis.scan_iter(match=f"{keys.own_part(ana)}:idx:name:*")]
    assert named and all([await redis.sismember(k, ANA) for k in named])
    request = FACTS["request"]
    assert request in await redis.smembers(keys.requests_of(ANA))
    assert json.loads(await redis.get(keys.dsar(request)))["type"] == "rectify"
    due = keys.dsar_due(keys.request_partition(request))
    assert await redis.zscore(due, request) is not None
    erased = FACTS["erased_hash"]
    assert await redis.sismember(keys.suppressed(0), erased)
    for n in keys.every_partition:
        assert await redis.hget(keys.erased_at(n), erased) is not None
    assert await redis.xlen(keys.erasures(0)) >= 1
    replayed = await redis.hgetall(keys.erasure_replay)
    assert "stream_id:0" in replayed and "stream_id" not in replayed
    await check_events(redis, keys)


async def check_events(redis: Redis, keys: Keys) -> None:
    """Both unfinished events in their person's partition's stream, deliverable to the group."""
    opened = seal().open_event
    for psid, mid in ((BOR, FACTS["unfinished_mids"][0]), (ANA, FACTS["unfinished_mids"][1])):
        stream = keys.events(keys.partition(psid))
        groups = await redis.xinfo_groups(stream)
        assert [g["name"] for g in groups] == ["workers"]
        entries = [opened(fields) for _, fields in await redis.xrange(stream)]
        entries = [e for e in entries if e["u"] == psid]  # Ana and Bor may share a partition
        assert len(entries) == 1 and mid in entries[0]["e"]
        inbox = await redis.zrange(keys.inbox(psid), 0, -1)
        assert entries[0]["k"] in inbox
    markers = [k async for k in redis.scan_iter(match=f"{keys.prefix}:pt:*:seen:*")]
    old = [k for k in DUMP["keys"] if ":seen:" in k]
    assert len(markers) == len(old) * keys.partitions


async def test_a_dump_of_the_old_layout_is_moved_whole(redis: Redis, prefix: str) -> None:
    await restore(redis, prefix)
    assert await migrate_unpartitioned(redis, Keys(prefix), 16, seal().open_event)
    await check_moved(redis, prefix)
    assert not await migrate_unpartitioned(redis, Keys(prefix), 16, seal().open_event)


@pytest.mark.parametrize("dies_after", [1, 5])
async def test_a_migration_that_died_half_way_finishes_on_the_next_start(
    redis: Redis, prefix: str, monkeypatch: pytest.MonkeyPatch, dies_after: int
) -> None:
    """Killed after moving `dies_after` batches of four keys."""
    await restore(redis, prefix)
    batches = 0
    real_move_all = Mover.move_all

    async def dying(self: Mover, batch: list[Any]) -> int:
        nonlocal batches
        batches += 1
        if batches > dies_after:
            raise ConnectionError("killed")
        return await real_move_all(self, batch)

    with monkeypatch.context() as patch:
        patch.setattr(migrate, "_BATCH", 4)
        patch.setattr(Mover, "move_all", dying)
        with pytest.raises(ConnectionError):
            await migrate_unpartitioned(redis, Keys(prefix), 16, seal().open_event)
    assert not await redis.exists(f"{prefix}:layout")  # written last
    assert await migrate_unpartitioned(redis, Keys(prefix), 64, seal().open_event)
    await check_moved(redis, prefix)  # the partitions chosen first (16), not the new wish


async def test_dying_after_the_events_moved_loses_and_doubles_none(
    redis: Redis, prefix: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    await restore(redis, prefix)

    async def killed(*_: object, **__: object) -> int:
        raise ConnectionError("killed")

    with monkeypatch.context() as patch:
        patch.setattr(migrate, "spread_markers", killed)
        with pytest.raises(ConnectionError):
            await migrate_unpartitioned(redis, Keys(prefix), 16, seal().open_event)
    assert await migrate_unpartitioned(redis, Keys(prefix), 16, seal().open_event)
    await check_moved(redis, prefix)


async def test_the_app_started_on_the_dump_serves_everyone_and_handles_what_waited(
    redis: Redis, prefix: str, settings: Settings, aiohttp_client: Any
) -> None:
    """The whole app on the old layout's dump, no manual step. Needs the stores and the
    pipeline on the partitioned keys (the other parts of issue 16)."""
    await restore(redis, prefix)
    client = await aiohttp_client(create_app(settings))
    services = client.app[SERVICES]
    keys = services.keys
    ana = await services.store.load(ANA)
    assert ana.language == "sl" and (ana.profile() or {}).get("first_name") == "Urška"
    granted = {r.purpose for r in await services.consents.receipts(ANA) if r.decision == "granted"}
    assert granted >= {"profile", "marketing"}
    record = await requests(services).get(FACTS["request"])
    assert record.type == "rectify" and record.status == "open"
    assert [r.id for r in await requests(services).for_person(ANA)] == [FACTS["request"]]
    erased = FACTS["erased_hash"]
    assert await redis.sismember(keys.suppressed(0), erased)
    fake = services.fake_graph
    await eventually(lambda: bool(fake.sent_to(ANA)) and bool(fake.sent_to(BOR)), timeout=10)


async def test_processes_starting_together_migrate_once(redis: Redis, prefix: str) -> None:
    await restore(redis, prefix)
    outcomes = await asyncio.gather(
        *(migrate_unpartitioned(redis, Keys(prefix), 16, seal().open_event) for _ in range(3))
    )
    assert sorted(outcomes) == [False, False, True]
    await check_moved(redis, prefix)
    assert not await redis.exists(f"{prefix}:layout:lock")


async def test_both_upgrades_at_one_start_put_people_under_the_page(
    redis: Redis, prefix: str, tmp_path: Path
) -> None:
    """The old one-Page data, started with a PAGES_FILE right away: moved to partitions, then
    under the Page, whose id is part of the partition hash; the waiting events follow."""
    await restore(redis, prefix)
    toml = f'[[page]]\nid = "{PAGE_ID}"\npack = "btc"\n'
    config = load_pages(write_pages(tmp_path, toml), production=False, pack_dir=None)
    paged = Keys(prefix, paged=True)
    await migrate_unpartitioned(redis, paged, 16, seal().open_event, default_page=PAGE_ID)
    base = replace(await migrated_keys(redis, prefix), paged=True)
    assert await adopt_unscoped(redis, base, config, tmp_path, seal().open_event) > 0
    page = base.for_page(PAGE_ID)
    for psid in (ANA, BOR):
        assert await redis.hget(page.user(psid), "language") in ("sl", "en")
        assert await redis.zscore(page.users_index(page.partition(psid)), psid) is not None
        rows = await redis.xrange(page.events(page.partition(psid)))
        assert psid in [seal().open_event(fields)["u"] for _, fields in rows]
    assert await redis.sismember(page.suppressed(0), FACTS["erased_hash"])
    request = FACTS["request"]
    assert await redis.zscore(page.dsar_due(page.request_partition(request)), request) is not None
