"""Moving an open request along while the staff work on it (admin API and console alike):
`in_progress`, or `waiting_for_person` with the one-month clock paused. Resuming pushes the
due date on by the time spent waiting (bot.rights.dsar does the arithmetic)."""

from __future__ import annotations

from typing import Literal

from bot.answers import pack_lang
from bot.errors import BadRequest
from bot.pipeline.outbox import deliver_or_hold
from bot.pipeline.replies import Reply
from bot.rights.access import request_label
from bot.rights.dsar import DsarRecord
from bot.rights.operations import requests
from bot.services import Services
from bot.texts import text

WorkStatus = Literal["in_progress", "waiting_for_person"]
WORK_STATUSES: tuple[WorkStatus, ...] = ("in_progress", "waiting_for_person")
NOTE_MAX = 1000


async def set_request_status(
    services: Services, request_id: str, status: WorkStatus, *, note: str, by: str
) -> DsarRecord:
    """The record after the move. Waiting for the person needs a note saying what for: the
    person is told it (now, or at their next message), since the clock waits for them."""
    store = requests(services)
    note = note.strip()[:NOTE_MAX]
    if status == "in_progress":
        return await store.resume(request_id, note=note, by=by)
    if not note:
        raise BadRequest("say what you need from the person: they are told it")
    before = await store.get(request_id)
    record = await store.pause(request_id, note=note, by=by)
    person = store.person_of(before)
    told_already = before.status == "waiting_for_person" and before.note == note
    if person and not told_already:
        user = await services.store.load(person)
        lang = pack_lang(services.pack, user.language or services.pack.default_language)
        kind = request_label(record.type, lang)
        reply = Reply(text("request_waiting", lang, kind=kind, note=note))
        await deliver_or_hold(services, person, reply)
    return record
