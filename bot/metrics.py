"""Prometheus metrics in a registry of their own (no global state). Labels carry no PSID."""

from __future__ import annotations

import contextlib
import hmac
import ipaddress
from collections.abc import AsyncIterator, Mapping

from aiohttp import web
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    GCCollector,
    Histogram,
    ProcessCollector,
    generate_latest,
)


def scrape_allowed(peer: str | None, headers: Mapping[str, str], token: str) -> bool:
    """`METRICS_TOKEN` set: only `Authorization: Bearer <token>`. Unset: only a loopback peer
    that is not a proxy forwarding someone else (counters show traffic and failure rates)."""
    if token:
        given = headers.get("Authorization", "")
        expected = f"Bearer {token}"
        return given.isascii() and hmac.compare_digest(given.encode(), expected.encode())
    if "X-Forwarded-For" in headers or "Forwarded" in headers:
        return False
    try:
        return ipaddress.ip_address(peer or "").is_loopback
    except ValueError:  # a unix socket peer has no address: only local processes reach it
        return peer == ""


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        # Memory, CPU, open files and GC pauses of this process, beside our own counters.
        ProcessCollector(registry=self.registry)
        GCCollector(registry=self.registry)
        self.events_received = Counter(
            "privacybot_events_received",
            "Webhook events accepted",
            ["kind"],
            registry=self.registry,
        )
        self.events_rejected = Counter(
            "privacybot_webhook_rejected",
            "Webhook POSTs refused",
            ["reason"],
            registry=self.registry,
        )
        self.events_handled = Counter(
            "privacybot_events_handled",
            "Events handled by the worker",
            ["kind"],
            registry=self.registry,
        )
        self.events_duplicate = Counter(
            "privacybot_events_duplicate", "Redelivered events dropped", registry=self.registry
        )
        self.events_failed = Counter(
            "privacybot_events_failed", "Handler failures (retried)", registry=self.registry
        )
        self.events_dead = Counter(
            "privacybot_events_dead_lettered",
            "Events moved to the dead-letter stream",
            registry=self.registry,
        )
        self.handling_seconds = Histogram(
            "privacybot_handling_seconds",
            "Time to handle one event, replies included",
            registry=self.registry,
            buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
        )
        self.graph_calls = Counter(
            "privacybot_graph_calls",
            "Graph API calls by outcome and Meta error code",
            ["outcome", "code"],
            registry=self.registry,
        )

    def render(self) -> bytes:
        return generate_latest(self.registry)


@contextlib.asynccontextmanager
async def serve_metrics(metrics: Metrics, port: int, *, token: str = "") -> AsyncIterator[None]:
    """For `privacybot worker`: its counters live in its own process, so it serves them
    itself (port 0: not at all), under the same guard as the web process's /metrics."""
    if not port:
        yield
        return

    async def render(request: web.Request) -> web.Response:
        return metrics_response(request, metrics, token)

    async def alive(_: web.Request) -> web.Response:
        return web.json_response({"status": "ok"})

    app = web.Application()
    app.router.add_get("/metrics", render)
    app.router.add_get("/healthz", alive)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "0.0.0.0", port).start()  # noqa: S104 (scraped from outside)
    try:
        yield
    finally:
        await runner.cleanup()


def metrics_response(request: web.Request, metrics: Metrics, token: str) -> web.Response:
    if not scrape_allowed(request.remote, request.headers, token):
        # 401 asks for the token; without one configured, nobody off this host gets them.
        status = 401 if token else 403
        return web.Response(status=status, headers={"Cache-Control": "no-store"})
    return web.Response(body=metrics.render(), headers={"Content-Type": CONTENT_TYPE_LATEST})
