"""Redis Sentinel: a primary, a replica and three sentinels from the same redis-server binary.
A failover during a load of signed webhooks loses no acknowledged event (REDIS_ACK_REPLICAS=1:
a 200 means the replica had it) and the service carries on without a restart; requests during
the switch may get 503, which Meta retries."""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from redis.asyncio import Redis

from bot.graph.fake import FakeGraph
from tests.conftest import make_settings
from tests.helpers import envelope, signed, text_event
from tests.redis_nodes import Node, SentinelNode, node
from webhook.app import create_app
from webhook.keys import SERVICES

pytestmark = pytest.mark.single_server(
    "Sentinel fails over one primary; a cluster fails over by itself"
)

MASTER = "privacybot"
PEOPLE = 120


@contextlib.contextmanager
def sentinels(directory: Path, primary_port: int) -> Iterator[list[SentinelNode]]:
    nodes: list[SentinelNode] = []
    try:
        for n in range(3):
            nodes.append(SentinelNode(directory / f"sentinel{n}", primary_port, MASTER))
        yield nodes
    finally:
        for sentinel in nodes:
            sentinel.stop()


async def _until(check: Any, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    for _ in range(int(timeout / 0.1)):
        with contextlib.suppress(Exception):
            if await check():
                return
        if time.monotonic() > deadline:
            break
        await asyncio.sleep(0.1)
    raise AssertionError(f"not in {timeout} s: {what}")


async def _deliver(client: Any, psid: str) -> int:
    """POST until acknowledged, as Meta retries a 5xx; the number of tries."""
    body = json.dumps(envelope(text_event(psid, "zdravo"))).encode()
    for attempt in range(1, 60):
        response = await client.post("/webhook", data=body, headers=signed(body))
        if response.status == 200:
            return attempt
        assert response.status == 503, response.status
        await asyncio.sleep(0.25)
    raise AssertionError(f"{psid} never acknowledged")


async def _failover(sentinel: Node, replica_port: int) -> None:
    watcher = Redis.from_url(sentinel.url, decode_responses=True)
    try:

        async def replica_known() -> bool:
            replicas = await watcher.sentinel_slaves(MASTER)
            return any(r["port"] == replica_port and "s_down" not in r["flags"] for r in replicas)

        await _until(replica_known, 30, "the sentinels see the replica")
        await watcher.execute_command("SENTINEL", "FAILOVER", MASTER)

        async def switched() -> bool:
            _host, port = await watcher.sentinel_get_master_addr_by_name(MASTER)
            return int(port) == replica_port

        await _until(switched, 30, "the replica is the new primary")
    finally:
        await watcher.aclose()


@pytest.mark.slow
async def test_a_failover_under_load_loses_no_acknowledged_event(
    tmp_path: Path, prefix: str, aiohttp_client: Any
) -> None:
    with (
        node(tmp_path / "primary") as primary,
        node(tmp_path / "replica", "--replicaof", "127.0.0.1", str(primary.port)) as replica,
        sentinels(tmp_path, primary.port) as watchers,
    ):
        settings = make_settings(
            "",
            prefix,
            tmp_path,
            redis_sentinels=",".join(f"127.0.0.1:{s.port}" for s in watchers),
            redis_sentinel_master=MASTER,
            redis_ack_replicas=1,
        )
        client = await aiohttp_client(create_app(settings))
        fake: FakeGraph = client.app[SERVICES].fake_graph
        people = [f"p-failover-{n}" for n in range(PEOPLE)]

        async def load() -> None:
            for psid in people:
                await _deliver(client, psid)
                await asyncio.sleep(0.02)

        sending = asyncio.create_task(load())
        await asyncio.sleep(0.5)
        await _failover(watchers[0], replica.port)
        await sending

        # Each person gets their answer, from the new primary, with no restart in between.
        async def all_answered() -> bool:
            return all(fake.sent_to(psid) for psid in people)

        await _until(all_answered, 60, "every acknowledged event answered")
        assert (await client.get("/readyz")).status == 200
        promoted = Redis.from_url(replica.url, decode_responses=True)
        try:  # the app followed the sentinels to the promoted replica
            keys = client.app[SERVICES].keys
            assert await promoted.exists(keys.users_index(keys.partition(people[0])))
        finally:
            await promoted.aclose()
