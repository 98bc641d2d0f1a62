"""Meta hears from us within its 5 s whatever Redis does; with REDIS_ACK_REPLICAS the 200
means the events are on that many replicas; the embedded Redis fsyncs every write."""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path
from typing import Any

import pytest
from redis.asyncio import Redis

from bot.redis_server import EmbeddedRedis
from tests.conftest import make_settings
from tests.helpers import envelope, signed, text_event
from tests.redis_nodes import node
from webhook import messenger
from webhook.app import create_app
from webhook.keys import SERVICES


def _batch(psid: str) -> tuple[bytes, dict[str, str]]:
    body = json.dumps(envelope(text_event(psid, "zdravo"))).encode()
    return body, signed(body)


async def _timed_post(client: Any, psid: str) -> tuple[int, float]:
    body, headers = _batch(psid)
    started = time.monotonic()
    response = await client.post("/webhook", data=body, headers=headers)
    return response.status, time.monotonic() - started


@pytest.mark.single_server("pauses its own server")
async def test_a_hung_redis_gets_meta_a_503_within_five_seconds(
    tmp_path: Path, aiohttp_client: Any
) -> None:
    with node(tmp_path / "redis") as server:
        settings = make_settings(server.url, "hang", tmp_path)
        client = await aiohttp_client(create_app(settings, with_worker=False))
        assert (await _timed_post(client, "p-before"))[0] == 200
        server.pause()  # like DEBUG SLEEP, or a machine that stopped answering
        try:
            answers = await asyncio.gather(*(_timed_post(client, f"p{n}") for n in range(20)))
        finally:
            server.resume()
        assert {status for status, _ in answers} == {503}
        assert max(took for _, took in answers) < 5.0
        assert (await _timed_post(client, "p-after"))[0] == 200


@pytest.mark.single_server("replicas of one primary (WAIT)")
async def test_acknowledged_means_on_the_replica_when_asked(
    tmp_path: Path, aiohttp_client: Any
) -> None:
    with (
        node(tmp_path / "primary") as primary,
        node(tmp_path / "replica", "--replicaof", "127.0.0.1", str(primary.port)) as replica,
    ):
        replica_client = Redis.from_url(replica.url, decode_responses=True)
        await _replicating(replica_client)
        settings = make_settings(primary.url, "acks", tmp_path, redis_ack_replicas=1)
        client = await aiohttp_client(create_app(settings, with_worker=False))
        assert (await _timed_post(client, "p-rep"))[0] == 200
        keys = client.app[SERVICES].keys
        stream = keys.events(keys.partition("p-rep"))
        assert await replica_client.xlen(stream) == 1  # there already, no waiting
        replica.pause()
        try:
            status, took = await _timed_post(client, "p-lost-replica")
        finally:
            replica.resume()
        assert status == 503 and took < 5.0  # Meta retries; nothing acknowledged is at risk
        await replica_client.aclose()


@pytest.mark.single_server("replicas of one primary (WAIT)")
async def test_without_replica_acks_a_stopped_replica_does_not_matter(
    tmp_path: Path, aiohttp_client: Any
) -> None:
    with (
        node(tmp_path / "primary") as primary,
        node(tmp_path / "replica", "--replicaof", "127.0.0.1", str(primary.port)) as replica,
    ):
        settings = make_settings(primary.url, "noacks", tmp_path)
        client = await aiohttp_client(create_app(settings, with_worker=False))
        replica.pause()
        try:
            assert (await _timed_post(client, "p-solo"))[0] == 200
        finally:
            replica.resume()


async def _replicating(replica: Redis) -> None:
    for _ in range(200):
        info = await replica.info("replication")
        if info.get("master_link_status") == "up":
            return
        await asyncio.sleep(0.05)
    raise AssertionError("replica did not connect")


async def test_a_slow_upload_times_out(
    settings: Any, aiohttp_client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(messenger, "BODY_READ_TIMEOUT_S", 0.5)
    client = await aiohttp_client(create_app(settings, with_worker=False))
    reader, writer = await asyncio.open_connection(client.host, client.port)
    writer.write(b'POST /webhook HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{"object"')
    await writer.drain()
    status_line = await asyncio.wait_for(reader.readline(), 5)
    writer.close()
    assert status_line.split()[1] == b"408"


@pytest.mark.single_server("the embedded server's append-only file")
async def test_the_embedded_redis_writes_through_to_disk(tmp_path: Path) -> None:
    server = EmbeddedRedis(tmp_path / "redis")
    server.start()
    try:
        client = Redis.from_url(server.url, decode_responses=True)
        assert (await client.config_get("appendfsync"))["appendfsync"] == "always"
        await client.aclose()
    finally:
        server.stop()
