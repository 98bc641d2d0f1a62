"""Meta's data-deletion callback and its status page.

The callback names an app-scoped id (ASID), not a PSID: a Messenger-only bot keeps no map
from ASIDs to people, so nothing is held under it. We record that (the status page says so
and how to delete Messenger data instead) and keep the request open for the privacy staff,
whose status changes and decision, with a refusal's reason, the page then shows. A replayed
callback gets the same answer."""

from __future__ import annotations

import aiohttp_jinja2
from aiohttp import web

from bot.errors import BadRequest, NotFound
from bot.rights.deletion_callback import open_deletion_request, status_of_code
from bot.services import Services
from bot.texts.deletion import PAGE_LANGUAGES, PageLanguage, deletion_text
from webhook.keys import SERVICES

routes = web.RouteTableDef()


def _page(request: web.Request) -> Services:
    """`?page=<id>` (a callback URL set per Page), else the first Page: each Page keeps its
    own deletion records and shows them on its own status page."""
    services = request.app[SERVICES].for_page(request.query.get("page", ""))
    if services is None:
        raise NotFound
    return services


@routes.post("/meta/data-deletion")
async def data_deletion(request: web.Request) -> web.Response:
    services = _page(request)
    form = await request.post()
    code = await open_deletion_request(services, str(form.get("signed_request", "")))
    url = f"{services.settings.public_url.rstrip('/')}/meta/deletion-status?code={code}"
    if services.page.id and services.paged:
        url += f"&page={services.page.id}"
    return web.json_response({"url": url, "confirmation_code": code})


@routes.get("/meta/deletion-status")
async def deletion_status_page(request: web.Request) -> web.Response:
    """For people (HTML, sl or en) and, asked with `format=json` or `Accept`, as JSON."""
    services = _page(request)
    code = request.query.get("code", "")
    if not code.isalnum():
        raise BadRequest("the code is the one Facebook showed you")
    lang = _language(request, services.pack.default_language)
    status = await status_of_code(services, code, lang)
    if status is None:
        raise NotFound
    headers = {"Cache-Control": "no-store", "Content-Language": lang}
    if _wants_json(request):
        return web.json_response(status.model_dump(), headers=headers)
    title = deletion_text("title", lang, controller=services.pack.pack.controller)
    context = {"status": status, "title": title, "code_label": deletion_text("code", lang)}
    page = aiohttp_jinja2.render_template("deletion_status.html", request, context)
    page.headers.update(headers)
    return page


def _language(request: web.Request, default: str) -> PageLanguage:
    """`?lang=`, else the browser's first of sl / en, else the pack's language if sl."""
    asked = request.query.get("lang", "")
    if asked not in PAGE_LANGUAGES:
        preferred = [
            part.split(";")[0].strip()[:2].lower()
            for part in request.headers.get("Accept-Language", "").split(",")
        ]
        asked = next((p for p in preferred if p in PAGE_LANGUAGES), default)
    return "sl" if asked == "sl" else "en"


def _wants_json(request: web.Request) -> bool:
    if request.query.get("format") == "json":
        return True
    accept = request.headers.get("Accept", "")
    return "application/json" in accept and "text/html" not in accept
