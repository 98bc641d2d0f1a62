"""`/export/{token}`: a person's data export, once, within 15 minutes of asking for it."""

from __future__ import annotations

import json

from aiohttp import web

from bot.errors import NotFound
from bot.rights.operations import take_export
from webhook.keys import SERVICES

routes = web.RouteTableDef()


@routes.get("/export/{token}")
async def download(request: web.Request) -> web.Response:
    document = await take_export(request.app[SERVICES], request.match_info["token"])
    if document is None:
        raise NotFound
    return web.Response(
        text=json.dumps(document, ensure_ascii=False, indent=2),
        content_type="application/json",
        headers={
            "Content-Disposition": 'attachment; filename="my-data.json"',
            "Cache-Control": "no-store",
        },
    )
