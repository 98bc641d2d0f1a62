"""Data-subject requests and their one-month clock (GDPR Art. 12(3)).

A record names its person only by the keyed PSID hash, so it outlives an erasure as proof
that the request was handled. `waiting_for_person` pauses the clock; resuming moves the due
date on by the time spent waiting.

A record lives in its own partition (a keyed hash of its id, `Keys.request_partition`), with
that partition's slice of the due dates: the two change in one transaction. The ids of a
person's requests are a list in the person's partition, written after the record (a crash
between leaves a record the person's list does not name, never a name without a record).
Listing fans out over the partitions and merges.
"""

from __future__ import annotations

import builtins
import calendar
import datetime as dt
import math
import secrets
from collections.abc import AsyncIterator
from typing import Literal, cast

from pydantic import BaseModel, ConfigDict
from redis.asyncio import Redis

from bot.crypto import FieldCipher
from bot.errors import BadRequest, NotFound
from bot.keys import Keys

_SEAL = "dsar-psid"
_TEXT_SEAL = "dsar-text"

RequestType = Literal[
    "access",
    "export",
    "rectify",
    "erase",
    "withdraw",
    "object",
    "restrict",
    "lift_restriction",
    "unsubscribe",
    "resubscribe",
    "deletion_callback",
    "question",
]
Status = Literal["open", "in_progress", "waiting_for_person", "done", "refused"]
OPEN_STATES = ("open", "in_progress", "waiting_for_person")


# How a record without the sealed PSID or words serialises (model_dump_json keeps empties).
_EMPTY_SEAL = '"psid_sealed":""'
_EMPTY_TEXT = '"text_sealed":""'


class DsarRecord(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    type: RequestType
    status: Status
    received: str
    due: str
    channel: str = "messenger"
    psid_hash: str = ""
    outcome: str = ""
    reason: str = ""
    handled_by: str = ""
    closed: str = ""
    paused_at: str = ""
    # What the staff wait for while the clock is paused (shown to the person), or a work note.
    note: str = ""
    # The PSID, encrypted, only while the bot may need to tell the person the outcome.
    psid_sealed: str = ""
    # The person's own words (a request written in the chat), encrypted; gone on erasure.
    text_sealed: str = ""
    # Art. 12(3): the deadline moved on once, by one or two months, with the reason told.
    extended_months: int = 0
    extension_reason: str = ""

    @property
    def overdue(self) -> bool:
        return self.status in OPEN_STATES and not self.paused_at and _parse(self.due) < _now()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _iso(moment: dt.datetime) -> str:
    return moment.isoformat(timespec="seconds").replace("+00:00", "Z")


def _parse(value: str) -> dt.datetime:
    return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))


def one_month_after(moment: dt.datetime) -> dt.datetime:
    """Same day next month; the month's last day when it has no such day (31 Jan -> 28 Feb)."""
    year, month = (moment.year + 1, 1) if moment.month == 12 else (moment.year, moment.month + 1)
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


class Requests:
    def __init__(self, redis: Redis, keys: Keys, cipher: FieldCipher | None = None) -> None:
        self.redis = redis
        self.keys = keys
        self.cipher = cipher

    def person_of(self, record: DsarRecord) -> str | None:
        """The PSID to tell the outcome to, if the record still carries it."""
        if not record.psid_sealed or self.cipher is None:
            return None
        return self.cipher.decrypt(record.psid_sealed, _SEAL)

    def text_of(self, record: DsarRecord) -> str:
        """The person's own words, "" where none (or no key to read them)."""
        if not record.text_sealed or self.cipher is None:
            return ""
        return self.cipher.decrypt(record.text_sealed, _TEXT_SEAL)

    async def forget_person(self, psid: str) -> None:
        """On erasure: the person's records stay, without any way back to them. Only the
        few still carrying the sealed PSID (open ones) or the person's words are parsed and
        rewritten."""
        stored = await self._stored_for(psid)
        held = [raw for raw in stored if _EMPTY_SEAL not in raw or _EMPTY_TEXT not in raw]
        records = map(DsarRecord.model_validate_json, held)
        sealed = [r for r in records if r.psid_sealed or r.text_sealed]
        if sealed:
            pipe = self.redis.pipeline(transaction=False)  # one key per command
            for record in sealed:
                forgotten = record.model_copy(update={"psid_sealed": "", "text_sealed": ""})
                pipe.set(self.keys.dsar(record.id), forgotten.model_dump_json())
            await pipe.execute()

    async def open(
        self,
        kind: RequestType,
        *,
        psid: str = "",
        psid_hash: str = "",
        status: Status = "open",
        outcome: str = "",
        channel: str = "messenger",
        handled_by: str = "",
        text: str = "",
    ) -> DsarRecord:
        """Create a record; one the bot completes itself is created already `done`."""
        received = _now()
        record = DsarRecord(
            id=secrets.token_hex(8),
            type=kind,
            status=status,
            received=_iso(received),
            due=_iso(one_month_after(received)),
            channel=channel,
            psid_hash=psid_hash,
            outcome=outcome,
            handled_by=handled_by,
            closed=_iso(received) if status in ("done", "refused") else "",
            psid_sealed=self._seal(psid) if status in OPEN_STATES else "",
            text_sealed=self.cipher.encrypt(text, _TEXT_SEAL) if text and self.cipher else "",
        )
        await self._save(record, psid)
        return record

    def _seal(self, psid: str) -> str:
        return self.cipher.encrypt(psid, _SEAL) if psid and self.cipher else ""

    async def _save(self, record: DsarRecord, psid: str = "") -> None:
        due_index = self.keys.dsar_due(self.keys.request_partition(record.id))
        pipe = self.redis.pipeline(transaction=True)  # the request's partition only
        pipe.set(self.keys.dsar(record.id), record.model_dump_json())
        if record.status in OPEN_STATES:
            # A paused request stays listed as open, but has no running deadline: +inf keeps it
            # out of every "due before" count (overdue) and last in the due-date order.
            due = math.inf if record.paused_at else _parse(record.due).timestamp()
            pipe.zadd(due_index, {record.id: due})
        else:
            pipe.zrem(due_index, record.id)
        await pipe.execute()
        if psid:  # the person's partition: after the record it names
            await self.redis.sadd(self.keys.requests_of(psid), record.id)

    async def get(self, request_id: str) -> DsarRecord:
        raw = await self.redis.get(self.keys.dsar(request_id)) if request_id.isalnum() else None
        if raw is None:
            raise NotFound(f"no request {request_id}")
        return DsarRecord.model_validate_json(raw)

    async def list(self, status: str | None = None, limit: int = 100) -> builtins.list[DsarRecord]:
        """Open requests by due date (soonest first); with a status, any matching record.
        Closed ones are the `limit` most recently closed (the many the bot closes itself,
        e.g. STOP, must not push the staff's older decisions out of view), by due date."""
        if status in (None, "open"):
            return await self._by_id(await self._soonest_due(limit))
        records = [r async for r in self._all() if r.status == status]
        if status in ("done", "refused"):
            records = sorted(records, key=lambda r: r.closed, reverse=True)[:limit]
        return sorted(records, key=lambda r: r.due)[:limit]

    async def _soonest_due(self, limit: int) -> builtins.list[str]:
        """The ids of the `limit` open requests due soonest: each partition's first `limit`,
        one pipeline, merged by due date (then id, as one sorted set orders them)."""
        pipe = self.redis.pipeline(transaction=False)
        for n in self.keys.every_partition:
            pipe.zrange(self.keys.dsar_due(n), 0, limit - 1, withscores=True)
        slices = cast(builtins.list[builtins.list[tuple[str, float]]], await pipe.execute())
        merged = sorted((score, rid) for rows in slices for rid, score in rows)
        return [rid for _, rid in merged[:limit]]

    async def _by_id(self, ids: builtins.list[str]) -> builtins.list[DsarRecord]:
        """Records in the order of `ids` (one GET each: they sit in different partitions)."""
        pipe = self.redis.pipeline(transaction=False)
        for request_id in ids:
            pipe.get(self.keys.dsar(request_id))
        raw = cast(builtins.list[str | None], await pipe.execute()) if ids else []
        return [DsarRecord.model_validate_json(item) for item in raw if item]

    def every(self) -> AsyncIterator[DsarRecord]:
        """Every record, open and closed (the request register)."""
        return self._all()

    async def _all(self) -> AsyncIterator[DsarRecord]:
        """Every record, partition by partition, read a scan batch at a time."""
        for n in self.keys.every_partition:
            batch: builtins.list[str] = []
            async for key in self.redis.scan_iter(match=self.keys.dsar_records(n), count=500):
                batch.append(key)
                if len(batch) >= 500:
                    for record in await self._read(batch):
                        yield record
                    batch = []
            for record in await self._read(batch):
                yield record

    async def _read(self, keys: builtins.list[str]) -> builtins.list[DsarRecord]:
        """One MGET: the keys of one partition share its slot."""
        raw = cast(builtins.list[str | None], await self.redis.mget(keys)) if keys else []
        return [DsarRecord.model_validate_json(item) for item in raw if item]

    async def for_person(self, psid: str) -> builtins.list[DsarRecord]:
        records = [DsarRecord.model_validate_json(raw) for raw in await self._stored_for(psid)]
        return sorted(records, key=lambda r: r.received)

    async def _stored_for(self, psid: str) -> builtins.list[str]:
        ids = cast(set[str], await self.redis.smembers(self.keys.requests_of(psid)))
        if not ids:
            return []
        pipe = self.redis.pipeline(transaction=False)  # records in their own partitions
        for request_id in sorted(ids):
            pipe.get(self.keys.dsar(request_id))
        return [item for item in cast(builtins.list[str | None], await pipe.execute()) if item]

    async def close(
        self,
        request_id: str,
        *,
        outcome: Literal["done", "refused"],
        reason: str,
        by: str,
        answered: bool = False,
    ) -> DsarRecord:
        """Closed by the staff; `answered` notes that their answer went to the person (the
        words themselves are kept only in the person's chat)."""
        record = await self.get(request_id)
        if record.status not in OPEN_STATES:
            raise BadRequest(f"request {request_id} is already {record.status}")
        if outcome == "refused" and not reason.strip():
            raise BadRequest("a refusal needs a reason the person can read")
        closed = record.model_copy(
            update={
                "status": outcome,
                "reason": reason.strip(),
                "outcome": "answered in the chat" if answered else record.outcome,
                "handled_by": by,
                "closed": _iso(_now()),
                "psid_sealed": "",
            }
        )
        await self._save(closed)
        return closed

    async def _still_open(self, request_id: str) -> DsarRecord:
        record = await self.get(request_id)
        if record.status not in OPEN_STATES:
            raise BadRequest(f"request {request_id} is already {record.status}")
        return record

    async def pause(self, request_id: str, *, note: str = "", by: str = "") -> DsarRecord:
        """Waiting for the person (e.g. to confirm who they are): the clock stops. Pausing a
        paused request keeps the first pause time, so no waiting is counted twice."""
        record = await self._still_open(request_id)
        paused = record.model_copy(
            update={
                "status": "waiting_for_person",
                "paused_at": record.paused_at or _iso(_now()),
                "note": note.strip() or record.note,
                "handled_by": by or record.handled_by,
            }
        )
        await self._save(paused)
        return paused

    async def resume(self, request_id: str, *, note: str = "", by: str = "") -> DsarRecord:
        """In progress (from open, or back from waiting): the due date moves on by the time
        the clock was paused."""
        record = await self._still_open(request_id)
        update = {
            "status": "in_progress",
            "note": note.strip(),
            "handled_by": by or record.handled_by,
        }
        if record.paused_at:
            waited = _now() - _parse(record.paused_at)
            update |= {"paused_at": "", "due": _iso(_parse(record.due) + waited)}
        resumed = record.model_copy(update=update)
        await self._save(resumed)
        return resumed

    async def extend(self, request_id: str, *, months: int, reason: str, by: str) -> DsarRecord:
        """Art. 12(3): one extension, by one or two further months, decided (and the person
        told why) within the first month, so only before the first due date."""
        record = await self._still_open(request_id)
        if months not in (1, 2):
            raise BadRequest("an extension is by one or two months")
        if not reason.strip():
            raise BadRequest("an extension needs a reason the person can read")
        if record.extended_months:
            raise BadRequest(f"request {request_id} was already extended")
        if _parse(record.due) <= _now():
            raise BadRequest("the first due date has passed: it can no longer be extended")
        due = _parse(record.due)
        for _ in range(months):
            due = one_month_after(due)
        extended = record.model_copy(
            update={
                "due": _iso(due),
                "extended_months": months,
                "extension_reason": reason.strip(),
                "handled_by": by or record.handled_by,
            }
        )
        await self._save(extended)
        return extended
