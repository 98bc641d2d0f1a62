"""The audit log (read-only: the console has no way to change or remove an entry) and the
breach-mode switch."""

from __future__ import annotations

import re

from aiohttp import web

from bot.staff.breach import BreachMode, breach_mode
from webhook.console.guard import render, require, see_other
from webhook.console.i18n import Refusal
from webhook.keys import SERVICES

routes = web.RouteTableDef()
AUDIT_PAGE = 100
_STREAM_ID = re.compile(r"^\d{1,20}-\d{1,20}$")


def _breach(request: web.Request) -> BreachMode:
    return breach_mode(request.app[SERVICES])


@routes.get("/admin/audit")
async def audit_log(request: web.Request) -> web.Response:
    await require(request, "read audit log", "admin")
    before = request.query.get("before", "+")
    if before != "+" and not _STREAM_ID.match(before):
        raise Refusal("audit_before")
    # One extra entry tells whether there is an older page; `(` makes the bound exclusive.
    bound = before if before == "+" else f"({before}"
    entries = await request.app[SERVICES].audit.entries(count=AUDIT_PAGE + 1, before=bound)
    older = entries[AUDIT_PAGE - 1]["id"] if len(entries) > AUDIT_PAGE else None
    return await render(
        request,
        "console/audit.html",
        {
            "entries": entries[:AUDIT_PAGE],
            "older": older,
            "first_page": before == "+",
        },
    )


@routes.get("/admin/breach")
async def breach_page(request: web.Request) -> web.Response:
    await require(request, "view breach mode", "admin")
    return await render(request, "console/breach.html", {"state": await _breach(request).get()})


@routes.post("/admin/breach")
async def breach_switch(request: web.Request) -> web.Response:
    form = await request.post()
    turn_on = form.get("on") == "1"
    if turn_on and str(form.get("confirm", "")).strip().lower() != "breach":
        raise Refusal("breach_confirm")
    session = await require(request, "switch breach mode", "admin")
    mode = _breach(request)
    if turn_on:
        await mode.set(actor=session.name, role=session.role, reason=str(form.get("reason", "")))
    else:
        await mode.clear(actor=session.name, role=session.role)
    return see_other("/admin/breach")
