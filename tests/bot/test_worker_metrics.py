"""`privacybot worker --metrics-port`: the worker's own counters, scraped from its process
(the web process runs no worker in the Procfile setup, so its /metrics cannot show them)."""

from __future__ import annotations

import socket

import aiohttp

from bot.metrics import Metrics, serve_metrics


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def test_the_worker_serves_its_own_metrics() -> None:
    metrics = Metrics()
    metrics.events_handled.labels(kind="message").inc(3)
    port = free_port()
    async with serve_metrics(metrics, port), aiohttp.ClientSession() as http:
        async with http.get(f"http://127.0.0.1:{port}/metrics") as answer:
            assert answer.status == 200
            assert 'privacybot_events_handled_total{kind="message"} 3.0' in await answer.text()
        async with http.get(f"http://127.0.0.1:{port}/healthz") as answer:
            assert answer.status == 200
