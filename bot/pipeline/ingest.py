"""Durable ingest: every event of a webhook batch goes into the events stream in one round trip.

Each event also joins its person's inbox (a ZSET scored by the event timestamp) in the same
transaction; the worker uses the inbox to handle one person's events in timestamp order.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
from dataclasses import dataclass

from pydantic import ValidationError
from redis.asyncio import Redis

from bot.keys import Keys
from bot.pipeline.dead_letters import DeadLetterSeal, plain_fields
from bot.pipeline.events import STANDBY_MARK, Envelope, MessagingEvent, parse_event

log = logging.getLogger("privacybot.ingest")


@dataclass(frozen=True, slots=True)
class Queued:
    """One event as it goes into the stream."""

    key: str
    psid: str
    timestamp: int
    kind: str
    raw: str

    def fields(self) -> dict[str, str]:
        return {"k": self.key, "u": self.psid, "t": str(self.timestamp), "e": self.raw}


def serialize(item: dict[str, object]) -> str:
    return json.dumps(item, ensure_ascii=False, separators=(",", ":"))


def event_key(event: MessagingEvent, raw: str) -> str:
    """The dedupe key: Meta's `mid`, else a hash of sender + timestamp + payload."""
    mid = (event.message.mid if event.message else None) or (
        event.postback.mid if event.postback else None
    )
    if mid:
        return "m:" + hashlib.sha256(mid.encode()).hexdigest()[:40]
    digest = hashlib.sha256(f"{event.psid}|{event.timestamp}|{raw}".encode()).hexdigest()
    return "h:" + digest[:40]


def queue_items(envelope: Envelope) -> tuple[list[Queued], list[tuple[str, str]]]:
    """Every `messaging[]` and `standby[]` item of every entry; invalid ones set apart."""
    queued: list[Queued] = []
    invalid: list[tuple[str, str]] = []
    for entry in envelope.entry:
        marked = (*entry.messaging, *({**item, STANDBY_MARK: True} for item in entry.standby))
        for item in marked:
            raw = serialize(item)
            try:
                event = parse_event(item)
            except ValidationError as exc:
                invalid.append((raw, _error_summary(exc)))
                continue
            key = event_key(event, raw)
            queued.append(
                Queued(
                    key=key, psid=event.psid, timestamp=event.timestamp, kind=event.kind, raw=raw
                )
            )
    return queued, invalid


def _error_summary(exc: ValidationError) -> str:
    """Field paths and error types only: the input itself may hold personal data."""
    return "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['type']}" for e in exc.errors())


async def enqueue(
    redis: Redis,
    keys: Keys,
    queued: list[Queued],
    invalid: list[tuple[str, str]],
    seal: DeadLetterSeal | None = None,
) -> None:
    """One MULTI/EXEC: all or nothing, so an acknowledged batch is a durable batch."""
    if not queued and not invalid:
        return
    pipe = redis.pipeline(transaction=True)
    for item in queued:
        pipe.xadd(keys.events, item.fields())  # type: ignore[arg-type]
        if item.psid:
            pipe.zadd(keys.inbox(item.psid), {item.key: item.timestamp})
    letter = seal.fields if seal is not None else plain_fields
    for raw, error in invalid:
        pipe.xadd(keys.dead_letters, letter(raw, f"invalid: {error}", 0))  # type: ignore[arg-type]
    await pipe.execute()


def count_changes(envelope: Envelope) -> int:
    """Dashboard test events (`entry[].changes[]`) are acknowledged and ignored."""
    return sum(len(entry.changes) for entry in envelope.entry)


Batch = tuple[list[Queued], list[tuple[str, str]], "asyncio.Future[None]"]


class GroupCommit:
    """Webhook requests that arrive while a write is in flight share the next MULTI/EXEC.

    Each request still gets its answer only after its own events are durable; under load
    one round trip carries many requests instead of one each."""

    def __init__(self, redis: Redis, keys: Keys, seal: DeadLetterSeal | None = None) -> None:
        self.redis = redis
        self.keys = keys
        self.seal = seal
        self._waiting: list[Batch] = []
        self._writer: asyncio.Task[None] | None = None

    async def write(self, queued: list[Queued], invalid: list[tuple[str, str]]) -> None:
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiting.append((queued, invalid, done))
        if self._writer is None or self._writer.done():
            self._writer = asyncio.create_task(self._drain())
        await done

    async def _drain(self) -> None:
        while self._waiting:
            batch, self._waiting = self._waiting, []
            try:
                await enqueue(
                    self.redis,
                    self.keys,
                    queued=[item for queued, _, _ in batch for item in queued],
                    invalid=[item for _, invalid, _ in batch for item in invalid],
                    seal=self.seal,
                )
            except Exception as exc:  # handed to every waiting request: each answers 503
                _settle(batch, exc)
            else:
                _settle(batch, None)


def _settle(batch: list[Batch], error: Exception | None) -> None:
    for _, _, done in batch:
        if done.done():  # the request went away meanwhile
            continue
        if error is None:
            done.set_result(None)
        else:
            done.set_exception(error)
