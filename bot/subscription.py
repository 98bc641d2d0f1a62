"""STOP and START: promotional messages off or on, confirmed in one line.

STOP stops promotional messages only: questions still get answers, and the controller may
still send non-promotional service messages (the policy reserves that)."""

from __future__ import annotations

import logging

from bot.answers import pack_lang
from bot.consent_flow import ask
from bot.dispatcher import Turn
from bot.replies import Reply
from bot.texts import text

log = logging.getLogger("privacybot.subscription")


async def stop_marketing(turn: Turn) -> list[Reply]:
    store = turn.services.store
    changed = await store.set_subscribed(turn.psid, False)
    if turn.user.get("mm:token"):
        await store.update(turn.psid, {"mm:status": "stopped"})
    log.info("stop user=%s changed=%s", turn.services.pseudonym(turn.psid), changed)
    return [Reply(text("stopped", pack_lang(turn.services.pack, turn.lang)))]


async def start_marketing(turn: Turn) -> list[Reply]:
    """START is an explicit opt-in only where marketing consent stands; otherwise it asks."""
    if turn.user.consent("marketing") != "granted":
        return [await ask(turn, "marketing")]
    store = turn.services.store
    changed = await store.set_subscribed(turn.psid, True)
    if turn.user.get("mm:status") == "stopped":
        await store.update(turn.psid, {"mm:status": "active"})
    log.info("start user=%s changed=%s", turn.services.pseudonym(turn.psid), changed)
    return [Reply(text("started", pack_lang(turn.services.pack, turn.lang)))]
