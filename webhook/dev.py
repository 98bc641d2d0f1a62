"""Development only: what the bot sent through the built-in fake Graph, for `privacybot chat`."""

from __future__ import annotations

import re

from aiohttp import web

from bot.errors import BadRequest, NotFound
from webhook.keys import SERVICES

routes = web.RouteTableDef()


@routes.get("/dev/sent")
async def sent(request: web.Request) -> web.Response:
    """Messages sent to `psid`, from index `after` on (the chat client polls this)."""
    fake = request.app[SERVICES].fake_graph
    if fake is None:
        raise NotFound
    psid = request.query.get("psid", "")
    after_text = request.query.get("after", "0")
    after = int(after_text) if after_text.isdigit() else 0
    messages = fake.sent_to(psid)
    # Who holds the thread: the bot, or the Page Inbox (a person answers; the bot is silent).
    thread = "inbox" if fake.in_inbox(psid) else "bot"
    return web.json_response(
        {"next": len(messages), "messages": messages[after:], "thread": thread}
    )


@routes.post("/dev/profile")
async def profile(request: web.Request) -> web.Response:
    """Set what the fake Graph answers for one person's profile (`privacybot chat --locale`)."""
    fake = request.app[SERVICES].fake_graph
    if fake is None:
        raise NotFound
    psid, locale = request.query.get("psid", ""), request.query.get("locale", "")
    if not psid or not re.fullmatch(r"[a-z]{2}_[A-Z]{2}", locale):
        raise BadRequest("psid and a locale like sl_SI are required")
    fake.profiles[psid] = {
        "first_name": "Tester",
        "last_name": "Local",
        "locale": locale,
        "timezone": 1,
    }
    return web.json_response({"psid": psid, "locale": locale})
