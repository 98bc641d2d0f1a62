"""Development only: `/simulator`, a Messenger-like chat page served by the app itself.

The browser never sees APP_SECRET: the page posts `{psid, locale, kind, text | payload}` to
`/simulator/send`, and this module builds Meta's webhook envelope, signs it and POSTs it to
the app's own `/webhook` over loopback, so a simulated event takes exactly Meta's path. The
bot's answers are read back from the built-in fake Graph (`/dev/sent`).
"""

from __future__ import annotations

import secrets
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any, Literal

import aiohttp
from aiohttp import web
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from bot.cli.chat import event_body, text_item
from bot.errors import BadRequest, NotFound
from bot.graph.fake import FakeGraph
from bot.graph.setup_page import persistent_menu
from bot.pipeline.replies import GET_STARTED
from bot.pipeline.signature import sign
from webhook.keys import SERVICES

routes = web.RouteTableDef()
SIM_HTTP = web.AppKey("simulator_http", aiohttp.ClientSession)
PAGE_ID = "SIMULATED_PAGE"
_HERE = Path(__file__).parent
_ASSETS = {
    "simulator.js": ("static/simulator.js", "text/javascript"),
    "simulator.css": ("static/simulator.css", "text/css"),
}
_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}
# A fake Messenger profile per locale; the fake Graph answers the bot's profile fetch with it.
PROFILES: dict[str, tuple[str, str, float]] = {
    "sl_SI": ("Ana", "Novak", 1),
    "en_US": ("Sam", "Taylor", -5),
    "en_GB": ("Olivia", "Smith", 0),
    "bg_BG": ("Мария", "Петрова", 2),
    "ro_RO": ("Ioana", "Popescu", 2),
    "de_DE": ("Lena", "Müller", 1),
}
_TOKEN_DAYS = 180


class SimInput(BaseModel):
    """What the page may ask for: one person's tap or message, never a raw event."""

    model_config = ConfigDict(extra="forbid")
    psid: str = Field(pattern=r"^[A-Za-z0-9_-]{1,64}$")
    locale: str = "sl_SI"
    kind: Literal["message", "postback", "optin"] = "message"
    text: str = Field(default="", max_length=2000)
    payload: str | None = Field(default=None, max_length=1000)
    title: str = Field(default="", max_length=100)
    timezone: str = Field(default="Europe/Ljubljana", max_length=64)
    page: str = Field(default="", max_length=64)  # the Page picked (PAGES_FILE); "" the first


def _item(sim: SimInput) -> dict[str, Any]:
    """The `messaging[]` item Meta would send for this tap or message."""
    mid = "m_sim_" + secrets.token_hex(8)
    if sim.kind == "postback":
        return {"postback": {"mid": mid, "title": sim.title, "payload": sim.payload or ""}}
    if sim.kind == "optin":
        return {"optin": _optin(sim)}
    if not sim.text.strip():
        raise BadRequest("text must not be empty")
    return text_item(sim.text, sim.payload)


def _optin(sim: SimInput) -> dict[str, Any]:
    """A Marketing Messages opt-in with a fake token, in the shape of Meta's example."""
    expiry = int(time.time()) + _TOKEN_DAYS * 86400
    return {
        "type": "notification_messages",
        "payload": sim.payload or "",
        "title": sim.title,
        "notification_messages_token": "sim-mm-" + secrets.token_hex(12),
        "notification_messages_timezone": sim.timezone,
        "token_expiry_timestamp": str(expiry),
        "user_token_status": "NOT_REFRESHED",
    }


def _own_webhook(request: web.Request) -> str:
    """The app's own `/webhook`, on the very socket this request came in on (loopback)."""
    sockname = request.transport.get_extra_info("sockname") if request.transport else None
    if not sockname:
        raise NotFound
    host, port = sockname[0], sockname[1]
    host = "127.0.0.1" if host in ("0.0.0.0", "") else host  # noqa: S104 - not a bind
    host = f"[{host}]" if ":" in host else host
    return f"http://{host}:{port}/webhook"


def _set_profile(request: web.Request, sim: SimInput) -> FakeGraph:
    fake = request.app[SERVICES].fake_graph
    if fake is None:
        raise NotFound
    first, last, tz = PROFILES.get(sim.locale, PROFILES["sl_SI"])
    fake.profiles[sim.psid] = {
        "first_name": first,
        "last_name": last,
        "locale": sim.locale,
        "timezone": tz,
    }
    return fake


@routes.post("/simulator/send")
async def send(request: web.Request) -> web.Response:
    # JSON only: a cross-site form cannot send it without a CORS preflight we never answer.
    if request.content_type != "application/json":
        raise BadRequest("expected application/json")
    try:
        sim = SimInput.model_validate(await request.json())
    except (ValueError, ValidationError) as exc:
        raise BadRequest("expected {psid, locale, kind, text | payload}") from exc
    if sim.locale not in PROFILES:
        raise BadRequest("unknown locale")
    fake = _set_profile(request, sim)
    page = _page_id(request, sim.page)
    body = event_body(sim.psid, page, _item(sim), standby=fake.in_inbox(sim.psid))
    return web.json_response({"webhook_status": await _deliver(request, body)})


class SimRelease(BaseModel):
    model_config = ConfigDict(extra="forbid")
    psid: str = Field(pattern=r"^[A-Za-z0-9_-]{1,64}$")
    page: str = Field(default="", max_length=64)  # the Page picked; "" the first


@routes.post("/simulator/release")
async def release(request: web.Request) -> web.Response:
    """What the Page Inbox does when staff are done: release the thread; Meta then sends the
    bot a `pass_thread_control` event (messaging_handovers), delivered here like any other."""
    if request.content_type != "application/json":
        raise BadRequest("expected application/json")
    try:
        sim = SimRelease.model_validate(await request.json())
    except (ValueError, ValidationError) as exc:
        raise BadRequest("expected {psid}") from exc
    fake = request.app[SERVICES].fake_graph
    if fake is None:
        raise NotFound
    item = fake.release(sim.psid)
    if item is None:
        return web.json_response({"webhook_status": None, "thread": "bot"})
    item.pop("sender", None)
    item.pop("timestamp", None)
    body = event_body(sim.psid, _page_id(request, sim.page), item)
    return web.json_response({"webhook_status": await _deliver(request, body), "thread": "bot"})


async def _deliver(request: web.Request, body: bytes) -> int:
    """Sign `body` as Meta would and POST it to the app's own webhook."""
    settings = request.app[SERVICES].settings
    headers = {
        "X-Hub-Signature-256": sign(settings.app_secret, body),
        "Content-Type": "application/json",
    }
    http = request.app[SIM_HTTP]
    async with http.post(_own_webhook(request), data=body, headers=headers) as answer:
        return answer.status


def _page_id(request: web.Request, asked: str) -> str:
    """The entry id the simulated event carries: the picked Page (one of PAGES_FILE)."""
    services = request.app[SERVICES]
    if not services.paged:
        return PAGE_ID
    view = services.for_page(asked)
    if view is None:
        raise BadRequest("unknown Page")
    return view.page.id


@routes.get("/simulator/config")
async def config(request: web.Request) -> web.Response:
    """Pages and locales on offer and the picked Page's persistent menu per language, as
    `setup-page` would set it."""
    services = request.app[SERVICES]
    view = services.for_page(request.query.get("page", ""))
    if view is None:
        raise NotFound
    pack = view.pack
    pages = [{"id": p.page.id, "name": p.page.name} for p in services.every_page() if p.page.id]
    menus = {
        lang: menu["call_to_actions"]
        for lang, menu in zip(pack.languages, persistent_menu(pack), strict=True)
    }
    return web.json_response(
        {
            "controller": view.page.name if view.page.id else pack.pack.controller,
            "page": view.page.id,
            "pages": pages,
            "default_language": pack.default_language,
            "locales": list(PROFILES),
            "menus": menus,
            "get_started": GET_STARTED,
        },
        headers=_HEADERS,
    )


@routes.get("/simulator")
async def page(_: web.Request) -> web.FileResponse:
    return web.FileResponse(_HERE / "templates" / "simulator.html", headers=_HEADERS)


@routes.get("/simulator/static/{name}")
async def asset(request: web.Request) -> web.FileResponse:
    found = _ASSETS.get(request.match_info["name"])
    if found is None:
        raise NotFound
    path, content_type = found
    return web.FileResponse(_HERE / path, headers={**_HEADERS, "Content-Type": content_type})


async def _http_ctx(app: web.Application) -> AsyncIterator[None]:
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10)) as session:
        app[SIM_HTTP] = session
        yield


def setup(app: web.Application) -> None:
    """Register the simulator on a development app (never called in production)."""
    app.cleanup_ctx.append(_http_ctx)
    app.add_routes(routes)
