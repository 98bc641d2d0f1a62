"""Staff's "Take over" on a person's page: the thread goes to the Page Inbox, where the
staff answer the person themselves (the bot stays silent until it comes back)."""

from __future__ import annotations

import urllib.parse

from aiohttp import web

from bot.errors import NotFound
from bot.handover.thread import hand_to_inbox, person_lang
from bot.staff.directory import is_listed
from webhook.console.guard import require, see_other
from webhook.keys import SERVICES

routes = web.RouteTableDef()


@routes.post("/admin/people/{psid}/handover")
async def take_over(request: web.Request) -> web.Response:
    services = request.app[SERVICES]
    psid = request.match_info["psid"]
    record = services.pseudonym(psid)
    await require(request, "take over the conversation", "admin", record=record)
    if not await is_listed(services, psid):
        raise NotFound
    passed = await hand_to_inbox(services, psid, await person_lang(services, psid), by="staff")
    outcome = "passed" if passed else "refused"
    return see_other(f"/admin/people/{urllib.parse.quote(psid, safe='')}?handover={outcome}")
