"""Broadcast routes of the admin JSON API (contract in DESIGN). `marketing` and `admin` create,
read and cancel; only `admin` resumes a paused broadcast. Answers hold counts, never people."""

from __future__ import annotations

import json
import time
from typing import Any

from aiohttp import web

from bot.broadcast import actions as broadcast_admin
from bot.broadcast.spec import parse_spec
from bot.errors import BadRequest
from webhook.admin_api import authorise
from webhook.keys import SERVICES

routes = web.RouteTableDef()
RECENT = 50


async def _body(request: web.Request) -> Any:
    try:
        return await request.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise BadRequest("the body must be JSON") from None


@routes.post("/admin/api/broadcasts")
async def create_broadcast(request: web.Request) -> web.Response:
    services = request.app[SERVICES]
    admin = await authorise(request, "create broadcast", "marketing", "admin")
    spec = parse_spec(await _body(request))
    created = await broadcast_admin.create(services, spec, admin.name, admin.role, time.time())
    return web.json_response(created, status=202)


@routes.get("/admin/api/broadcasts")
async def list_broadcasts(request: web.Request) -> web.Response:
    await authorise(request, "list broadcasts", "marketing", "admin")
    views = await broadcast_admin.recent(request.app[SERVICES], RECENT)
    return web.json_response({"broadcasts": views})


@routes.get("/admin/api/broadcasts/{id}")
async def get_broadcast(request: web.Request) -> web.Response:
    bid = request.match_info["id"]
    await authorise(request, "read broadcast", "marketing", "admin", record=bid)
    return web.json_response(await broadcast_admin.view(request.app[SERVICES], bid))


@routes.post("/admin/api/broadcasts/{id}/cancel")
async def cancel_broadcast(request: web.Request) -> web.Response:
    bid = request.match_info["id"]
    admin = await authorise(request, "cancel broadcast", "marketing", "admin", record=bid)
    view = await broadcast_admin.cancel(request.app[SERVICES], bid, admin.name, admin.role)
    return web.json_response(view)


@routes.post("/admin/api/broadcasts/{id}/resume")
async def resume_broadcast(request: web.Request) -> web.Response:
    bid = request.match_info["id"]
    admin = await authorise(request, "resume broadcast", "admin", record=bid)
    view = await broadcast_admin.resume(request.app[SERVICES], bid, admin.name, admin.role)
    return web.json_response(view)


@routes.get("/admin/api/alerts")
async def alerts(request: web.Request) -> web.Response:
    await authorise(request, "read alerts", "marketing", "admin")
    return web.json_response({"alerts": await broadcast_admin.alerts(request.app[SERVICES])})
