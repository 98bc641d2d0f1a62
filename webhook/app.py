"""`create_app(settings)`: the aiohttp app; resources opened and closed in `cleanup_ctx`."""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
from collections.abc import AsyncIterator

from aiohttp import web

from bot.broadcast.sender import run_broadcasts
from bot.constants import MAX_BODY_BYTES
from bot.pipeline.handler import Handler
from bot.pipeline.housekeeping import run_housekeeping
from bot.pipeline.stream import ensure_group
from bot.pipeline.worker import Worker
from bot.services import open_services
from bot.settings import Settings
from webhook import (
    admin_api,
    admin_broadcasts,
    console,
    deletion,
    dev,
    exports,
    health,
    messenger,
    openapi,
    policy,
    simulator,
)
from webhook.console.guard import security_headers
from webhook.errors import error_middleware
from webhook.keys import SERVICES, SETTINGS


def consumer_name() -> str:
    return f"{socket.gethostname()}-{os.getpid()}"


async def _services_ctx(app: web.Application) -> AsyncIterator[None]:
    async with open_services(app[SETTINGS]) as services:
        app[SERVICES] = services
        await ensure_group(services.redis, services.keys)
        yield


async def _worker_ctx(app: web.Application) -> AsyncIterator[None]:
    services = app[SERVICES]
    worker = Worker(
        services.redis,
        services.keys,
        Handler(services),
        services.metrics,
        consumer_name(),
        seal=services.ingest.seal,
        scripts=services.scripts,
    )
    stop = asyncio.Event()
    task = asyncio.create_task(worker.run(stop))
    sender = asyncio.create_task(run_broadcasts(services, stop))
    chores = asyncio.create_task(run_housekeeping(services.redis, services.keys, stop))
    yield
    stop.set()
    # wait_for cancels what has not stopped after 5 s; that is the end we want, not an error.
    with contextlib.suppress(asyncio.CancelledError, TimeoutError):
        await asyncio.wait_for(asyncio.gather(task, sender, chores), timeout=5)


def create_app(settings: Settings, *, with_worker: bool = True) -> web.Application:
    app = web.Application(
        client_max_size=MAX_BODY_BYTES, middlewares=[security_headers, error_middleware]
    )
    app[SETTINGS] = settings
    app.cleanup_ctx.append(_services_ctx)
    if with_worker:
        app.cleanup_ctx.append(_worker_ctx)
    app.add_routes(messenger.routes)
    app.add_routes(health.routes)
    app.add_routes(policy.routes)
    app.add_routes(admin_api.routes)
    app.add_routes(admin_broadcasts.routes)
    app.add_routes(deletion.routes)
    app.add_routes(exports.routes)
    app.add_routes(openapi.routes)
    console.setup(app)
    if not settings.production:
        app.add_routes(dev.routes)
        simulator.setup(app)
    return app
