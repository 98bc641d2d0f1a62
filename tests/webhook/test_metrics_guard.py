"""/metrics shows traffic and failure rates: a bearer token (METRICS_TOKEN) or, without one,
only this host. The registry also carries the process and GC collectors."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp.test_utils import TestClient

from bot.metrics import Metrics, scrape_allowed, serve_metrics
from tests.conftest import make_settings
from webhook.app import create_app

Client = TestClient[Any, Any]
TOKEN = "metrics-" + "x" * 24


async def _client(
    aiohttp_client: Any, settings_args: tuple[str, str, Path], **extra: str
) -> Client:
    settings = make_settings(*settings_args, **extra)
    return await aiohttp_client(create_app(settings, with_worker=False))


@pytest.fixture
def args(redis_url: str, prefix: str, tmp_path: Path, redis: object) -> tuple[str, str, Path]:
    return redis_url, prefix, tmp_path


async def test_with_a_token_only_its_bearer_reads_metrics(
    aiohttp_client: Any, args: tuple[str, str, Path]
) -> None:
    client = await _client(aiohttp_client, args, metrics_token=TOKEN)
    assert (await client.get("/metrics")).status == 401
    wrong = await client.get("/metrics", headers={"Authorization": "Bearer nope"})
    assert wrong.status == 401
    right = await client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
    assert right.status == 200
    body = await right.text()
    assert "process_cpu_seconds_total" in body  # the process collector
    assert "python_gc_objects_collected_total" in body  # the GC collector


async def test_without_a_token_a_proxied_request_is_refused(
    aiohttp_client: Any, args: tuple[str, str, Path]
) -> None:
    client = await _client(aiohttp_client, args)
    assert (await client.get("/metrics")).status == 200  # the test client is on loopback
    # A reverse proxy on this host forwards the world: not a local scrape.
    proxied = await client.get("/metrics", headers={"X-Forwarded-For": "203.0.113.9"})
    assert proxied.status == 403


@pytest.mark.parametrize(
    ("peer", "allowed"),
    [("127.0.0.1", True), ("::1", True), ("10.0.0.7", False), ("203.0.113.9", False)],
)
def test_without_a_token_only_loopback_peers_are_answered(peer: str, allowed: bool) -> None:
    assert scrape_allowed(peer, {}, "") is allowed
    assert scrape_allowed(peer, {"Authorization": f"Bearer {TOKEN}"}, TOKEN)
    assert not scrape_allowed(peer, {"Authorization": "Bearer é"}, TOKEN)


async def test_the_worker_metrics_port_takes_the_same_token() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    async with serve_metrics(Metrics(), port, token=TOKEN), aiohttp.ClientSession() as http:
        async with http.get(f"http://127.0.0.1:{port}/metrics") as answer:
            assert answer.status == 401
        auth = {"Authorization": f"Bearer {TOKEN}"}
        async with http.get(f"http://127.0.0.1:{port}/metrics", headers=auth) as answer:
            assert answer.status == 200
