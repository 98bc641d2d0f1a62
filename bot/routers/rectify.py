"""Correcting one's data in the chat: which field, the new value, a yes to it.

A whole correction typed in one sentence ("moj priimek je Kovač") goes straight to the
confirmation; a field named alone ("popravi mi ime") straight to its value's question. The
value waits sealed in the flow (it is typed personal data) until the yes."""

from __future__ import annotations

from bot.answers import pack_lang
from bot.consent.flow import typed_answer
from bot.pipeline.dispatcher import SKIP, Outcome, Turn
from bot.pipeline.flows import Flow, RectifyConfirm, RectifyField, RectifyValue
from bot.pipeline.replies import RECTIFY, QuickReply, Reply
from bot.rights.operations import record_request
from bot.rights.rectify import EDITABLE, Invalid, shown_value, timezone_fields, validate
from bot.rights.sentence import correction, named_fields, names_unkept, typed_value
from bot.routers.safety_net import offer_pass
from bot.texts import LANGUAGE_NAMES, text

_SEAL = "flow-value"


def _lang(turn: Turn) -> str:
    return pack_lang(turn.services.pack, turn.lang)


async def rectify(turn: Turn) -> list[Reply]:
    """Straight to the value of the one field named ("change my surname, I got married");
    a detail the chat does not keep goes to the staff; else "what would you like to correct?"."""
    text_typed = turn.event.text or ""
    named = named_fields(text_typed)
    if len(named) == 1:
        return await ask_value(turn, named.pop())
    if not named and names_unkept(text_typed):
        return [await offer_pass(turn, Reply(text("rectify_unkept", _lang(turn))))]
    await turn.services.store.set_flow(turn.psid, RectifyField())
    return [question(turn, RectifyField())]


def question(turn: Turn, flow: RectifyField | RectifyValue | RectifyConfirm) -> Reply:
    """The open rectify question, with its quick replies (also to put it again)."""
    lang = _lang(turn)
    if isinstance(flow, RectifyField):
        fields = tuple(QuickReply(text(f"field_{f}", lang), RECTIFY + f) for f in EDITABLE)
        return Reply(text("rectify_which", lang), fields, asks=True)
    label = text(f"field_{flow.field}", lang)
    if isinstance(flow, RectifyValue):
        names = ((LANGUAGE_NAMES.get(code, code), code) for code in turn.services.pack.languages)
        options = tuple(QuickReply(title, code) for title, code in names)
        chosen = options if flow.field == "language" else ()
        return Reply(text("rectify_ask", lang, field=label), chosen, asks=True)
    value = turn.services.store.cipher.decrypt(flow.value, _SEAL)
    shown = _shown(flow.field, value)
    buttons = (
        QuickReply(text("yes", lang), RECTIFY + "yes"),
        QuickReply(text("no", lang), RECTIFY + "no"),
    )
    return Reply(text("rectify_confirm", lang, field=label, value=shown), buttons, asks=True)


def _shown(field: str, value: str) -> str:
    if field == "language":
        return LANGUAGE_NAMES.get(value, value)
    return shown_value(field, value)


async def in_one_sentence(turn: Turn) -> Outcome:
    """ "moj priimek je Kovač": the confirmation of that field and value at once."""
    found = correction(turn.event.text)
    if found is None:
        return SKIP
    if found.value is None:
        return await ask_value(turn, found.field)
    return await propose(turn, found.field, found.value)


async def ask_value(turn: Turn, field: str) -> list[Reply]:
    flow = RectifyValue(field=field)
    await turn.services.store.set_flow(turn.psid, flow)
    return [question(turn, flow)]


async def propose(turn: Turn, field: str, raw: str) -> list[Reply]:
    """The typed value checked; valid: sealed in the flow and put to a yes / no."""
    lang = _lang(turn)
    try:
        value = validate(field, raw, turn.services.pack.languages)
    except Invalid as problem:
        await turn.services.store.set_flow(turn.psid, RectifyValue(field=field))
        why = text(problem.key, lang, **problem.values)
        return [Reply(text("rectify_invalid", lang, why=why), asks=True)]
    flow = RectifyConfirm(field=field, value=turn.services.store.cipher.encrypt(value, _SEAL))
    await turn.services.store.set_flow(turn.psid, flow)
    return [question(turn, flow)]


async def step(turn: Turn, flow: Flow | None, tapped: str) -> Outcome:
    """A tapped field, the typed new value, or the yes / no to it (`tapped`: what was
    tapped or typed as the answer, "" for a new value)."""
    if tapped in EDITABLE:
        return await ask_value(turn, tapped)
    if isinstance(flow, RectifyConfirm) and tapped in ("yes", "no"):
        return await _apply(turn, flow.field, flow.value if tapped == "yes" else "")
    if not isinstance(flow, RectifyValue) or flow.field not in EDITABLE:
        return SKIP
    if turn.payload:
        return await propose(turn, flow.field, turn.payload)
    return await _typed_value(turn, flow.field)


async def _typed_value(turn: Turn, field: str) -> Outcome:
    """The new value as typed: a bare no drops the correction; a question or a sentence is
    answered as such ("kdaj je odprt hervis?"), and the value asked again."""
    if typed_answer(turn.event.text) == "no":
        return await _apply(turn, field, "")
    value = typed_value(turn.event.text)
    return SKIP if value is None else await propose(turn, field, value)


async def _apply(turn: Turn, field: str, sealed: str) -> list[Reply]:
    store, lang = turn.services.store, _lang(turn)
    await store.clear_flow(turn.psid)
    if not sealed:
        return [Reply(text("rectify_kept", lang))]
    value = store.cipher.decrypt(sealed, _SEAL)
    if field == "language":
        await store.update(turn.psid, {"language": value, "language_source": "choice"})
        lang = value  # the confirmation already speaks the chosen language
    elif field == "timezone":
        await store.update(turn.psid, {**timezone_fields(value), "source:timezone": "person"})
    else:
        await store.update(turn.psid, {f"profile:{field}": value, f"source:{field}": "person"})
    await record_request(turn.services, turn.psid, "rectify", outcome=f"{field} corrected")
    label = text(f"field_{field}", lang)
    return [Reply(text("rectified", lang, field=label, value=_shown(field, value)))]
