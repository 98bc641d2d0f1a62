"""The events streams as the worker sees them: one pending entry, outcomes, the consumer group
of each partition's stream, reclaiming what other consumers left pending."""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any, cast

from redis.asyncio import Redis

from bot.constants import CONSUMER_GROUP, READ_BATCH
from bot.keys import Keys

log = logging.getLogger("privacybot.worker")
Opener = Callable[[dict[str, str]], dict[str, str]]
StreamReply = list[tuple[str, list[tuple[str, dict[str, str]]]]] | None
Entries = list[tuple[str, dict[str, str] | None]]
Ref = tuple[int, str]  # (partition, stream entry id)


class Result(Enum):
    DONE = "done"
    DEFERRED = "deferred"
    DUPLICATE = "duplicate"
    DEAD = "dead"
    NOT_HEAD = "not head"  # an earlier event of the person goes first
    LOST = "lost"  # the person's lock is someone else's now


@dataclass
class Pending:
    entry_id: str
    key: str
    psid: str
    timestamp: int
    raw: str
    page: str = ""
    partition: int = 0  # of the stream it is in: its person's (docs/partitions.md)
    not_before: float = 0.0

    @property
    def ref(self) -> Ref:
        """Unique among every partition's entries (an entry id is unique in its stream only)."""
        return self.partition, self.entry_id

    @classmethod
    def from_entry(
        cls, entry_id: str, fields: dict[str, str], partition: int, opener: Opener | None = None
    ) -> Pending:
        """`opener` unseals what ingest sealed (bot/pipeline/dead_letters.py)."""
        fields = opener(fields) if opener is not None else fields
        return cls(
            entry_id=entry_id,
            key=fields["k"],
            psid=fields["u"],
            timestamp=int(fields["t"]),
            raw=fields["e"],
            page=fields.get("p", ""),
            partition=partition,
        )


async def ensure_groups(redis: Redis, keys: Keys, partitions: Iterable[int]) -> None:
    """Each partition's stream and its consumer group exist (one round trip for all)."""
    pipe = redis.pipeline(transaction=False)
    for n in partitions:
        pipe.xgroup_create(keys.events(n), CONSUMER_GROUP, id="0", mkstream=True)
    for answer in await pipe.execute(raise_on_error=False):
        if isinstance(answer, Exception) and "BUSYGROUP" not in str(answer):
            raise answer


async def reclaim(
    redis: Redis,
    keys: Keys,
    consumer: str,
    partitions: Iterable[int],
    *,
    min_idle_ms: int,
    skip: Sequence[Collection[Ref]],
    opener: Opener | None,
) -> list[Pending]:
    """Events of these partitions another (dead) consumer took and never acknowledged, idle
    this long; `skip`: ours in hand. One round trip for every partition (each XAUTOCLAIM is
    of one stream, so this works on a cluster too)."""
    held = list(partitions)
    pipe = redis.pipeline(transaction=False)
    for n in held:
        pipe.xautoclaim(
            keys.events(n),
            CONSUMER_GROUP,
            consumer,
            min_idle_time=min_idle_ms,
            start_id="0-0",
            count=READ_BATCH,
        )
    claimed: list[Pending] = []
    for n, reply in zip(held, await pipe.execute(), strict=True):
        # Redis 7 lists the ids of entries deleted meanwhile; Redis 6.2 gives them no fields.
        stream = keys.events(n)
        claimed += await _taken(redis, stream, n, reply[1], deleted=reply[2:], how=(skip, opener))
    if claimed:
        log.info("worker %s reclaimed %d events", consumer, len(claimed))
    return claimed


async def take_over(
    redis: Redis,
    keys: Keys,
    consumer: str,
    partition: int,
    *,
    live: Collection[str],
    opener: Opener | None,
) -> list[Pending]:
    """A partition just leased: its entries pending with consumers no longer alive, claimed at
    once rather than after RECLAIM_IDLE_MS. Entries of a live consumer (one that gave the
    partition back) stay with it: it is handling them or has routed them to their person,
    whose lock holder drains them, and it renews their idle time while it works; an event
    naming no person has no lock nor dedupe check, so taking it from a live worker could run it
    twice. A dead worker's event still in its person's run queue waits for that person's lock
    to lapse; the claim keeps the entries' idle time, so the periodic reclaim routes them
    again no later than it would have without the takeover."""
    stream = keys.events(partition)
    rows = cast(
        list[dict[str, Any]],
        await redis.xpending_range(stream, CONSUMER_GROUP, "-", "+", READ_BATCH * 8),
    )
    orphans = [row for row in rows if row["consumer"] not in live]
    if not orphans:
        return []
    ids: list[int | bytes | str | memoryview[int]] = [row["message_id"] for row in orphans]
    idle = min(int(row["time_since_delivered"]) for row in orphans)
    entries = cast(Entries, await redis.xclaim(stream, CONSUMER_GROUP, consumer, 0, ids, idle=idle))
    gone = sorted({str(i) for i in ids} - {entry_id for entry_id, _ in entries})
    claimed = await _taken(redis, stream, partition, entries, deleted=[gone], how=((), opener))
    log.info("worker %s took over %d events of partition %d", consumer, len(claimed), partition)
    return claimed


async def _taken(
    redis: Redis,
    stream: str,
    partition: int,
    entries: Entries,
    *,
    deleted: Sequence[list[str]],
    how: tuple[Sequence[Collection[Ref]], Opener | None],
) -> list[Pending]:
    """Claimed entries as Pending but those in `how`'s skip (ours in hand); entries deleted
    meanwhile (handled) are acknowledged."""
    skip, opener = how
    gone = [i for i, f in entries if not f] + [i for ids in deleted for i in ids]
    if gone:
        await redis.xack(stream, CONSUMER_GROUP, *gone)
    return [
        Pending.from_entry(i, f, partition, opener)
        for i, f in entries
        if f and not any((partition, i) in held for held in skip)
    ]
