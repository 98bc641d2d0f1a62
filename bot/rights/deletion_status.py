"""What the status page of a Meta data-deletion request says, built from its request record.

Meta: the page must give "a human-readable explanation of the status of their request,
including a legitimate justification for any refusal to delete". It names no one: not the
id Facebook sent, not the staff member who handled it; only the dates, what was found, the
status and, once closed, the outcome with the staff's reason."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from bot.rights.dsar import DsarRecord, Status
from bot.texts.deletion import PageLanguage, deletion_text, long_date

# The callback's outcomes (stored on the record): what the app-scoped id matched.
NOTHING_HELD = "nothing held under this app-scoped id"
ERASED = "erased"
Found = Literal["nothing_held", "erased"]


class DeletionStatus(BaseModel):
    model_config = ConfigDict(frozen=True)

    confirmation_code: str
    language: PageLanguage
    status: Status
    received: str
    due: str
    closed: str
    found: Found
    note: str
    reason: str
    explanation: list[str]


def found_of(record: DsarRecord) -> Found:
    return "erased" if record.outcome == ERASED else "nothing_held"


def deletion_status(record: DsarRecord, code: str, lang: PageLanguage) -> DeletionStatus:
    found = found_of(record)
    waiting = record.status == "waiting_for_person"
    closed = record.status in ("done", "refused")
    return DeletionStatus(
        confirmation_code=code,
        language=lang,
        status=record.status,
        received=record.received,
        due="" if closed or waiting else record.due,
        closed=record.closed,
        found=found,
        note=record.note if waiting else "",
        reason=record.reason if closed else "",
        explanation=_explain(record, found, lang),
    )


def _explain(record: DsarRecord, found: Found, lang: PageLanguage) -> list[str]:
    lines = [deletion_text("received", lang, date=long_date(record.received, lang))]
    if found == "erased":
        lines.append(deletion_text("found_erased", lang))
    else:
        lines += [deletion_text("found_nothing", lang), deletion_text("messenger_hint", lang)]
    return lines + _state(record, lang)


def _state(record: DsarRecord, lang: PageLanguage) -> list[str]:
    status = deletion_text(
        f"status_{record.status}", lang, date=long_date(record.closed or record.received, lang)
    )
    if record.status in ("open", "in_progress"):
        return [status, deletion_text("due", lang, date=long_date(record.due, lang))]
    if record.status == "waiting_for_person":
        return [status] + ([deletion_text("note", lang, note=record.note)] if record.note else [])
    if record.status == "refused":
        reason = deletion_text("reason_refused", lang, reason=record.reason)
        return [status, reason, deletion_text("complaint", lang)]
    return [status] + (
        [deletion_text("reason_done", lang, reason=record.reason)] if record.reason else []
    )
