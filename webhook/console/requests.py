"""The request queue: open data-subject requests by due date, overdue marked; marked in
progress or waiting for the person (clock paused), resumed, closed or refused with a reason
the person can read."""

from __future__ import annotations

from typing import Literal, cast

from aiohttp import web

from bot.errors import BadRequest
from bot.rights.dsar import Requests
from bot.rights.operations import close_request, requests
from bot.rights.request_status import WORK_STATUSES, set_request_status
from webhook.console.guard import render, require, see_other
from webhook.keys import SERVICES

routes = web.RouteTableDef()
QUEUE_LIMIT = 200
_SHOWN = ("open", "done", "refused")
_MOVED = {"in_progress": "is in progress", "waiting_for_person": "waits for the person"}


def _requests(request: web.Request) -> Requests:
    return requests(request.app[SERVICES])


@routes.get("/admin/requests")
async def queue(request: web.Request) -> web.Response:
    await require(request, "list requests", "admin")
    status = request.query.get("status", "open")
    if status not in _SHOWN:
        raise BadRequest("unknown status")
    records = await _requests(request).list(status, limit=QUEUE_LIMIT)
    moved = request.query.get("moved", "")
    return await render(
        request,
        "console/requests.html",
        {
            "records": sorted(records, key=lambda r: r.due),
            "status": status,
            "statuses": _SHOWN,
            "overdue": sum(1 for r in records if r.overdue),
            "limit": QUEUE_LIMIT,
            "closed": request.query.get("closed", ""),
            "moved": moved,
            "moved_to": _MOVED.get(request.query.get("to", ""), "") if moved.isalnum() else "",
        },
    )


@routes.post("/admin/requests/{request_id}/close")
async def close(request: web.Request) -> web.Response:
    request_id = request.match_info["request_id"]
    form = await request.post()
    outcome = str(form.get("outcome", ""))
    if outcome not in ("done", "refused"):
        raise BadRequest("Choose done or refused.")
    reason = str(form.get("reason", "")).strip()[:1000]
    session = await require(request, f"close request ({outcome})", "admin", record=request_id)
    # The same path as the API: the person is told the outcome (now or at their next message).
    await close_request(
        request.app[SERVICES],
        request_id,
        outcome=cast(Literal["done", "refused"], outcome),
        reason=reason,
        by=session.name,
    )
    return see_other(f"/admin/requests?closed={request_id}")


@routes.post("/admin/requests/{request_id}/status")
async def change_status(request: web.Request) -> web.Response:
    request_id = request.match_info["request_id"]
    form = await request.post()
    status = str(form.get("status", ""))
    if status not in WORK_STATUSES:
        raise BadRequest("Choose in progress or waiting for the person.")
    note = str(form.get("note", ""))
    session = await require(request, f"request status ({status})", "admin", record=request_id)
    await set_request_status(request.app[SERVICES], request_id, status, note=note, by=session.name)
    return see_other(f"/admin/requests?moved={request_id}&to={status}#req-{request_id}")
