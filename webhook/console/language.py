"""The language switch in the console's header: each staff user picks Slovene or English;
the pick is kept on their user record, so it follows them to every device and session."""

from __future__ import annotations

from aiohttp import web

from webhook.console.guard import require, see_other
from webhook.console.i18n import LANGUAGES, Refusal
from webhook.keys import SERVICES

routes = web.RouteTableDef()


def _back(raw: str) -> str:
    """Back to the page the switch was on; only a console page (no open redirect)."""
    if raw.startswith("/admin/") and not raw.startswith("/admin/api/") and "\\" not in raw:
        return raw
    return "/admin/"


@routes.post("/admin/language")
async def pick(request: web.Request) -> web.Response:
    form = await request.post()
    language = str(form.get("language", ""))
    if language not in LANGUAGES:
        raise Refusal("language")
    session = await require(request, "set console language", "admin", "marketing")
    await request.app[SERVICES].admins.set_language(session.token_hash, language)
    return see_other(_back(str(form.get("back", ""))))
