"""Meta's data-deletion callback and its status page.

The callback names an app-scoped id (ASID), not a PSID: a Messenger-only bot holds nothing
under it. We erase whatever it maps to (normally nothing), say so on the status page, and
keep the request open for the privacy staff. A replayed callback gets the same answer."""

from __future__ import annotations

import hashlib
import html
import json
import secrets
from typing import cast

from aiohttp import web

from bot.errors import BadRequest, NotFound
from bot.rights import requests
from bot.signed_request import parse_signed_request
from webhook.keys import SERVICES

routes = web.RouteTableDef()
_STATUS = {
    "sl": ("Stanje zahteve za izbris", "Koda potrditve", "Pod tem identifikatorjem Facebooka ne "
           "hranimo nobenih podatkov, zato ni bilo ničesar izbrisati. Zahteva je zabeležena; "
           "pooblaščena oseba za zasebnost jo bo pregledala."),
    "en": ("Status of your deletion request", "Confirmation code", "We hold no data under this "
           "Facebook identifier, so there was nothing to delete. The request is recorded and "
           "our privacy staff will review it."),
}  # fmt: skip


@routes.post("/meta/data-deletion")
async def data_deletion(request: web.Request) -> web.Response:
    services = request.app[SERVICES]
    form = await request.post()
    signed = str(form.get("signed_request", ""))
    data = parse_signed_request(signed, services.settings.app_secret)
    replay_key = services.keys.deletion("sig:" + hashlib.sha256(signed.encode()).hexdigest())
    code = cast(str | None, await services.redis.get(replay_key))
    if code is None:
        code = secrets.token_hex(10)
        record = await requests(services).open(
            "deletion_callback", channel="meta_callback",
            psid_hash=services.pseudonym("asid:" + str(data["user_id"])),
            outcome="nothing held under this app-scoped id",
        )  # fmt: skip
        await services.redis.set(services.keys.deletion(code), record.id)
        await services.redis.set(replay_key, code)
        await services.audit.record("meta", "callback", "data deletion request", record.id)
    url = f"{services.settings.public_url.rstrip('/')}/meta/deletion-status?code={code}"
    return web.json_response({"url": url, "confirmation_code": code})


@routes.get("/meta/deletion-status")
async def deletion_status(request: web.Request) -> web.Response:
    services = request.app[SERVICES]
    code = request.query.get("code", "")
    if not code.isalnum():
        raise BadRequest("the code is the one Facebook showed you")
    request_id = cast(str | None, await services.redis.get(services.keys.deletion(code)))
    if request_id is None:
        raise NotFound
    record = await requests(services).get(request_id)
    lang = "sl" if request.query.get("lang", services.pack.default_language) == "sl" else "en"
    title, code_label, body = _STATUS[lang]
    state = json.dumps({"status": record.status, "received": record.received})
    page = (f"<!doctype html><html lang={lang}><meta charset=utf-8><title>{title}</title>"
            f"<h1>{title}</h1><p>{code_label}: <code>{html.escape(code)}</code></p>"
            f"<p>{body}</p><pre>{html.escape(state)}</pre>"
            f"<p><a href='?code={code}&lang=sl'>Slovenščina</a> · "
            f"<a href='?code={code}&lang=en'>English</a></p></html>")  # fmt: skip
    return web.Response(text=page, content_type="text/html")
