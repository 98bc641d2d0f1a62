"""The events stream as the worker sees it: one pending entry, outcomes, the consumer group."""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from enum import Enum

from redis.asyncio import Redis
from redis.exceptions import ResponseError

from bot.constants import CONSUMER_GROUP, READ_BATCH
from bot.keys import Keys

log = logging.getLogger("privacybot.worker")
Opener = Callable[[dict[str, str]], dict[str, str]]
StreamReply = list[tuple[str, list[tuple[str, dict[str, str]]]]] | None


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
    not_before: float = 0.0

    @classmethod
    def from_entry(
        cls, entry_id: str, fields: dict[str, str], opener: Opener | None = None
    ) -> Pending:
        """`opener` unseals what ingest sealed (bot/pipeline/dead_letters.py)."""
        fields = opener(fields) if opener is not None else fields
        return cls(
            entry_id=entry_id,
            key=fields["k"],
            psid=fields["u"],
            timestamp=int(fields["t"]),
            raw=fields["e"],
        )


async def ensure_group(redis: Redis, keys: Keys) -> None:
    try:
        await redis.xgroup_create(keys.events, CONSUMER_GROUP, id="0", mkstream=True)
    except ResponseError as exc:
        if "BUSYGROUP" not in str(exc):
            raise


async def reclaim(
    redis: Redis,
    keys: Keys,
    consumer: str,
    *,
    min_idle_ms: int,
    skip: Sequence[Collection[str]],
    opener: Opener | None,
) -> list[Pending]:
    """Events another (dead) consumer took and never acknowledged; `skip`: ours in hand."""
    reply = await redis.xautoclaim(
        keys.events,
        CONSUMER_GROUP,
        consumer,
        min_idle_time=min_idle_ms,
        start_id="0-0",
        count=READ_BATCH,
    )
    # Redis 7 adds the ids of entries deleted meanwhile; Redis 6.2 returns them as None.
    entries = reply[1]
    deleted = [i for i, f in entries if not f] + (reply[2] if len(reply) > 2 else [])
    if deleted:
        await redis.xack(keys.events, CONSUMER_GROUP, *deleted)
    fresh = [(i, f) for i, f in entries if f and not any(i in held for held in skip)]
    claimed = [Pending.from_entry(i, f, opener) for i, f in fresh]
    if claimed:
        log.info("worker %s reclaimed %d events", consumer, len(claimed))
    return claimed
