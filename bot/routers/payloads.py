"""Postbacks (Get Started, persistent menu) and quick-reply payloads of our own."""

from __future__ import annotations

from dataclasses import replace

from bot.answers import menu
from bot.consent.flow import ask, next_purpose
from bot.pipeline.dispatcher import SKIP, Outcome, Turn
from bot.pipeline.flows import ConsentFlow
from bot.pipeline.replies import GET_STARTED, INTENT, LANG, MENU, Reply
from bot.routers.actions import KEEP_SUBSCRIPTION, respond_to_intent
from bot.texts import text


async def payloads(turn: Turn) -> Outcome:
    payload = turn.payload
    if payload is None:
        return SKIP
    pack = turn.services.pack
    if payload == GET_STARTED and next_purpose(turn.user, pack.pack.rights_version):
        return await _started_again(turn)
    if payload in (GET_STARTED, MENU, KEEP_SUBSCRIPTION):
        # KEEP_SUBSCRIPTION: "No" to "Stop promotional messages?" -- nothing changes.
        lead = "subscription_kept" if payload == KEEP_SUBSCRIPTION else "menu"
        return [menu(pack, turn.lang, lead=lead)]
    intent = payload.removeprefix(INTENT)
    if payload.startswith(INTENT) and intent in pack.intents:
        return await respond_to_intent(turn, intent)
    lang = payload.removeprefix(LANG)
    if payload.startswith(LANG) and lang in pack.languages:
        turn = replace(turn, lang=lang)
        await turn.services.store.update(turn.psid, {"language": lang, "language_source": "choice"})
        return [Reply(text("language_set", lang)), *await _resume(turn)]
    # A payload we no longer know (an old button): treat its text as typed input.
    return SKIP


async def _started_again(turn: Turn) -> Outcome:
    """Get Started with a consent question open: a new person is introduced by the consent
    gate; someone back (the thread deleted) gets a hello, and the question follows."""
    if not turn.user.get("greeted"):
        return SKIP
    return await respond_to_intent(turn, "greeting")


async def _resume(turn: Turn) -> list[Reply]:
    """After a language switch, repeat the open consent question in the new language."""
    if isinstance(turn.flow, ConsentFlow):
        return [await ask(turn, turn.flow.purpose)]
    return [menu(turn.services.pack, turn.lang)]
