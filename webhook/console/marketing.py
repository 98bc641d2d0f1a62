"""Marketing pages (roles marketing and admin): compose with the live audience count, a
Messenger-style preview, send or schedule, watch the progress, history. Counts only: no
page or JSON answer here names a person."""

from __future__ import annotations

import time
from typing import Any

from aiohttp import web

from bot import broadcast_admin
from bot.admins import Role
from bot.broadcast_audience import estimate
from bot.broadcast_rules import SKIP_REASONS
from bot.broadcast_store import BroadcastStore
from bot.broadcasts import BroadcastSpec, check_languages, parse_spec
from bot.errors import BadRequest
from webhook.console.guard import render, require, role_check, see_other
from webhook.keys import SERVICES

routes = web.RouteTableDef()
HISTORY = 20
ROLES: tuple[Role, ...] = ("marketing", "admin")
_PROGRESS = ("id", "status", "total", "sent", "skipped", "failed", "waiting", "skipped_by_reason",
             "failed_by_code", "scheduled_at", "paused_reason")  # fmt: skip


def _languages(request: web.Request, values: list[str]) -> tuple[str, ...]:
    known = request.app[SERVICES].pack.languages
    return tuple(lang for lang in known if lang in values)


@routes.get("/admin/marketing")
async def compose(request: web.Request) -> web.Response:
    await require(request, "open broadcasts", *ROLES)
    services = request.app[SERVICES]
    ids = await BroadcastStore(services.redis, services.keys).recent(HISTORY)
    history = [await broadcast_admin.view(services, bid) for bid in ids]
    return await render(request, "console/marketing.html", {
        "languages": services.pack.languages, "history": history, "reasons": SKIP_REASONS,
        "error": request.query.get("error", ""),
    })  # fmt: skip


@routes.get("/admin/marketing/audience.json")
async def audience(request: web.Request) -> web.Response:
    """The dry run for the chosen languages: who would get it now, why the others not."""
    await require(request, "count broadcast audience", *ROLES)
    services = request.app[SERVICES]
    spec = BroadcastSpec(text="-", languages=_languages(request, request.query.getall("lang", [])))
    return web.json_response(await estimate(services, spec, time.time()))


def _spec_body(request: web.Request, form: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "text": str(form.get("text", "")).strip(),
        "languages": list(_languages(request, [str(v) for v in form.getall("lang", [])])),
    }
    at = str(form.get("at", "")).strip()
    if form.get("when") == "schedule":
        if not at:
            raise BadRequest("Pick the date and time (UTC) to send it at; nothing was sent.")
        # <input type="datetime-local"> gives no zone; the form asks for UTC.
        body["at"] = at if at.endswith("Z") or "+" in at else f"{at}:00+00:00"
    return body


@routes.post("/admin/marketing")
async def send(request: web.Request) -> web.Response:
    session = await require(request, "create broadcast", *ROLES)
    services = request.app[SERVICES]
    spec = parse_spec(_spec_body(request, await request.post()))
    check_languages(spec, services.pack.languages)
    created = await broadcast_admin.create(services, spec, session.name, session.role)
    return see_other(f"/admin/marketing/{created['id']}")


@routes.get("/admin/marketing/{bid:[0-9a-f]{1,32}}")
async def progress(request: web.Request) -> web.Response:
    bid = request.match_info["bid"]
    await require(request, "read broadcast", *ROLES, record=bid)
    view = await broadcast_admin.view(request.app[SERVICES], bid)
    return await render(request, "console/broadcast.html", {"b": view})


@routes.get("/admin/marketing/{bid:[0-9a-f]{1,32}}/status.json")
async def status(request: web.Request) -> web.Response:
    bid = request.match_info["bid"]
    # Polled every second by the progress page: role-checked, but not audited (counts only).
    role_check(request, *ROLES)
    view = await broadcast_admin.view(request.app[SERVICES], bid)
    return web.json_response({name: view.get(name) for name in _PROGRESS})


@routes.post("/admin/marketing/{bid:[0-9a-f]{1,32}}/cancel")
async def cancel(request: web.Request) -> web.Response:
    bid = request.match_info["bid"]
    session = await require(request, "cancel broadcast", *ROLES, record=bid)
    await broadcast_admin.cancel(request.app[SERVICES], bid, session.name, session.role)
    return see_other(f"/admin/marketing/{bid}")
