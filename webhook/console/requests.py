"""The request queue: open data-subject requests by due date, overdue marked, closed or
refused with a reason the person can read."""

from __future__ import annotations

from typing import Literal, cast

from aiohttp import web

from bot.dsar import Requests
from bot.errors import BadRequest
from webhook.console.guard import render, require, see_other
from webhook.keys import SERVICES

routes = web.RouteTableDef()
QUEUE_LIMIT = 200
_SHOWN = ("open", "done", "refused")


def _requests(request: web.Request) -> Requests:
    services = request.app[SERVICES]
    return Requests(services.redis, services.keys, services.store.cipher)


@routes.get("/admin/requests")
async def queue(request: web.Request) -> web.Response:
    await require(request, "list requests", "admin")
    status = request.query.get("status", "open")
    if status not in _SHOWN:
        raise BadRequest("unknown status")
    records = await _requests(request).list(status, limit=QUEUE_LIMIT)
    return await render(request, "console/requests.html", {
        "records": sorted(records, key=lambda r: r.due), "status": status, "statuses": _SHOWN,
        "overdue": sum(1 for r in records if r.overdue), "limit": QUEUE_LIMIT,
        "closed": request.query.get("closed", ""),
    })  # fmt: skip


@routes.post("/admin/requests/{request_id}/close")
async def close(request: web.Request) -> web.Response:
    request_id = request.match_info["request_id"]
    form = await request.post()
    outcome = str(form.get("outcome", ""))
    if outcome not in ("done", "refused"):
        raise BadRequest("Choose done or refused.")
    reason = str(form.get("reason", "")).strip()[:1000]
    session = await require(request, f"close request ({outcome})", "admin", record=request_id)
    await _requests(request).close(
        request_id, outcome=cast(Literal["done", "refused"], outcome), reason=reason,
        by=session.name,
    )  # fmt: skip
    return see_other(f"/admin/requests?closed={request_id}")
