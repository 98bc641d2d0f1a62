"""Admin pages about people: the list, one person, their export and their erasure. Every
read of personal data and every action is audited, naming the person by the keyed hash."""

from __future__ import annotations

import json
import re
from typing import Any

from aiohttp import web

from bot.errors import NotFound
from bot.handover.thread import held
from bot.rights.operations import erase_person, export_person, requests
from bot.rights.user_view import user_view
from bot.services import Services
from bot.staff.directory import PAGE, SCAN, Filters, is_listed, list_people
from webhook.console.guard import page_services, render, require, see_other
from webhook.console.i18n import Refusal

routes = web.RouteTableDef()
_CURSOR = re.compile(r"\d{1,10}|o\d{1,10}(\.\d{1,10})*")
AUDIT_LOOKBACK = 5000  # audit entries searched for a person's page (newest first)
_CONSENT_FILTERS = (
    "",
    "profile:granted",
    "profile:refused",
    "profile:withdrawn",
    "profile:none",
    "marketing:granted",
    "marketing:refused",
    "marketing:withdrawn",
    "marketing:none",
)


def _filters(request: web.Request) -> Filters:
    query = request.query
    consent = query.get("consent", "")
    subscribed = query.get("subscribed", "")
    if consent not in _CONSENT_FILTERS or subscribed not in ("", "yes", "no"):
        raise Refusal("filter")
    return Filters(q=query.get("q", "").strip()[:100], consent=consent, subscribed=subscribed)


def _cursor(request: web.Request) -> str:
    """Opaque: a match count (name search) or how far each partition was read."""
    raw = request.query.get("cursor", "0")
    if not _CURSOR.fullmatch(raw) or (raw.isdigit() and int(raw) > 10**9):
        raise Refusal("cursor")
    return raw


@routes.get("/admin/people")
async def people(request: web.Request) -> web.Response:
    await require(request, "list people", "admin")
    filters = _filters(request)
    listing = await list_people(page_services(request), filters, _cursor(request))
    return await render(
        request,
        "console/people.html",
        {
            "listing": listing,
            "filters": filters,
            "consent_filters": _CONSENT_FILTERS,
            "page_size": PAGE,
            "scan": SCAN,
            "erased": request.query.get("erased") == "1",
        },
    )


async def _audit_about(services: Services, record: str) -> list[dict[str, Any]]:
    entries = await services.audit.entries(count=AUDIT_LOOKBACK)
    return [e for e in entries if e.get("record") == record][:100]


@routes.get("/admin/people/{psid}")
async def person(request: web.Request) -> web.Response:
    services = page_services(request)
    psid = request.match_info["psid"]
    record = services.pseudonym(psid)
    await require(request, "read person", "admin", record=record)
    view = await user_view(services, psid)
    if view is None:
        raise NotFound
    return await render(
        request,
        "console/person.html",
        {
            "person": view,
            "record": record,
            "requests": await requests(services).for_person(psid),
            "audit": await _audit_about(services, record),
            "lookback": AUDIT_LOOKBACK,
            "thread": await held(services, psid),
            "handover": request.query.get("handover", ""),
        },
    )


@routes.get("/admin/people/{psid}/{action:export|erase}")
async def confirm(request: web.Request) -> web.Response:
    services = page_services(request)
    psid, action = request.match_info["psid"], request.match_info["action"]
    await require(request, f"open {action} confirmation", "admin", record=services.pseudonym(psid))
    if not await is_listed(services, psid):
        raise NotFound
    return await render(request, "console/confirm.html", {"psid": psid, "action": action})


@routes.post("/admin/people/{psid}/export")
async def export(request: web.Request) -> web.Response:
    services = page_services(request)
    psid = request.match_info["psid"]
    await require(request, "export person", "admin", record=services.pseudonym(psid))
    document = await export_person(services, psid)
    if not document:
        raise NotFound
    body = json.dumps(document, ensure_ascii=False, indent=2)
    disposition = f'attachment; filename="export-{services.pseudonym(psid)[:12]}.json"'
    return web.Response(
        text=body, content_type="application/json", headers={"Content-Disposition": disposition}
    )


@routes.post("/admin/people/{psid}/erase")
async def erase(request: web.Request) -> web.Response:
    services = page_services(request)
    psid = request.match_info["psid"]
    form = await request.post()
    if str(form.get("confirm", "")).strip().lower() != "erase":
        raise Refusal("erase_confirm")
    session = await require(request, "erase person", "admin", record=services.pseudonym(psid))
    await erase_person(services, psid, actor=session.name, role=session.role)
    return see_other("/admin/people?erased=1")
