"""Objection / restriction of processing (GDPR Art. 18, 21) in the chat.

Restricting acts at once (it changes what the bot does with the person's data and opens a
request), so a sentence the matcher read as an objection is asked back first: "Shall I
restrict the use of your data for marketing? Yes / No". The matcher can be wrong, and
nothing is restricted or opened until a yes (tapped or typed). A tap of the intent itself
(menu, "did you mean") is already the person's choice and acts.
"""

from __future__ import annotations

from bot.answers import answer, pack_lang
from bot.consent.subscription import offers_off
from bot.pipeline.dispatcher import Turn
from bot.pipeline.flows import ObjectFlow
from bot.pipeline.replies import OBJECT, RESTRICT, QuickReply, Reply
from bot.rights.operations import record_request, set_restricted
from bot.routers.safety_net import opened_words, sealed_words
from bot.texts import text
from bot.texts.dates import human_date
from intents.action_guard import objection_purpose

MARKETING = "marketing"  # the purpose an objection to direct marketing names


async def object_processing(turn: Turn, words: str = "") -> list[Reply]:
    """Restrict processing and open an objection request (or offer to lift it), with the
    objection's own words when it was typed."""
    lang = pack_lang(turn.services.pack, turn.lang)
    if turn.user.restricted:
        lift = (QuickReply(text("restriction_lift", lang), RESTRICT + "lift"),)
        return [Reply(text("already_restricted", lang), lift)]
    await set_restricted(turn.services, turn.psid, True)
    record = await record_request(turn.services, turn.psid, "object", done=False, text=words)
    note = [Reply(r.text) for r in answer(turn.services.pack, "object_processing", turn.lang)]
    return [*note, Reply(text("restricted", lang, due=human_date(record.due, lang)))]


async def confirm_objection(turn: Turn) -> list[Reply]:
    """An objection typed in free words: ask before acting (see the module docstring)."""
    if turn.user.restricted:
        return await object_processing(turn)  # nothing to change: it offers the lift
    lang = pack_lang(turn.services.pack, turn.lang)
    purpose = objection_purpose(turn.event.text, lang)
    flow = ObjectFlow(purpose=purpose, words=sealed_words(turn))
    await turn.services.store.set_flow(turn.psid, flow)
    return [objection_question(turn, purpose)]


def objection_question(turn: Turn, purpose: str) -> Reply:
    """ "Shall I restrict the use of your data for …? Yes / No" (also to put it again)."""
    lang = pack_lang(turn.services.pack, turn.lang)
    buttons = (
        QuickReply(text("yes", lang), OBJECT + "yes"),
        QuickReply(text("no", lang), OBJECT + "no"),
    )
    if purpose == MARKETING:
        return Reply(text("confirm_object_marketing", lang), buttons, asks=True)
    named = text(f"object_purpose_{purpose or 'all'}", lang)
    return Reply(text("confirm_object", lang, purpose=named), buttons, asks=True)


async def objection_answer(turn: Turn, choice: str) -> list[Reply]:
    """The yes or no to that question: only a yes restricts."""
    await turn.services.store.clear_flow(turn.psid)
    if choice != "yes":
        return [Reply(text("object_kept", pack_lang(turn.services.pack, turn.lang)))]
    flow = turn.flow if isinstance(turn.flow, ObjectFlow) else None
    words = opened_words(turn, flow.words) if flow else ""
    if flow and flow.purpose == MARKETING:
        return await object_to_marketing(turn, words)
    return await object_processing(turn, words)


async def object_to_marketing(turn: Turn, words: str) -> list[Reply]:
    """An objection to direct marketing is followed at once, with no review (GDPR Art.
    21(3)): the offers stop and the objection is recorded as done; nothing else is
    restricted."""
    await offers_off(turn)
    outcome = "objection to direct marketing: marketing stopped at once (Art. 21(3))"
    await record_request(turn.services, turn.psid, "object", outcome=outcome, text=words)
    return [Reply(text("objected_marketing", pack_lang(turn.services.pack, turn.lang)))]
