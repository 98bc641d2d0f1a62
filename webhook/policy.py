"""`/policy`: the privacy policy the bot carries, as its controller published it."""

from __future__ import annotations

from aiohttp import web

from webhook.keys import SERVICES

routes = web.RouteTableDef()


@routes.get("/policy")
async def policy(request: web.Request) -> web.Response:
    pack = request.app[SERVICES].pack
    return web.Response(text=pack.policy_text(), content_type="text/plain", charset="utf-8")
