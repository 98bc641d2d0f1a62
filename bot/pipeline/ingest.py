"""Durable ingest: every event of a webhook batch goes into its partition's events stream.

An event goes to the stream of its person's partition (docs/partitions.md; an event naming no
person: the partition of its Page's "") and joins that person's inbox (a ZSET scored by the
event timestamp) in the same atomic step; the worker uses the inbox to handle one person's
events in timestamp order. A transaction never crosses partitions: each partition touched
gets one Lua call (bot/lua/ingest_events.lua), all of them in one pipeline, so one round trip
on one server (a cluster client sends each node its share at once). Measured against one
MULTI per partition sent together (one pipeline each): a third of the CPU, and no more than
the single MULTI of the unpartitioned layout.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from pydantic import ValidationError
from redis.asyncio import Redis
from redis.asyncio.client import Pipeline
from redis.exceptions import DataError, ReadOnlyError, ResponseError

from bot.constants import REDIS_ACK_WAIT_MS
from bot.errors import StoreUnavailable
from bot.keys import Keys
from bot.lua import source
from bot.pipeline.dead_letters import DeadLetterSeal, plain_fields
from bot.pipeline.events import (
    STANDBY_MARK,
    Entry,
    Envelope,
    MessagingEvent,
    parse_event,
)
from bot.pipeline.scripted import Call, run_scripts

log = logging.getLogger("privacybot.ingest")


@dataclass(frozen=True, slots=True)
class Queued:
    """One event as it goes into the stream."""

    key: str
    psid: str
    timestamp: int
    kind: str
    raw: str
    page: str = ""  # `entry[].id`: the Page the person wrote to

    def fields(self) -> dict[str, str]:
        fields = {"k": self.key, "u": self.psid, "t": str(self.timestamp), "e": self.raw}
        if self.page:
            fields["p"] = self.page
        return fields


# A lone UTF-16 surrogate (a text cut inside an emoji, sent as "\ud83d") survives json.loads
# but cannot be encoded as UTF-8, so Redis could not take it: it becomes U+FFFD.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")

# Redis answers that say the server cannot write now, not that the data is bad: the request
# answers 503 and Meta retries it later.
_STATE_ERRORS = ("LOADING", "READONLY", "OOM", "MASTERDOWN", "BUSY", "NOREPLICAS", "TRYAGAIN")


def serialize(item: dict[str, object]) -> str:
    return json.dumps(item, ensure_ascii=False, separators=(",", ":"))


def normalized(item: dict[str, object]) -> tuple[dict[str, object], str]:
    """The item and its stored form, with every lone surrogate replaced by U+FFFD."""
    raw = serialize(item)
    if _LONE_SURROGATE.search(raw) is None:
        return item, raw
    raw = _LONE_SURROGATE.sub("\ufffd", raw)
    return json.loads(raw), raw


def event_key(event: MessagingEvent, raw: str) -> str:
    """The dedupe key: Meta's `mid`, else a hash of sender + timestamp + payload."""
    mid = (event.message.mid if event.message else None) or (
        event.postback.mid if event.postback else None
    )
    if mid:
        return "m:" + hashlib.sha256(mid.encode()).hexdigest()[:40]
    digest = hashlib.sha256(f"{event.psid}|{event.timestamp}|{raw}".encode()).hexdigest()
    return "h:" + digest[:40]


UNKNOWN_PAGE = "unknown page (not in PAGES_FILE)"


def queue_items(
    envelope: Envelope, serves: Callable[[str], bool] | None = None
) -> tuple[list[Queued], list[tuple[str, str]]]:
    """Every `messaging[]` and `standby[]` item of every entry; invalid ones and those of a
    Page this deployment does not serve (`serves`) set apart, with the reason."""
    queued: list[Queued] = []
    invalid: list[tuple[str, str]] = []
    for entry in envelope.entry:
        marked = _marked(entry)
        if serves is not None and not serves(entry.id):
            invalid.extend((normalized(item)[1], UNKNOWN_PAGE) for item in marked)
            continue
        for original in marked:
            item, raw = normalized(original)
            try:
                event = parse_event(item)
            except ValidationError as exc:
                invalid.append((raw, _error_summary(exc)))
                continue
            key = event_key(event, raw)
            queued.append(
                Queued(
                    key=key,
                    psid=event.psid,
                    timestamp=event.timestamp,
                    kind=event.kind,
                    raw=raw,
                    page=entry.id,
                )
            )
    return queued, invalid


def _marked(entry: Entry) -> list[dict[str, object]]:
    """The entry's items, standby items marked (the Page goes into the stream beside them)."""
    return [*entry.messaging, *({**item, STANDBY_MARK: True} for item in entry.standby)]


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
    """All or nothing for the caller: it returns only when every partition's share is stored
    (each share is atomic; when one fails the caller's retry stores the others' events again,
    and the worker's dedupe drops those). Dead letters go to their one stream, in the same
    round trip but apart from the partitions."""
    if not queued and not invalid:
        return
    script = redis.register_script(source("ingest_events"))  # hashes the text, no I/O
    shares: dict[int, _Share] = defaultdict(_Share)
    for item in queued:
        fields = seal.event_fields(item.fields()) if seal is not None else item.fields()
        own = keys.for_page(item.page)
        shares[own.partition(item.psid)].add(
            fields, own.inbox(item.psid) if item.psid else "", item
        )
    calls: list[Call] = [
        (script, [keys.events(n), *share.inboxes], share.args) for n, share in shares.items()
    ]
    letter = seal.fields if seal is not None else plain_fields

    def dead_letters(pipe: Pipeline) -> None:
        for raw, error in invalid:
            pipe.xadd(keys.dead_letters, letter(raw, f"invalid: {error}", 0))  # type: ignore[arg-type]

    await run_scripts(redis, calls, first=dead_letters)


@dataclass
class _Share:
    """One partition's events as the arguments of bot/lua/ingest_events.lua."""

    inboxes: list[str] = field(default_factory=list)
    args: list[str | int] = field(default_factory=list)
    _index: dict[str, int] = field(default_factory=dict)

    def add(self, fields: dict[str, str], inbox: str, item: Queued) -> None:
        self.args.append(len(fields) * 2)
        for name, value in fields.items():
            self.args += (name, value)
        at = 0
        if inbox:
            at = self._index.get(inbox, 0)
            if not at:
                self.inboxes.append(inbox)
                at = self._index[inbox] = len(self.inboxes) + 1  # KEYS[1] is the stream
        self.args += (at, item.timestamp, item.key)


def count_changes(envelope: Envelope) -> int:
    """Dashboard test events (`entry[].changes[]`) are acknowledged and ignored."""
    return sum(len(entry.changes) for entry in envelope.entry)


Batch = tuple[list[Queued], list[tuple[str, str]], "asyncio.Future[None]"]


class GroupCommit:
    """Webhook requests that arrive while a write is in flight share the next write.

    Each request still gets its answer only after its own events are durable; under load
    one round trip carries many requests instead of one each."""

    def __init__(
        self,
        redis: Redis,
        keys: Keys,
        seal: DeadLetterSeal | None = None,
        *,
        ack_replicas: int = 0,
    ) -> None:
        self.redis = redis
        self.keys = keys
        self.seal = seal
        self.ack_replicas = ack_replicas
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
            await self._commit(batch)

    async def _commit(self, batch: list[Batch]) -> None:
        """One bad request never fails another: a failed shared write is retried request by
        request. A partition whose share failed stored nothing of it (a data error is raised
        before anything is sent); the other partitions' events, stored again by the retry, are
        dropped by the worker's dedupe."""
        try:
            await self._write(batch)
        except Exception as exc:
            if _transient(exc):  # Redis is away or cannot write: every request answers 503
                _settle(batch, exc)
            elif len(batch) > 1:
                log.warning("group commit: %s; retrying %d requests apart", _name(exc), len(batch))
                for one in batch:
                    await self._commit([one])
            else:
                await self._quarantine(batch, exc)
        else:
            _settle(batch, None)

    async def _write(self, batch: list[Batch]) -> None:
        await enqueue(
            self.redis,
            self.keys,
            queued=[item for queued, _, _ in batch for item in queued],
            invalid=[item for _, invalid, _ in batch for item in invalid],
            seal=self.seal,
        )
        await replicated(self.redis, self.keys, self.ack_replicas)

    async def _quarantine(self, batch: list[Batch], exc: Exception) -> None:
        """A request Redis refused on its own: its events become dead letters with the
        reason, and it is still acknowledged (Meta would otherwise resend it forever)."""
        reason = f"unstorable: {_name(exc)}"
        letters = [
            (_LONE_SURROGATE.sub("\ufffd", raw), reason)
            for queued, invalid, _ in batch
            for raw in (*(item.raw for item in queued), *(raw for raw, _ in invalid))
        ]
        log.warning("ingest: %d events dead-lettered (%s)", len(letters), reason)
        try:
            await enqueue(self.redis, self.keys, queued=[], invalid=letters, seal=self.seal)
        except Exception as again:  # handed to the request, which answers 503
            _settle(batch, again)
        else:
            _settle(batch, None)


async def replicated(redis: Redis, keys: Keys, replicas: int) -> None:
    """Return once `replicas` replicas hold every write made so far, else StoreUnavailable.

    WAIT counts the writes of its own connection; the pool may hand us another one than the
    ingest's, so a PUBLISH (replicated, stores nothing) on this connection comes first: it is
    later in the replication stream than our writes, so a replica that has it has our events."""
    if replicas <= 0:
        return
    pipe = redis.pipeline(transaction=False)
    pipe.publish(f"{keys.prefix}:events:acked", "1")  # a channel (stores nothing), not a key
    pipe.wait(replicas, REDIS_ACK_WAIT_MS)
    _, acked = await pipe.execute()
    if int(acked) < replicas:
        raise StoreUnavailable("events not on enough replicas in time")


def _name(exc: Exception) -> str:
    """The error's class and Redis's error word, never its text (it may quote the data)."""
    word = str(exc).split(" ", 1)[0] if isinstance(exc, ResponseError) else ""
    return f"{type(exc).__name__} {word}".strip()


def _transient(exc: Exception) -> bool:
    if isinstance(exc, ReadOnlyError):
        return True
    if isinstance(exc, ResponseError):
        return str(exc).startswith(_STATE_ERRORS)
    return not isinstance(exc, UnicodeError | ValueError | TypeError | DataError)


def _settle(batch: list[Batch], error: Exception | None) -> None:
    for _, _, done in batch:
        if done.done():  # the request went away meanwhile
            continue
        if error is None:
            done.set_result(None)
        else:
            done.set_exception(error)
