""" "Send a test to me": a staff member links their own Messenger chat once (a one-time code
typed to the bot), then the broadcast confirmation sends the message to that chat only. The
test is no broadcast: it is counted nowhere but the audit log."""

from __future__ import annotations

import logging
import time

from aiohttp import web

from bot.broadcast.audience import estimate
from bot.broadcast.spec import check_languages, parse_spec
from bot.errors import GraphError
from bot.services import Services
from bot.staff.links import LINK_TTL_S, issue_code
from webhook.console.guard import render, require
from webhook.console.marketing import ROLES, breakdown, spec_body
from webhook.keys import SERVICES

routes = web.RouteTableDef()
log = logging.getLogger("privacybot.console")


@routes.post("/admin/marketing/link")
async def link(request: web.Request) -> web.Response:
    """A one-time code for the signed-in user; shown once, on this answer only."""
    session = await require(request, "issue chat link code", *ROLES)
    services = request.app[SERVICES]
    code = await issue_code(services, session.name)
    context = {
        "code": code,
        "minutes": LINK_TTL_S // 60,
        "simulator": not services.settings.production,
    }
    return await render(request, "console/link_code.html", context)


@routes.post("/admin/marketing/test")
async def send_test(request: web.Request) -> web.Response:
    form = await request.post()
    session = await require(request, "send broadcast test", *ROLES)
    services = request.app[SERVICES]
    body = spec_body(request, form)
    spec = parse_spec(body)
    check_languages(spec, services.pack.languages)
    psid = await services.admins.linked_psid(session.name)
    outcome = "not_linked"
    if psid:
        outcome = await _send(services, psid, spec.message(await _lang(services, psid)))
        await services.audit.record(
            session.name, session.role, f"send broadcast test: {outcome}", services.pseudonym(psid)
        )
    counts = breakdown(await estimate(services, spec, time.time()))
    context = {
        "spec": body,
        "when": str(form.get("when", "now")),
        "at": str(form.get("at", "")),
        "linked": bool(psid),
        "test": outcome,
    }
    return await render(request, "console/broadcast_confirm.html", context | counts)


async def _lang(services: Services, psid: str) -> str:
    user = await services.store.load(psid)
    return user.language or services.pack.default_language


async def _send(services: Services, psid: str, message: dict[str, object]) -> str:
    try:
        await services.graph.send(psid, message, messaging_type="UPDATE")
    except GraphError as error:  # e.g. outside the 24-hour window of the staff's own chat
        log.warning("broadcast test undeliverable code=%s", error.label)
        return "undeliverable"
    return "sent"
