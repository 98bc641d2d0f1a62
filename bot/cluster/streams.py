"""Moving the events no worker finished to the stream of their person's partition, and the
dedupe markers with them (a layout change: bot/cluster/migrate.py, bot/pages/upgrade.py).

An entry moves with its fields as stored (sealed) and, on one server, its id and attempt count,
in one transaction with its removal from the old stream: a start that died half-way neither
loses an entry nor moves one twice. On a cluster (a one-Page -> PAGES_FILE upgrade) the new
stream is in another slot: the entry gets a new id, and a crash between the copy and the
removal leaves it in both streams, where the dedupe marker lets it be handled once.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Any, cast

from redis.asyncio import Redis
from redis.exceptions import ResponseError

from bot.constants import DEDUPE_TTL_S
from bot.keys import Keys

GROUP = "workers"  # the consumer group of every events stream (docs/partitions.md)
CHUNK = 500
# A dedupe marker guards against Meta delivering an event again; it does so within hours of
# the first delivery, so a marker whose person is unknown (the marker names only the event)
# is copied to every partition only if it was set in the last 36 hours: older ones would
# multiply memory by the partitions for nothing.
MARKER_WINDOW_MS = 36 * 3600 * 1000

Entry = tuple[str, dict[str, str]]
Destination = Callable[[dict[str, str]], int]  # an entry's fields -> its partition


def _id(entry_id: str) -> tuple[int, int]:
    ms, _, seq = entry_id.partition("-")
    return int(ms), int(seq or 0)


async def unhandled(redis: Redis, stream: str) -> AsyncIterator[list[Entry]]:
    """Chunks of the stream's entries no worker finished: pending in the group (delivered, not
    acknowledged) or never delivered."""
    groups: list[dict[str, Any]] = await redis.xinfo_groups(stream)
    group = next((g for g in groups if g["name"] == GROUP), None)
    last = _id(group["last-delivered-id"]) if group else (-1, -1)
    pending: set[str] = set()
    if group and group["pending"]:
        delivered = await redis.xpending_range(stream, GROUP, "-", "+", int(group["pending"]))
        pending = {str(row["message_id"]) for row in delivered}
    start = "-"
    while rows := cast(list[Entry], await redis.xrange(stream, min=start, count=CHUNK)):
        yield [(i, f) for i, f in rows if i in pending or _id(i) > last]
        start = f"({rows[-1][0]}"


async def with_groups(redis: Redis, keys: Keys) -> None:
    """Every partition's stream and group, from the start: moved entries are delivered."""
    for n in keys.every_partition:
        try:
            await redis.xgroup_create(keys.events(n), GROUP, id="0", mkstream=True)
        except ResponseError as exc:
            if "BUSYGROUP" not in str(exc):
                raise


async def reroute(
    redis: Redis, stream: str, attempts: str, keys: Keys, where: Destination, *, cluster: bool
) -> int:
    """Move each unfinished entry of `stream` whose partition (`where`) is not the stream's own
    to that partition's stream; the number moved."""
    moved = 0
    async for chunk in unhandled(redis, stream):
        going = [(i, f, n) for i, f in chunk if keys.events(n := where(f)) != stream]
        if not going:
            continue
        counts = cast(list[str | None], await redis.hmget(attempts, [i for i, _, _ in going]))
        pipe = redis.pipeline(transaction=not cluster)
        for (entry_id, fields, n), count in zip(going, counts, strict=True):
            pipe.xadd(keys.events(n), fields, id="*" if cluster else entry_id)  # type: ignore[arg-type]
            if count is not None and not cluster:
                pipe.hset(keys.attempts(n), entry_id, count)
            pipe.xack(stream, GROUP, entry_id)
            pipe.xdel(stream, entry_id)
            pipe.hdel(attempts, entry_id)
        await pipe.execute()
        moved += len(going)
    return moved


async def spread_markers(
    redis: Redis, pattern: str, event_key: Callable[[str], str], keys: Keys, *, drop: bool
) -> int:
    """Copy each recent dedupe marker matching `pattern` into every partition, with its TTL;
    `drop`: delete the old one (a name no layout reads any more). The number copied."""
    copied = 0
    chunk: list[str] = []
    done: set[str] = set()  # the scan may return the copies made meanwhile: once is enough
    async for key in redis.scan_iter(match=pattern, count=1000):
        if event_key(key) not in done:
            done.add(event_key(key))
            chunk.append(key)
        if len(chunk) >= CHUNK:
            copied += await _spread(redis, chunk, event_key, keys, drop=drop)
            chunk = []
    return copied + await _spread(redis, chunk, event_key, keys, drop=drop)


async def _spread(
    redis: Redis, chunk: list[str], event_key: Callable[[str], str], keys: Keys, *, drop: bool
) -> int:
    if not chunk:
        return 0
    copied = 0
    ttls = await _pttls(redis, chunk)
    pipe = redis.pipeline(transaction=False)
    for key, ttl in zip(chunk, ttls, strict=True):
        if ttl > 0 and _recent(ttl):
            for n in keys.every_partition:
                new = keys.seen(n, event_key(key))
                if new != key:
                    pipe.set(new, "1", px=ttl)
            copied += 1
        if drop:
            pipe.delete(key)
    await pipe.execute()
    return copied


def _recent(ttl_ms: int) -> bool:
    return ttl_ms > DEDUPE_TTL_S * 1000 - MARKER_WINDOW_MS


async def _pttls(redis: Redis, keys: list[str]) -> list[int]:
    pipe = redis.pipeline(transaction=False)
    for key in keys:
        pipe.pttl(key)
    return [int(ttl) for ttl in await pipe.execute()]
