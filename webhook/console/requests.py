"""The request queue: data-subject requests with the person's own words, type, clock and a
link to the person; filtered by type, status and overdue. From a card staff answer (the
text goes to the person's chat and closes the request), refuse with a reason (sent too),
extend the deadline under Art. 12(3), or move the request along (in progress, waiting for
the person with the clock paused). The register of every request downloads as CSV."""

from __future__ import annotations

from typing import Literal, cast, get_args

from aiohttp import web

from bot.rights.dsar import Requests, RequestType
from bot.rights.operations import close_request, extend_request, requests
from bot.rights.register import QueueCard, queue_cards, register_csv
from bot.rights.request_status import WORK_STATUSES, set_request_status
from webhook.console.guard import render, require, see_other
from webhook.console.i18n import Refusal
from webhook.keys import SERVICES

routes = web.RouteTableDef()
QUEUE_LIMIT = 200
_SHOWN = ("open", "done", "refused")
_TYPES: tuple[str, ...] = get_args(RequestType)
_MOVED = {"in_progress": "in_progress", "waiting_for_person": "waiting"}  # catalogue keys


def _requests(request: web.Request) -> Requests:
    return requests(request.app[SERVICES])


def _filtered(cards: list[QueueCard], kind: str, overdue: bool) -> list[QueueCard]:
    return [c for c in cards if (not kind or c.record.type == kind) and (not overdue or c.overdue)]


@routes.get("/admin/requests")
async def queue(request: web.Request) -> web.Response:
    await require(request, "list requests", "admin")
    status = request.query.get("status", "open")
    kind = request.query.get("type", "")
    if status not in _SHOWN or (kind and kind not in _TYPES):
        raise Refusal("request_filter")
    overdue_only = request.query.get("overdue", "") == "1"
    cards = await queue_cards(_requests(request), status, limit=QUEUE_LIMIT)
    shown = _filtered(cards, kind, overdue_only)
    moved = request.query.get("moved", "")
    return await render(
        request,
        "console/requests.html",
        {
            "cards": sorted(shown, key=lambda c: c.record.due),
            "status": status,
            "statuses": _SHOWN,
            "types": _TYPES,
            "type": kind,
            "overdue_only": overdue_only,
            "overdue": sum(1 for c in cards if c.overdue),
            "limit": QUEUE_LIMIT,
            "truncated": len(cards) >= QUEUE_LIMIT,
            "closed": request.query.get("closed", ""),
            "extended": request.query.get("extended", ""),
            "moved": moved,
            "moved_to": _MOVED.get(request.query.get("to", ""), "") if moved.isalnum() else "",
        },
    )


@routes.get("/admin/requests/register.csv")
async def register(request: web.Request) -> web.Response:
    """Every request, open and closed, for the DPO's register (no personal data in it)."""
    await require(request, "download request register", "admin")
    body = await register_csv(_requests(request))
    return web.Response(
        body=body.encode(),
        content_type="text/csv",
        charset="utf-8",
        headers={"Content-Disposition": 'attachment; filename="request-register.csv"'},
    )


@routes.post("/admin/requests/{request_id}/close")
async def close(request: web.Request) -> web.Response:
    request_id = request.match_info["request_id"]
    form = await request.post()
    outcome = str(form.get("outcome", ""))
    if outcome not in ("done", "refused"):
        raise Refusal("outcome")
    reason = str(form.get("reason", "")).strip()[:1000]
    answer = str(form.get("answer", "")).strip()[:1800]
    session = await require(request, f"close request ({outcome})", "admin", record=request_id)
    # The same path as the API: the person is told the outcome (now or at their next message).
    await close_request(
        request.app[SERVICES],
        request_id,
        outcome=cast(Literal["done", "refused"], outcome),
        reason=reason,
        by=session.name,
        answer=answer,
    )
    return see_other(f"/admin/requests?closed={request_id}")


@routes.post("/admin/requests/{request_id}/extend")
async def extend(request: web.Request) -> web.Response:
    request_id = request.match_info["request_id"]
    form = await request.post()
    months = str(form.get("months", ""))
    if months not in ("1", "2"):
        raise Refusal("months")
    reason = str(form.get("reason", "")).strip()[:1000]
    session = await require(request, "extend request", "admin", record=request_id)
    await extend_request(
        request.app[SERVICES], request_id, months=int(months), reason=reason, by=session.name
    )
    return see_other(f"/admin/requests?extended={request_id}#req-{request_id}")


@routes.post("/admin/requests/{request_id}/status")
async def change_status(request: web.Request) -> web.Response:
    request_id = request.match_info["request_id"]
    form = await request.post()
    status = str(form.get("status", ""))
    if status not in WORK_STATUSES:
        raise Refusal("work_status")
    note = str(form.get("note", ""))
    session = await require(request, f"request status ({status})", "admin", record=request_id)
    await set_request_status(request.app[SERVICES], request_id, status, note=note, by=session.name)
    return see_other(f"/admin/requests?moved={request_id}&to={status}#req-{request_id}")
