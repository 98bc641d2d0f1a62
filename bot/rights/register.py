"""What the console's request queue and the DPO's register read: each request with the
person's own words and whom to open (while the record still carries them), and the register
of every request as CSV (no personal data: the person is their keyed hash)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from bot.rights.access import request_label
from bot.rights.dsar import DsarRecord, Requests

REGISTER_COLUMNS = (
    "id",
    "type",
    "status",
    "received",
    "due",
    "extended_months",
    "extension_reason",
    "closed",
    "outcome",
    "reason",
    "handled_by",
    "channel",
    "psid_hash",
)
# A spreadsheet runs a cell starting with one of these as a formula (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class QueueCard:
    record: DsarRecord
    text: str  # the person's words, "" where none or once erased
    psid: str  # whom to open, "" once closed or erased
    label: str  # the type in plain words

    @property
    def overdue(self) -> bool:
        return self.record.overdue

    @property
    def extendable(self) -> bool:
        """Art. 12(3): once, before the first due date (checked again when it is done)."""
        return not self.record.extended_months and not self.record.overdue


async def queue_cards(store: Requests, status: str, *, limit: int) -> list[QueueCard]:
    records = await store.list(status, limit=limit)
    return [
        QueueCard(
            record=r,
            text=store.text_of(r),
            psid=store.person_of(r) or "",
            label=request_label(r.type, "en", capital=True),
        )
        for r in records
    ]


def _cell(value: object) -> str:
    shown = str(value)
    return f"'{shown}" if shown.startswith(_FORMULA_START) else shown


async def register_csv(store: Requests) -> str:
    """Every record, oldest received first."""
    records = sorted([r async for r in store.every()], key=lambda r: r.received)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(REGISTER_COLUMNS)
    for record in records:
        row = record.model_dump(include=set(REGISTER_COLUMNS))
        writer.writerow([_cell(row[column]) for column in REGISTER_COLUMNS])
    return out.getvalue()
