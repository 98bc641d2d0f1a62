"""Marketing pages (roles marketing and admin): compose with the live audience count, a
Messenger-style preview, send or schedule, watch the progress, history. Counts only: no
page or JSON answer here names a person."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any, get_args
from zoneinfo import ZoneInfo

from aiohttp import web

from bot.broadcast import actions as broadcast_admin
from bot.broadcast.audience import estimate
from bot.broadcast.rules import SKIP_REASONS
from bot.broadcast.spec import BroadcastSpec, Status, check_languages, parse_spec
from bot.staff.users import Role
from webhook.console.guard import render, require, role_check, see_other, words_of
from webhook.console.i18n import Refusal
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
            "zone": services.pack.pack.time_zone,
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
            raise Refusal("schedule_missing")
        body["at"] = utc_from_local(at, request.app[SERVICES].pack.pack.time_zone)
    return body


def utc_from_local(at: str, zone: str) -> str:
    """<input type="datetime-local"> carries no zone: the staff schedule in the Page's home
    zone (the one quiet hours default to), the store keeps UTC."""
    try:
        moment = dt.datetime.fromisoformat(at)
    except ValueError:
        raise Refusal("schedule_bad", value=at) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo(zone))
    return moment.astimezone(dt.UTC).isoformat()


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
    words = await words_of(request)
    return await render(
        request,
        "console/broadcast.html",
        {
            "b": view,
            # The page's script updates status and reasons live, in the same words.
            "statuses": {s: words.t(f"bstatus.{s}") for s in get_args(Status)},
            "reason_names": {r: words.t(f"reasons.{r}") for r in SKIP_REASONS},
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
