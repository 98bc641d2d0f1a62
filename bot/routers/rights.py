"""The rights flows in the chat: access, export, rectify, erase (object / restrict:
bot/routers/objection.py).

Started from an intent, the persistent menu or a quick reply; a flow that needs a second
step (erase: confirm; rectify: field, value, confirm) keeps its state in the person's flow
key until it ends or expires."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from bot.answers import answer, pack_lang
from bot.consent.flow import typed_answer
from bot.pipeline.dispatcher import SKIP, Outcome, Turn
from bot.pipeline.flows import (
    EraseFlow,
    Flow,
    ObjectFlow,
    RectifyConfirm,
    RectifyField,
    RectifyValue,
)
from bot.pipeline.replies import ASK, ERASE, OBJECT, RECTIFY, RESTRICT, TO_STAFF, QuickReply, Reply
from bot.rights.access import access_summary
from bot.rights.operations import erase_person, export_link, record_request, set_restricted
from bot.rights.rectify import EDITABLE, Invalid, validate
from bot.routers.objection import objection_answer
from bot.routers.safety_net import pass_to_staff
from bot.texts import LANGUAGE_NAMES, text

_SEAL = "flow-value"


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
    await turn.services.store.set_flow(turn.psid, EraseFlow())
    note = answer(turn.services.pack, "erase", turn.lang)
    buttons = _yes_no(turn, ERASE, yes="erase_yes", no="erase_no")
    confirm = Reply(text("erase_confirm", _lang(turn)), buttons)
    return [*(Reply(r.text) for r in note), confirm]


async def rectify(turn: Turn) -> list[Reply]:
    await turn.services.store.set_flow(turn.psid, RectifyField())
    lang = _lang(turn)
    fields = tuple(QuickReply(text(f"field_{f}", lang), RECTIFY + f) for f in EDITABLE)
    return [Reply(text("rectify_which", lang), fields)]


async def rights_flows(turn: Turn) -> Outcome:
    """Position 3 (with consent): taps of rights buttons and the next step of an open flow."""
    payload = turn.payload or ""
    for prefix, confirmed in _CONFIRMATIONS.items():
        if payload.startswith(prefix):
            return await confirmed(turn, payload.removeprefix(prefix))
    if payload == TO_STAFF or payload.startswith(ASK):
        return await _to_staff(turn, payload)
    if payload.startswith(RESTRICT):
        await set_restricted(turn.services, turn.psid, False)
        await record_request(turn.services, turn.psid, "lift_restriction")
        return [Reply(text("restriction_lifted", _lang(turn)))]
    flow = turn.flow
    if payload.startswith(RECTIFY):
        return await _rectify_step(turn, flow, payload.removeprefix(RECTIFY))
    if flow is not None and not payload:
        return await _typed_step(turn, flow)
    return SKIP


async def _to_staff(turn: Turn, payload: str) -> Outcome:
    """A question for the privacy staff: in the person's words (the safety net), or about a
    topic where the policy is silent."""
    if payload == TO_STAFF:
        return await pass_to_staff(turn)
    topic = payload.removeprefix(ASK)
    if topic not in turn.services.pack.intents:
        return SKIP
    record = await record_request(
        turn.services, turn.psid, "question", done=False, outcome=f"question about {topic}"
    )
    return [Reply(text("question_recorded", _lang(turn), due=record.due[:10]))]


async def _typed_step(turn: Turn, flow: Flow) -> Outcome:
    """Typed input while a rights flow waits: a yes / no, or the new value."""
    typed = typed_answer(turn.event.text)
    confirming = isinstance(flow, EraseFlow | ObjectFlow | RectifyConfirm)
    if confirming and typed is None:
        # Anything but a yes or no abandons the question: a stray "ok" much later must not
        # confirm an erasure or a change the person has moved on from.
        await turn.services.store.clear_flow(turn.psid)
        return SKIP
    if isinstance(flow, EraseFlow):
        return await _erase_answer(turn, typed or "no")
    if isinstance(flow, ObjectFlow):
        return await objection_answer(turn, typed or "no")
    if isinstance(flow, RectifyField | RectifyValue | RectifyConfirm):
        return await _rectify_step(turn, flow, (typed or "") if confirming else "")
    return SKIP


async def _erase_answer(turn: Turn, choice: str) -> list[Reply]:
    await turn.services.store.clear_flow(turn.psid)
    if choice != "yes":
        return [Reply(text("kept", _lang(turn)))]
    lang = _lang(turn)
    # The worker holds this person's lock while it handles their event: erase under it.
    await erase_person(turn.services, turn.psid, actor="person", role="person", locked=True)
    return [Reply(text("erased", lang))]


async def _rectify_step(turn: Turn, flow: Flow | None, tapped: str) -> Outcome:
    """A tapped field, the typed new value, or the yes / no to it (`tapped`: what was
    tapped or typed as the answer, "" for a new value)."""
    store, lang = turn.services.store, _lang(turn)
    if tapped in EDITABLE:
        await store.set_flow(turn.psid, RectifyValue(field=tapped))
        names = ((LANGUAGE_NAMES.get(code, code), code) for code in turn.services.pack.languages)
        options = tuple(QuickReply(title, code) for title, code in names)
        return [
            Reply(
                text("rectify_ask", lang, field=text(f"field_{tapped}", lang)),
                options if tapped == "language" else (),
            )
        ]
    if isinstance(flow, RectifyConfirm) and tapped in ("yes", "no"):
        return await _rectify_apply(turn, flow.field, flow.value if tapped == "yes" else "")
    if not isinstance(flow, RectifyValue) or flow.field not in EDITABLE:
        return SKIP
    field = flow.field
    raw = turn.payload or turn.event.text
    try:
        value = validate(field, raw, turn.services.pack.languages)
    except Invalid as problem:
        why = text(problem.key, lang, **problem.values)
        return [Reply(text("rectify_invalid", lang, why=why))]
    sealed = store.cipher.encrypt(value, _SEAL)
    await store.set_flow(turn.psid, RectifyConfirm(field=field, value=sealed))
    label = text(f"field_{field}", lang)
    return [Reply(text("rectify_confirm", lang, field=label, value=value), _yes_no(turn, RECTIFY))]


async def _rectify_apply(turn: Turn, field: str, sealed: str) -> list[Reply]:
    store, lang = turn.services.store, _lang(turn)
    await store.clear_flow(turn.psid)
    if not sealed:
        return [Reply(text("kept", lang))]
    value = store.cipher.decrypt(sealed, _SEAL)
    if field == "language":
        await store.update(turn.psid, {"language": value, "language_source": "choice"})
        lang = value  # the confirmation already speaks the chosen language
    else:
        await store.update(turn.psid, {f"profile:{field}": value, f"source:{field}": "person"})
    await record_request(turn.services, turn.psid, "rectify", outcome=f"{field} corrected")
    label = text(f"field_{field}", lang)
    return [Reply(text("rectified", lang, field=label, value=value))]


# The yes / no quick replies of the questions asked before acting, by payload prefix.
_CONFIRMATIONS: dict[str, Callable[[Turn, str], Awaitable[list[Reply]]]] = {
    ERASE: _erase_answer,
    OBJECT: objection_answer,
}
