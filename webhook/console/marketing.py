"""Marketing pages (roles marketing and admin): compose with the live audience count, a
Messenger-style preview, send or schedule, watch the progress, history. Counts only: no
page or JSON answer here names a person."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any
from zoneinfo import ZoneInfo

from aiohttp import web

from bot.broadcast import actions as broadcast_admin
from bot.broadcast.audience import estimate
from bot.broadcast.rules import DEFAULT_ZONE, SKIP_REASONS
from bot.broadcast.spec import BroadcastSpec, check_languages, parse_spec
from bot.errors import BadRequest
from bot.staff.users import Role
from webhook.console.guard import render, require, role_check, see_other
from webhook.keys import SERVICES

routes = web.RouteTableDef()
HISTORY = 20
ROLES: tuple[Role, ...] = ("marketing", "admin")
_PROGRESS = (
    "id",
    "status",
    "total",
    "sent",
    "skipped",
    "failed",
    "waiting",
    "expected",
    "skipped_by_reason",
    "failed_by_code",
    "scheduled_at",
    "paused_reason",
)


def _languages(request: web.Request, values: list[str]) -> tuple[str, ...]:
    known = request.app[SERVICES].pack.languages
    return tuple(lang for lang in known if lang in values)


@routes.get("/admin/marketing")
async def compose(request: web.Request) -> web.Response:
    await require(request, "open broadcasts", *ROLES)
    services = request.app[SERVICES]
    history = await broadcast_admin.recent(services, HISTORY)
    return await render(
        request,
        "console/marketing.html",
        {
            "languages": services.pack.languages,
            "history": history,
            "reasons": SKIP_REASONS,
            "error": request.query.get("error", ""),
            "zone": DEFAULT_ZONE,
            "tokens": services.settings.marketing_tokens,
        },
    )


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
            raise BadRequest("Pick the date and time to send it at; nothing was sent.")
        body["at"] = utc_from_local(at)
    return body


def utc_from_local(at: str) -> str:
    """<input type="datetime-local"> carries no zone: the staff schedule in the Page's home
    zone (the one quiet hours default to), the store keeps UTC."""
    try:
        moment = dt.datetime.fromisoformat(at)
    except ValueError:
        raise BadRequest(f"{at!r} is not a date and time; nothing was sent.") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo(DEFAULT_ZONE))
    return moment.astimezone(dt.UTC).isoformat()


def local_from_utc(iso: str) -> str:
    """How the progress page shows a scheduled time: in the zone it was entered in."""
    moment = dt.datetime.fromisoformat(iso).astimezone(ZoneInfo(DEFAULT_ZONE))
    return moment.strftime("%Y-%m-%d %H:%M")


@routes.post("/admin/marketing")
async def send(request: web.Request) -> web.Response:
    """The safety catch: the compose form first answers with the confirmation (who receives
    it now, later, never and why); only the confirmation's own form sends."""
    form = await request.post()
    confirmed = form.get("confirmed") == "1"
    what = "create broadcast" if confirmed else "review broadcast"
    session = await require(request, what, *ROLES)
    services = request.app[SERVICES]
    body = _spec_body(request, form)
    spec = parse_spec(body)
    check_languages(spec, services.pack.languages)
    if not confirmed:
        counts = breakdown(await estimate(services, spec, time.time()))
        return await render(
            request,
            "console/broadcast_confirm.html",
            {"spec": body, "when": str(form.get("when", "now")), "at": str(form.get("at", ""))}
            | counts,
        )
    created = await broadcast_admin.create(services, spec, session.name, session.role)
    return see_other(f"/admin/marketing/{created['id']}")


def breakdown(counts: dict[str, Any]) -> dict[str, Any]:
    """Now, later (quiet hours) and never by reason: three parts of one total."""
    now = counts["eligible_in_window"] + counts["eligible_by_token"]
    never = {reason: n for reason, n in counts["skipped"].items() if n}
    later = counts["quiet_hours"]
    return {
        "now": now,
        "later": later,
        "never": never,
        "total": now + later + sum(never.values()),
    }


@routes.get("/admin/marketing/{bid:[0-9a-f]{1,32}}")
async def progress(request: web.Request) -> web.Response:
    bid = request.match_info["bid"]
    await require(request, "read broadcast", *ROLES, record=bid)
    view = await broadcast_admin.view(request.app[SERVICES], bid)
    return await render(
        request,
        "console/broadcast.html",
        {
            "b": view,
            "scheduled_local": local_from_utc(view["scheduled_at"]),
            "zone": DEFAULT_ZONE,
        },
    )


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


@routes.post("/admin/marketing/{bid:[0-9a-f]{1,32}}/resume")
async def resume(request: web.Request) -> web.Response:
    """Admins only, as in the API: resuming overrides a pause Meta or the Page token caused."""
    bid = request.match_info["bid"]
    session = await require(request, "resume broadcast", "admin", record=bid)
    await broadcast_admin.resume(request.app[SERVICES], bid, session.name, session.role)
    return see_other(f"/admin/marketing/{bid}")
