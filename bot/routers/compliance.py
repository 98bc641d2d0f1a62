"""STOP / START in every pack language, before any flow: a bare keyword acts at once."""

from __future__ import annotations

from bot.dispatcher import SKIP, Outcome, Turn
from bot.subscription import start_marketing, stop_marketing
from intents.compliance import compliance_keyword


async def compliance(turn: Turn) -> Outcome:
    message = turn.event.message
    if message is None or message.quick_reply is not None or not message.text:
        return SKIP
    keyword = compliance_keyword(message.text)
    if keyword is None:
        return SKIP
    return await (stop_marketing(turn) if keyword == "unsubscribe" else start_marketing(turn))
