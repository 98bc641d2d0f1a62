"""A staff member types the one-time code from the console: their chat is linked to their
console user, so that "send a test to me" reaches them (and only them)."""

from __future__ import annotations

from bot.answers import pack_lang
from bot.pipeline.dispatcher import SKIP, Outcome, Turn
from bot.pipeline.replies import Reply
from bot.staff.links import code_in, redeem_code
from bot.texts import text


async def staff_link(turn: Turn) -> Outcome:
    event = turn.event
    message = event.message
    if event.kind != "message" or event.standby or message is None or message.quick_reply:
        return SKIP
    code = code_in(event.text)
    if code is None or not turn.psid:
        return SKIP
    services = turn.services
    name = await redeem_code(services, code)
    role = await services.admins.link_psid(name, turn.psid) if name else None
    if name is None or role is None:
        return SKIP  # unknown, used or expired: an ordinary message
    await services.audit.record(
        name, role, "link own Messenger chat", services.pseudonym(turn.psid)
    )
    return [Reply(text("staff_linked", pack_lang(services.pack, turn.lang)))]
