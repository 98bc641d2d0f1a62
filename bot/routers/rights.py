"""The rights flows in the chat: access, export, rectify, erase (object / restrict:
bot/routers/objection.py).

Started from an intent, the persistent menu or a quick reply; a flow that needs a second
step (erase: confirm; rectify: field, value, confirm) keeps its state in the person's flow
key until it ends or expires."""

from __future__ import annotations

from bot.answers import answer, pack_lang
from bot.consent.flow import typed_answer
from bot.pipeline.dispatcher import SKIP, Outcome, Skip, Turn
from bot.pipeline.flows import (
    EraseFlow,
    Flow,
    ObjectFlow,
    PassStaffFlow,
    RectifyConfirm,
    RectifyValue,
)
from bot.pipeline.replies import (
    ASK,
    ERASE,
    INTENT,
    OBJECT,
    RECTIFY,
    RESTRICT,
    TO_STAFF,
    QuickReply,
    Reply,
)
from bot.rights.access import access_summary
from bot.rights.operations import erase_person, export_link, record_request, set_restricted
from bot.rights.sentence import erases_a_part, names_records_elsewhere
from bot.routers import rectify as rectifying
from bot.routers.objection import objection_answer, objection_question
from bot.routers.safety_net import (
    offer_pass,
    opened_words,
    pass_to_staff,
    sealed_words,
    to_staff,
)
from bot.texts import text
from bot.texts.dates import human_date
from bot.texts.words import only_nods
from intents.emoji import emoji_intent
from intents.normalize import fold

ELSEWHERE = "erasure of records held outside the chat, in the person's own words"


def _lang(turn: Turn) -> str:
    return pack_lang(turn.services.pack, turn.lang)


def _yes_no(turn: Turn, prefix: str, yes: str = "yes", no: str = "no") -> tuple[QuickReply, ...]:
    lang = _lang(turn)
    return (QuickReply(text(yes, lang), prefix + "yes"), QuickReply(text(no, lang), prefix + "no"))


async def access(turn: Turn) -> list[Reply]:
    await record_request(turn.services, turn.psid, "access", outcome="summary sent")
    return await access_summary(turn.services, turn.user, turn.lang)


async def export(turn: Turn) -> list[Reply]:
    url = await export_link(turn.services, turn.psid)
    await record_request(turn.services, turn.psid, "export", outcome="single-use link sent")
    return [Reply(text("export_ready", _lang(turn), url=url or ""))]


async def erase(turn: Turn) -> list[Reply]:
    """ "Delete everything?"; one detail named alone goes to the staff, with "Delete
    everything" beside the offer."""
    if erases_a_part(turn.event.text or ""):
        everything = QuickReply(text("erase_all", _lang(turn)), INTENT + "erase")
        asked = Reply(text("erase_part", _lang(turn)), (everything,))
        return [await offer_pass(turn, asked, kind="erase")]
    said = turn.event.text or ""
    words = sealed_words(turn) if names_records_elsewhere(said) else ""
    await turn.services.store.set_flow(turn.psid, EraseFlow(words=words))
    note = answer(turn.services.pack, "erase", turn.lang)
    return [*(Reply(r.text) for r in note), erase_question(turn)]


def erase_question(turn: Turn) -> Reply:
    """ "Delete everything?" with its buttons (also to put it again)."""
    buttons = _yes_no(turn, ERASE, yes="erase_yes", no="erase_no")
    return Reply(text("erase_confirm", _lang(turn)), buttons, asks=True)


async def rights_flows(turn: Turn) -> Outcome:
    """Position 3 (with consent): taps of rights buttons, a correction typed in one
    sentence, and the next step of an open flow."""
    payload = turn.payload or ""
    if payload:
        return await _tapped(turn, payload)
    if turn.event.text:
        sentence = await rectifying.in_one_sentence(turn)
        if not isinstance(sentence, Skip):
            return sentence
    if isinstance(turn.flow, PassStaffFlow):
        return await _typed_pass(turn, turn.flow)
    return SKIP if turn.flow is None else await _typed_step(turn, turn.flow)


async def _typed_pass(turn: Turn, flow: PassStaffFlow) -> Outcome:
    """ "da" to "Pass it to the staff?" while it is the last thing said: the tap."""
    if flow.question and typed_answer(turn.event.text) == "yes":
        return await pass_to_staff(turn)
    return SKIP


async def _tapped(turn: Turn, payload: str) -> Outcome:
    if payload.startswith(ERASE):
        return await _erase_answer(turn, payload.removeprefix(ERASE))
    if payload.startswith(OBJECT):
        return await objection_answer(turn, payload.removeprefix(OBJECT))
    if payload == TO_STAFF or payload.startswith(ASK):
        return await to_staff(turn, payload)
    if payload.startswith(RESTRICT):
        await set_restricted(turn.services, turn.psid, False)
        await record_request(turn.services, turn.psid, "lift_restriction")
        return [Reply(text("restriction_lifted", _lang(turn)))]
    if payload.startswith(RECTIFY):
        return await rectifying.step(turn, turn.flow, payload.removeprefix(RECTIFY))
    return SKIP


async def _typed_step(turn: Turn, flow: Flow) -> Outcome:
    """Typed input while a rights flow waits: a yes / no, or the new value. Anything but a
    yes or no to a correction is answered as usual, and the question put again (to an
    erasure: answered, and the erasure not asked again); a yes or
    no counts only while the question is the last thing the bot said (a stray "ok" much
    later must not confirm an erasure or a change the person has moved on from)."""
    if isinstance(flow, RectifyValue):
        return await rectifying.step(turn, flow, "")
    if not isinstance(flow, EraseFlow | ObjectFlow | RectifyConfirm):
        return SKIP
    titled = _button_typed(turn, flow)
    if titled is None and isinstance(flow, EraseFlow | ObjectFlow) and _nodded(turn):
        # "ok", 👍 or a sticker cannot undo an erasure: only a clear yes (or the button)
        # decides, and the question stays (dropped, the next "yes" went to another one).
        return [Reply(_confirm_clearly(turn, flow)), _question_again(turn, flow)]
    typed = titled or typed_answer(turn.event.text)
    if typed is None:
        if isinstance(flow, EraseFlow | ObjectFlow):
            # Erasure cannot be undone, and an objection restricts at once: a person who
            # moves on leaves the question behind, and asks again if they still want to.
            await turn.services.store.clear_flow(turn.psid)
        return SKIP
    if flow.question is None:  # not the last thing said: put it again, decide nothing
        return [_question_again(turn, flow)]
    return await _decide(turn, flow, typed)


def _nodded(turn: Turn) -> bool:
    """A nod ("ok", "sure", a texted "k") or no words at all (👍, 🙂, the like sticker, "?")."""
    said = turn.event.text
    no_words = not any(char.isalnum() for char in said)
    return only_nods(said) or no_words or emoji_intent(said) is not None


def _button_typed(turn: Turn, flow: Flow) -> str | None:
    """ "Da, izbriši" typed as the button reads (or "da izbrisi"): that button's answer."""
    if not isinstance(flow, EraseFlow):
        return None
    lang, typed = _lang(turn), fold(turn.event.text)
    titles = {"yes": text("erase_yes", lang), "no": text("erase_no", lang)}
    return next((choice for choice, title in titles.items() if fold(title) == typed), None)


async def _decide(turn: Turn, flow: EraseFlow | ObjectFlow | RectifyConfirm, typed: str) -> Outcome:
    """A current question answered yes or no."""
    if isinstance(flow, EraseFlow):
        return await _erase_answer(turn, typed)
    if isinstance(flow, ObjectFlow):
        return await objection_answer(turn, typed)
    return await rectifying.step(turn, flow, typed)


def _confirm_clearly(turn: Turn, flow: EraseFlow | ObjectFlow) -> str:
    """What to tap, named as the buttons under the question are."""
    lang = _lang(turn)
    yes, no = ("erase_yes", "erase_no") if isinstance(flow, EraseFlow) else ("yes", "no")
    return text("confirm_clearly", lang, yes=text(yes, lang), no=text(no, lang))


def _question_again(turn: Turn, flow: EraseFlow | ObjectFlow | RectifyConfirm) -> Reply:
    if isinstance(flow, RectifyConfirm):
        return rectifying.question(turn, flow)
    if isinstance(flow, ObjectFlow):
        return objection_question(turn, flow.purpose)
    return erase_question(turn)


async def _erase_answer(turn: Turn, choice: str) -> list[Reply]:
    await turn.services.store.clear_flow(turn.psid)
    if choice != "yes":
        return [Reply(text("kept", _lang(turn)))]
    lang = _lang(turn)
    sealed = turn.flow.words if isinstance(turn.flow, EraseFlow) else ""
    words = opened_words(turn, sealed) if sealed else ""  # read before the key is gone
    # The worker holds this person's lock while it handles their event: erase under it.
    await erase_person(turn.services, turn.psid, actor="person", role="person", locked=True)
    if not words:
        return [Reply(text("erased", lang))]
    # The part the chat cannot delete is a request of its own, made after the erasure so
    # that it survives it; its words are the person's.
    record = await record_request(
        turn.services, turn.psid, "erase", done=False, outcome=ELSEWHERE, text=words
    )
    return [Reply(text("erased_elsewhere", lang, due=human_date(record.due, lang)))]
