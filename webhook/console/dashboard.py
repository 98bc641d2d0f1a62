"""The dashboard: counts only, so both roles may open it. Consent counts read every person,
so they are counted in the background and the page shows the last count and its time."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

from aiohttp import web

from bot.services import Services
from bot.staff.stats import (
    CACHE_S,
    DECISIONS,
    cached_stats,
    people_and_audience,
    refresh,
    request_counts,
)
from webhook.console.chart import COLOURS, decisions_chart
from webhook.console.guard import render, require
from webhook.keys import SERVICES

routes = web.RouteTableDef()
FIRST_COUNT_WAIT_S = 5.0
COUNTING = web.AppKey("console_counting", dict[str, asyncio.Task[None]])


async def _counting_ctx(app: web.Application) -> AsyncIterator[None]:
    """Registered after the services: a running count stops before Redis closes."""
    app[COUNTING] = {}
    yield
    for task in app[COUNTING].values():
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


def setup(app: web.Application) -> None:
    app.cleanup_ctx.append(_counting_ctx)


def _count_in_background(app: web.Application, services: Services) -> asyncio.Task[None]:
    running = app[COUNTING].get("stats")
    if running is None or running.done():
        running = app[COUNTING]["stats"] = asyncio.create_task(refresh(services))
    return running


async def _first_count(task: asyncio.Task[None]) -> None:
    """Before any count exists, wait for the first one (a second or two for thousands of
    people), so a first visit shows every number; shielded, a slow count goes on behind."""
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(asyncio.shield(task), FIRST_COUNT_WAIT_S)


@routes.get("/admin/")
async def dashboard(request: web.Request) -> web.Response:
    await require(request, "view dashboard", "admin", "marketing")
    services = request.app[SERVICES]
    stats, stale = await cached_stats(services)
    if stale or request.query.get("fresh") == "1":
        counting = _count_in_background(request.app, services)
        if stats is None:
            await _first_count(counting)
            stats, _ = await cached_stats(services)
    people, audience = await people_and_audience(services)
    open_requests, overdue = await request_counts(services)
    return await render(
        request,
        "console/dashboard.html",
        {
            "stats": stats,
            "chart": decisions_chart(stats.per_day) if stats else None,
            "colours": COLOURS,
            "decisions": DECISIONS,
            "people": people,
            "audience": audience,
            "open_requests": open_requests,
            "overdue": overdue,
            "cache_minutes": CACHE_S // 60,
        },
    )


@routes.get("/admin")
async def bare(_: web.Request) -> web.Response:
    raise web.HTTPPermanentRedirect("/admin/")
