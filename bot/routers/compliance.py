"""STOP / START in every pack language, before any flow: a bare keyword acts at once."""

from __future__ import annotations

from bot.consent.subscription import start_marketing, stop_marketing
from bot.pipeline.dispatcher import SKIP, Outcome, Turn
from intents.compliance import compliance_keyword


async def compliance(turn: Turn) -> Outcome:
    message = turn.event.message
    if turn.event.kind != "message" or message is None or message.quick_reply is not None:
        return SKIP  # an echo is the Page's (or its staff's) own words, not the person's
    if not message.text:
        return SKIP
    keyword = compliance_keyword(message.text)
    quiet = turn.breach or turn.event.standby
    if keyword is None or (quiet and keyword != "unsubscribe"):
        return SKIP  # in breach mode or standby only STOP acts: it processes only the opt-out
    if keyword == "resubscribe":
        return await start_marketing(turn)
    replies = await stop_marketing(turn)
    # In standby another app (a human agent) owns the thread: honour STOP, answer nothing.
    return [] if turn.event.standby else replies
