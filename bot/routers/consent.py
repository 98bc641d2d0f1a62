"""Consent: answers to the open question (taps or a typed yes/no), withdrawal, and the gate
that starts the conversation for someone who has not decided yet."""

from __future__ import annotations

from bot.answers import answer, pack_lang, understand_turn
from bot.consent.flow import (
    ask,
    decide,
    explain,
    intro,
    next_purpose,
    record_decision,
    typed_answer,
)
from bot.consent.receipts import PURPOSES, Decision, Purpose
from bot.pipeline.dispatcher import SKIP, Outcome, Turn
from bot.pipeline.flows import ConsentFlow
from bot.pipeline.replies import CONSENT, WITHDRAW, QuickReply, Reply
from bot.rights.operations import record_request
from bot.texts import text
from bot.texts.words import only_acknowledges
from intents.matcher import IntentMatch

_DECISIONS = {"yes": "granted", "no": "refused"}


async def consent_answers(turn: Turn) -> Outcome:
    """Position 3 of the dispatcher: the person's open flow and consent buttons."""
    payload: str = turn.payload or ""
    if payload.startswith(CONSENT):
        purpose, _, choice = payload.removeprefix(CONSENT).partition(":")
        return await _answer(turn, purpose, choice)
    if payload.startswith(WITHDRAW):
        return await withdraw(turn, payload.removeprefix(WITHDRAW))
    flow = turn.flow
    if isinstance(flow, ConsentFlow) and payload == "":
        return await _typed(turn, flow)
    return SKIP


async def _typed(turn: Turn, flow: ConsentFlow) -> Outcome:
    """A typed answer to the open consent question, or SKIP when it is none."""
    if only_acknowledges(turn.event.text):
        # "ok", "ok hvala": a nod to what was said before, not an unambiguous consent.
        lang = pack_lang(turn.services.pack, turn.lang)
        clearly = text("confirm_clearly", lang, yes=text("yes", lang), no=text("no", lang))
        return [Reply(clearly), await ask(turn, flow.purpose)]
    typed = typed_answer(turn.event.text)
    if typed is None:
        return SKIP  # answered as anything else; the question is then put again
    if flow.question is None and typed == "yes":
        # The question is no longer the last thing the person saw: a "ja" may answer
        # whatever came after it. Consent needs an unambiguous answer: ask again. A "no"
        # decides at once: refusing is what nothing would do anyway, and asking again
        # made people say no twice.
        return [await ask(turn, flow.purpose)]
    return await _answer(turn, flow.purpose, typed)


async def _answer(turn: Turn, purpose: str, choice: str) -> Outcome:
    if purpose not in PURPOSES:  # a forged or outdated payload
        return SKIP
    chosen: Purpose = "profile" if purpose == "profile" else "marketing"
    if choice == "more":
        return await explain(turn, chosen)
    if choice in _DECISIONS:
        # A tapped quick reply belongs to the question it came with, the open one.
        flow = turn.flow
        question = (
            flow.question if isinstance(flow, ConsentFlow) and flow.purpose == chosen else None
        )
        decision: Decision = "granted" if choice == "yes" else "refused"
        return await decide(turn, chosen, decision, question=question)
    return SKIP


async def consent_gate(turn: Turn) -> Outcome:
    """Position 5: the first contact (greeting, then the question) and a policy change
    that asks again; a question asked on the way is answered first. Later turns with a
    decision still open are answered as usual and end with the open question
    (bot.routers.open_question)."""
    if turn.event.kind not in ("message", "postback") or turn.flow is not None:
        return SKIP
    services = turn.services
    purpose = next_purpose(turn.user, services.pack.pack.rights_version)
    if purpose is None:
        return SKIP
    changed = turn.user.consent(purpose) is not None
    if not changed and turn.user.get("greeted"):
        return SKIP
    # Understood first: the language a first "yo" is read in is the whole reply's.
    answered, turn = _answer_question(turn)
    if changed:
        await services.consents.leave_audience(turn.psid)
        opening = Reply(text("policy_changed", pack_lang(services.pack, turn.lang)))
    else:
        opening = await intro(turn)
    return [opening, *answered, await ask(turn, purpose)]


def _answer_question(turn: Turn) -> tuple[list[Reply], Turn]:
    """A policy question asked before consent still gets its answer (and the question is
    then put in the language the person wrote in)."""
    if not turn.event.text.strip():
        return [], turn
    result, turn = understand_turn(turn)
    if isinstance(result, IntentMatch) and result.intent not in ("greeting", "help"):
        return answer(turn.services.pack, result.intent, turn.lang), turn
    return [], turn


async def withdraw(turn: Turn, which: str = "") -> list[Reply]:
    """Withdraw the purpose named by a tap; otherwise offer every change the person can make
    (withdraw what is granted, give what is not): "consent" typed alone may mean either."""
    lang = pack_lang(turn.services.pack, turn.lang)
    granted = [p for p in PURPOSES if turn.user.consent(p) == "granted"]
    chosen = granted if which == "all" else [p for p in granted if p == which]
    if chosen:
        return await _withdraw(turn, chosen, lang)
    others = [p for p in PURPOSES if p not in granted]
    allow = [QuickReply(text(f"allow_{p}", lang), f"{CONSENT}{p}:yes") for p in others]
    if not granted:
        await record_request(turn.services, turn.psid, "withdraw", outcome="nothing granted")
        return [Reply(text("nothing_to_withdraw", lang), tuple(allow))]
    options = [QuickReply(text(f"withdraw_{p}", lang), WITHDRAW + p) for p in granted]
    if len(granted) > 1:
        options.append(QuickReply(text("purpose_all", lang), WITHDRAW + "all"))
    return [Reply(text("consent_change", lang), (*options, *allow))]


async def _withdraw(turn: Turn, chosen: list[Purpose], lang: str) -> list[Reply]:
    replies: list[Reply] = []
    for purpose in chosen:
        # Each receipt is written knowing the one before (whether anything stays granted).
        turn = await record_decision(turn, purpose, "withdrawn")
        replies.append(Reply(text(f"withdrawn_{purpose}", lang)))
    # One request, closed at once; the receipts hold the evidence of each purpose.
    await record_request(
        turn.services, turn.psid, "withdraw", outcome=f"{', '.join(chosen)} withdrawn"
    )
    return replies
