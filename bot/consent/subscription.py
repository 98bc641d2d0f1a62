"""STOP and START: promotional messages off or on, confirmed in one line.

STOP stops promotional messages only: questions still get answers, and the controller may
still send non-promotional service messages (the policy reserves that). Each is a rights
request, recorded and closed at once."""

from __future__ import annotations

import logging

from bot.answers import pack_lang
from bot.consent.flow import ask
from bot.pipeline.dispatcher import Turn
from bot.pipeline.replies import RESTRICT, QuickReply, Reply
from bot.rights.operations import record_request
from bot.texts import text

log = logging.getLogger("privacybot.subscription")


async def offers_off(turn: Turn) -> bool:
    """Promotional messages stop here and through Meta's Marketing Messages token; whether
    anything changed."""
    store = turn.services.store
    changed = await store.set_subscribed(turn.psid, False)
    if turn.user.get("mm:token"):
        await store.update(turn.psid, {"mm:status": "stopped"})
    return changed


async def stop_marketing(turn: Turn) -> list[Reply]:
    changed = await offers_off(turn)
    outcome = "unsubscribed" if changed else "already unsubscribed"
    await record_request(turn.services, turn.psid, "unsubscribe", outcome=outcome)
    log.info("stop user=%s changed=%s", turn.services.pseudonym(turn.psid), changed)
    return [Reply(text("stopped", pack_lang(turn.services.pack, turn.lang)))]


async def start_marketing(turn: Turn) -> list[Reply]:
    """START is an explicit opt-in only where marketing consent stands; otherwise it asks.
    While processing is restricted nothing is sent: the wish is kept for when it is lifted."""
    if turn.user.restricted:
        return await _start_restricted(turn)
    if turn.user.consent("marketing") != "granted":
        await record_request(
            turn.services, turn.psid, "resubscribe", outcome="marketing consent asked"
        )
        return [await ask(turn, "marketing")]
    changed = await _want_offers(turn)
    outcome = "resubscribed" if changed else "already subscribed"
    await record_request(turn.services, turn.psid, "resubscribe", outcome=outcome)
    log.info("start user=%s changed=%s", turn.services.pseudonym(turn.psid), changed)
    return [Reply(text("started", pack_lang(turn.services.pack, turn.lang)))]


async def _start_restricted(turn: Turn) -> list[Reply]:
    """Remember that offers are wanted (the store keeps a restricted person out of the
    audience, and broadcasts skip them) and say they wait for the restriction's end."""
    await _want_offers(turn)
    granted = turn.user.consent("marketing") == "granted"
    outcome = "kept until the restriction is lifted" if granted else "restricted, not asked"
    await record_request(turn.services, turn.psid, "resubscribe", outcome=outcome)
    lang = pack_lang(turn.services.pack, turn.lang)
    lift = (QuickReply(text("restriction_lift", lang), RESTRICT + "lift"),)
    return [Reply(text("start_restricted" if granted else "start_restricted_ask", lang), lift)]


async def _want_offers(turn: Turn) -> bool:
    """Subscribed again (True when that changed), the Marketing Messages token with it."""
    store = turn.services.store
    changed = await store.set_subscribed(turn.psid, True)
    if turn.user.get("mm:status") == "stopped":
        await store.update(turn.psid, {"mm:status": "active"})
    return changed
