"""`create_app(settings)`: the aiohttp app; resources opened and closed in `cleanup_ctx`."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

from aiohttp import web

from bot.constants import MAX_BODY_BYTES
from bot.pipeline.runtime import consumer_name, prepare_stream, run_background
from bot.services import open_services
from bot.settings import Settings
from webhook import (
    admin_api,
    admin_broadcasts,
    admin_handover,
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


async def _services_ctx(app: web.Application) -> AsyncIterator[None]:
    async with open_services(app[SETTINGS]) as services:
        app[SERVICES] = services
        await prepare_stream(services)
        yield


async def _worker_ctx(app: web.Application) -> AsyncIterator[None]:
    stop = asyncio.Event()
    task = asyncio.create_task(run_background(app[SERVICES], stop, consumer_name()))
    yield
    stop.set()
    # wait_for cancels what has not stopped after 5 s; that is the end we want, not an error.
    with contextlib.suppress(asyncio.CancelledError, TimeoutError):
        await asyncio.wait_for(task, timeout=5)


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
    app.add_routes(admin_handover.routes)
    app.add_routes(deletion.routes)
    app.add_routes(exports.routes)
    app.add_routes(openapi.routes)
    console.setup(app)
    if not settings.production:
        app.add_routes(dev.routes)
        simulator.setup(app)
    return app
