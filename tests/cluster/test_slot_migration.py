"""A slot moves between cluster nodes while Meta posts events: the slot of a partition that
holds people who are writing (its events stream, their keys, its index slices) is migrated
key by key (MIGRATING/IMPORTING + MIGRATE), the way an operator reshards, and every event the
webhook acknowledged (200) is handled. A 503 meanwhile is allowed: Meta retries it, as here."""

from __future__ import annotations

import asyncio
import json
from collections import Counter
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from redis.crc import key_slot

from bot.cluster.client import cluster_client
from bot.pipeline.events import parse_event
from bot.pipeline.ingest import event_key, serialize
from tests.conftest import make_settings
from tests.helpers import envelope, eventually, signed, text_event
from tests.redis_nodes import Cluster
from webhook.app import create_app
from webhook.keys import SERVICES

PEOPLE = [f"72000000{i:04d}" for i in range(40)]
MESSAGES = 5


async def post_until_acknowledged(
    client: Any, event: dict[str, Any], answers: Counter[int]
) -> None:
    body = json.dumps(envelope(event)).encode()
    for _ in range(100):
        status = (await client.post("/webhook", data=body, headers=signed(body))).status
        answers[status] += 1
        if status == 200:
            return
        await asyncio.sleep(0.1)  # Meta retries a 503 later
    raise AssertionError(f"never acknowledged: {status}")


async def load(client: Any, events: list[dict[str, Any]], answers: Counter[int]) -> None:
    """Each person's messages in order, ten people at a time."""
    by_person: dict[str, list[dict[str, Any]]] = {}
    for event in events:
        by_person.setdefault(event["sender"]["id"], []).append(event)

    async def person(mine: list[dict[str, Any]]) -> None:
        for event in mine:
            await post_until_acknowledged(client, event, answers)
            await asyncio.sleep(
                0.15
            )  # the load outlasts the slot move (~2 s) on a quiet machine too

    gate = asyncio.Semaphore(10)

    async def gated(mine: list[dict[str, Any]]) -> None:
        async with gate:
            await person(mine)

    await asyncio.gather(*(gated(mine) for mine in by_person.values()))


@pytest.fixture
async def on_cluster(test_cluster: Cluster, prefix: str) -> AsyncIterator[Cluster]:
    """The test cluster; the test's keys are removed after the app stopped (set up before
    the app, so torn down after it)."""
    yield test_cluster
    redis = cluster_client(test_cluster.url)
    async for key in redis.scan_iter(match=f"{prefix}:*", count=1000):
        await redis.delete(key)
    await redis.aclose()


@pytest.mark.slow
async def test_a_slot_migration_under_load_loses_no_acknowledged_event(
    on_cluster: Cluster, prefix: str, tmp_path: Path, aiohttp_client: Any
) -> None:
    settings = make_settings(on_cluster.url, prefix, tmp_path, redis_cluster=True)
    client = await aiohttp_client(create_app(settings))
    services = client.app[SERVICES]
    keys = services.keys
    busiest = Counter(keys.partition(psid) for psid in PEOPLE).most_common(1)[0][0]
    slot = key_slot(keys.events(busiest).encode())
    target = next(node for node in on_cluster.nodes if node is not on_cluster.owner(slot))
    events = [text_event(p, f"sporočilo {i}") for i in range(MESSAGES) for p in PEOPLE]
    answers: Counter[int] = Counter()
    loading = asyncio.create_task(load(client, events, answers))
    await asyncio.sleep(0.5)
    moved = await asyncio.to_thread(on_cluster.migrate_slot, slot, target, batch=2, pause=0.1)
    overlapped = not loading.done()  # the keys moved while events kept coming
    await loading
    assert moved > 0 and on_cluster.owner(slot) is target and overlapped
    assert answers[200] == len(events)

    def marker(event: dict[str, Any]) -> str:
        psid = event["sender"]["id"]
        return keys.seen(keys.partition(psid), event_key(parse_event(event), serialize(event)))

    async def all_handled() -> bool:
        found = [await services.redis.exists(marker(event)) for event in events]
        return all(found)

    # An event read while its keys were moving may fail its turn and stay pending until
    # the workers reclaim it (RECLAIM_IDLE_MS, 30 s): late, not lost.
    await eventually(all_handled, timeout=60)
