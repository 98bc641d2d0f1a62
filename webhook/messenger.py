"""`/webhook`: Meta's verification handshake and signed event batches.

The edge verifies, parses, enqueues and answers; it holds no business rules.
"""

from __future__ import annotations

import asyncio
import json
import logging

from aiohttp import web

from bot.constants import BODY_READ_TIMEOUT_S, WEBHOOK_DEADLINE_S
from bot.crypto import same_secret
from bot.errors import BadRequest, Forbidden, NotFound, StoreUnavailable
from bot.pipeline.events import Envelope
from bot.pipeline.ingest import Queued, count_changes, queue_items
from bot.pipeline.signature import is_valid
from webhook.keys import SERVICES

log = logging.getLogger("privacybot.webhook")
routes = web.RouteTableDef()


@routes.get("/webhook")
async def verify(request: web.Request) -> web.Response:
    settings = request.app[SERVICES].settings
    query = request.query
    given = query.get("hub.verify_token", "")
    if query.get("hub.mode") == "subscribe" and same_secret(given, settings.verify_token):
        return web.Response(text=query.get("hub.challenge", ""))
    raise Forbidden


@routes.post("/webhook")
async def receive(request: web.Request) -> web.Response:
    services = request.app[SERVICES]
    metrics = services.metrics
    body = await _body(request)
    if not is_valid(services.settings.app_secret, body, request.headers.get("X-Hub-Signature-256")):
        metrics.events_rejected.labels(reason="signature").inc()
        raise Forbidden
    envelope = _parse(body)
    if envelope.object != "page":
        metrics.events_rejected.labels(reason="object").inc()
        raise NotFound
    queued, invalid = _items(envelope)
    try:  # whatever Redis does (hung, gone, slow replicas), Meta hears from us within 5 s
        await asyncio.wait_for(services.ingest.write(queued, invalid), WEBHOOK_DEADLINE_S)
    except TimeoutError as exc:
        metrics.events_rejected.labels(reason="store_timeout").inc()
        raise StoreUnavailable("the event store did not answer in time") from exc
    for item in queued:
        metrics.events_received.labels(kind=item.kind.split(":")[0]).inc()
    if invalid:
        log.warning("webhook: %d invalid events dead-lettered", len(invalid))
    if changes := count_changes(envelope):
        log.info("webhook: ignored %d dashboard test changes", changes)
    return web.Response(text="EVENT_RECEIVED")


async def _body(request: web.Request) -> bytes:
    """The raw body (over client_max_size: 413); one that trickles in too slowly: 408."""
    try:
        return await asyncio.wait_for(request.read(), BODY_READ_TIMEOUT_S)
    except TimeoutError as exc:
        raise web.HTTPRequestTimeout from exc


def _parse(body: bytes) -> Envelope:
    try:
        return Envelope.model_validate(json.loads(body))
    except (ValueError, RecursionError) as exc:  # JSON or shape errors; nesting too deep
        raise BadRequest("body is not a Messenger webhook batch") from exc


def _items(envelope: Envelope) -> tuple[list[Queued], list[tuple[str, str]]]:
    try:
        return queue_items(envelope)
    except RecursionError as exc:  # json.loads took it, but re-serialising ran out of stack
        raise BadRequest("body is nested too deeply") from exc
