"""The thread while a human holds it, and the handover events that give it back.

While the Page Inbox holds a person's thread Meta sends their messages as `standby[]`: the
bot answers nothing (STOP is still honoured, by the compliance router before this one), but
a message after `HANDOVER_IDLE_S` of silence takes the thread back. A `messaging_handovers`
event whose new owner is not the Page Inbox (staff released the thread) gives it back too.
The person is told either way.
"""

from __future__ import annotations

import logging

from bot.answers import pack_lang
from bot.constants import PAGE_INBOX_APP_ID
from bot.handover.thread import (
    back_reply,
    hand_to_inbox,
    held,
    is_idle,
    mark_bot,
    mark_inbox,
    note_activity,
    take_back,
    tell,
)
from bot.pipeline.dispatcher import SKIP, Outcome, Turn
from bot.pipeline.events import HANDOVER_KINDS
from bot.pipeline.replies import Reply

log = logging.getLogger("privacybot.handover")


async def to_a_person(turn: Turn) -> list[Reply]:
    """ "I want to talk to a person": the thread goes to the Page Inbox (the person is told
    before it goes: afterwards the bot may not write to them)."""
    lang = pack_lang(turn.services.pack, turn.lang)
    await hand_to_inbox(turn.services, turn.psid, lang, by="person")
    return []


async def handover(turn: Turn) -> Outcome:
    event = turn.event
    if event.kind in HANDOVER_KINDS:
        return await _handover_event(turn)
    if not event.standby:
        # Meta sent it to us, so we hold the thread: if we thought the inbox did, its control
        # lapsed there (Meta ends it after a day without a word). Say so, then answer as usual.
        returned = event.kind in ("message", "postback") and turn.psid
        if returned and await mark_bot(turn.services, turn.psid):
            await tell(
                turn.services, turn.psid, back_reply(pack_lang(turn.services.pack, turn.lang))
            )
        return SKIP
    if event.kind == "echo":  # the staff wrote from the inbox: the thread is not idle
        await note_activity(turn.services, turn.psid, event.timestamp)
        return []
    if event.kind not in ("message", "postback") or not turn.psid:
        return []
    state = await held(turn.services, turn.psid)
    idle_s = turn.services.settings.handover_idle_s
    idle = state is not None and is_idle(state, event.timestamp, idle_s)
    if idle and await take_back(turn.services, turn.psid, reason="idle"):
        return [back_reply(pack_lang(turn.services.pack, turn.lang))]
    await note_activity(turn.services, turn.psid, event.timestamp)
    return []  # said to the human in the inbox, not to the bot


async def _handover_event(turn: Turn) -> Outcome:
    control = turn.event.thread_control
    if control is None or not turn.psid or turn.event.kind == "request_thread_control":
        return []
    if control.new_owner_app_id == PAGE_INBOX_APP_ID:
        # The inbox took the thread itself (staff answered there): the bot keeps quiet.
        await mark_inbox(turn.services, turn.psid, by="inbox", at_ms=turn.event.timestamp)
        return []
    if await mark_bot(turn.services, turn.psid):
        return [back_reply(pack_lang(turn.services.pack, turn.lang))]
    return []
