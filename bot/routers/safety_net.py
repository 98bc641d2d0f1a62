"""The safety net: a message the bot did not understand that speaks of personal data,
consent, GDPR or a right is never a dead end.

Under GDPR Art. 12 a request made in the chat is a request, whether or not the bot
recognised it. So the reply offers "Pass to the staff": the person's words wait, sealed, in
their flow (never in the quick-reply payload, which Messenger echoes and logs), and the tap
records a `question` request carrying them, with the one-month clock.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Literal

from bot.answers import menu, pack_lang
from bot.pipeline.dispatcher import SKIP, Outcome, Turn
from bot.pipeline.flows import PassStaffFlow
from bot.pipeline.replies import ASK, HUMAN, TO_STAFF, QuickReply, Reply
from bot.rights.dsar import OPEN_STATES, DsarRecord
from bot.rights.operations import record_request, requests
from bot.rights.sentence import details_named
from bot.texts import text
from bot.texts.dates import human_date

_SEAL = "flow-words"
StaffKind = Literal["question", "erase"]
_OUTCOMES: dict[StaffKind, str] = {
    "question": "question in the person's own words",
    "erase": "erasure of part of the data, in the person's own words",
}
WORDS_MAX = 2000  # Messenger's own limit on a message


def pass_button(turn: Turn) -> QuickReply:
    return QuickReply(text("pass_to_staff", pack_lang(turn.services.pack, turn.lang)), TO_STAFF)


def human_button(turn: Turn) -> QuickReply:
    """Talk to a person from the staff now, in the Page Inbox (a human in the thread)."""
    return QuickReply(text("talk_to_person", pack_lang(turn.services.pack, turn.lang)), HUMAN)


def person_first(turn: Turn, reply: Reply) -> Reply:
    """`reply` with "Talk to a person" first among its quick replies."""
    return replace(reply, quick_replies=(human_button(turn), *reply.quick_replies))


def topics_or_person(turn: Turn, lead: str) -> Reply:
    """The menu led by `lead`, with a person from the staff as the first choice."""
    return person_first(turn, menu(turn.services.pack, turn.lang, lead))


def sealed_words(turn: Turn) -> str:
    """What the person wrote, sealed for their flow (typed personal data)."""
    return turn.services.store.cipher.encrypt(turn.event.text[:WORDS_MAX], _SEAL)


def opened_words(turn: Turn, sealed: str) -> str:
    return turn.services.store.cipher.decrypt(sealed, _SEAL) if sealed else ""


async def hold_words(turn: Turn, kind: StaffKind = "question") -> None:
    """Keep what the person wrote, sealed, until they tap "Pass to the staff" (or not)."""
    flow = PassStaffFlow(words=sealed_words(turn), kind=kind)
    await turn.services.store.set_flow(turn.psid, flow)


async def offer_pass(turn: Turn, reply: Reply, kind: StaffKind = "question") -> Reply:
    """`reply` with "Pass to the staff" and "Talk to a person" first among its quick
    replies, the words held (for a request of `kind`)."""
    await hold_words(turn, kind)
    buttons = (pass_button(turn), human_button(turn), *reply.quick_replies)
    # The offer is the flow's question: a typed "da" answers it while it is the last word.
    return Reply(reply.text, buttons[:13], asks=True)


async def pass_to_staff(turn: Turn) -> list[Reply]:
    """The tap: a `question` request with the person's own words and the one-month clock."""
    lang = pack_lang(turn.services.pack, turn.lang)
    flow = turn.flow
    sealed = flow.words if isinstance(flow, PassStaffFlow) else ""
    if not sealed:
        return [Reply(text("pass_expired", lang))]
    words = opened_words(turn, sealed)
    await turn.services.store.clear_flow(turn.psid)
    kind = flow.kind if isinstance(flow, PassStaffFlow) else "question"
    already = await _same_open(turn, kind, words)
    if already is not None:  # "delete my phone number" asked again while it waits
        return [Reply(text("already_with_staff", lang, due=human_date(already.due, lang)))]
    record = await record_request(
        turn.services, turn.psid, kind, done=False, outcome=_OUTCOMES[kind], text=words
    )
    return [Reply(text("passed_to_staff", lang, due=human_date(record.due, lang)))]


async def _same_open(turn: Turn, kind: StaffKind, words: str) -> DsarRecord | None:
    """An open erasure of the same details as `words`, if the person has one."""
    named = details_named(words)
    if kind != "erase" or not named:
        return None
    store = requests(turn.services)
    return next(
        (
            record
            for record in await store.for_person(turn.psid)
            if record.type == "erase"
            and record.status in OPEN_STATES
            and named <= details_named(store.text_of(record))
        ),
        None,
    )


async def to_staff(turn: Turn, payload: str) -> Outcome:
    """A question for the privacy staff: in the person's words (the safety net), or about a
    topic where the policy is silent."""
    if payload == TO_STAFF:
        return await pass_to_staff(turn)
    topic = payload.removeprefix(ASK)
    if topic == "access":  # "Other records": what is held outside the chat
        return await _other_records(turn)
    if topic not in turn.services.pack.intents:
        return SKIP
    lang = pack_lang(turn.services.pack, turn.lang)
    record = await record_request(
        turn.services, turn.psid, "question", done=False, outcome=f"question about {topic}"
    )
    return [Reply(text("question_recorded", lang, due=human_date(record.due, lang)))]


async def _other_records(turn: Turn) -> list[Reply]:
    """An access request for what the controller holds outside the chat: open, for the
    staff, on the one-month clock."""
    lang = pack_lang(turn.services.pack, turn.lang)
    outcome = "records held outside the chat"
    record = await record_request(turn.services, turn.psid, "access", done=False, outcome=outcome)
    return [Reply(text("access_other_recorded", lang, due=human_date(record.due, lang)))]
