"""`POST /admin/api/users/{psid}/handover`: the console's "Take over" for API users. The
thread goes to the Page Inbox, where staff answer the person themselves."""

from __future__ import annotations

from aiohttp import web

from bot.errors import NotFound
from bot.handover.thread import hand_to_inbox, held, person_lang
from bot.staff.directory import is_listed
from webhook.admin_api import authorise
from webhook.keys import SERVICES

routes = web.RouteTableDef()


@routes.post("/admin/api/users/{psid}/handover")
async def take_over(request: web.Request) -> web.Response:
    """`passed` is False when Meta refused (the person is then told no one could be reached)."""
    services = request.app[SERVICES]
    psid = request.match_info["psid"]
    await authorise(request, "take over the conversation", "admin", record=services.pseudonym(psid))
    if not await is_listed(services, psid):
        raise NotFound
    passed = await hand_to_inbox(services, psid, await person_lang(services, psid), by="staff")
    thread = "inbox" if await held(services, psid) is not None else "bot"
    return web.json_response({"passed": passed, "thread": thread})
