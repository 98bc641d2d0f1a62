"""`/policy`: the privacy policy the bot carries, as its controller published it."""

from __future__ import annotations

from aiohttp import web

from bot.errors import NotFound
from webhook.keys import SERVICES

routes = web.RouteTableDef()


@routes.get("/policy")
@routes.get("/policy/{page}")
async def policy(request: web.Request) -> web.Response:
    """`/policy/<page id>`: that Page's policy; `/policy`: the first Page's (or the one's)."""
    services = request.app[SERVICES].for_page(request.match_info.get("page", ""))
    if services is None:
        raise NotFound("no such Page")
    text = services.pack.policy_text()
    return web.Response(text=text, content_type="text/plain", charset="utf-8")
