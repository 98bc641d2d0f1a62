"""The move from the unpartitioned layout (version 1: every release before partitions) to the
partitioned one, at start, with no manual step. One server only: no cluster ever ran version 1.

A start that finds no layout record but data of version 1 moves it (bot/cluster/names.py says
what each key is, bot/cluster/moves.py and streams.py move it):
1. the layout to be (`layout_next`: partitions and the hash's key, HSETNX): a start after an
   interrupted migration computes the same new names;
2. every Page-owned key: a person's keys renamed into their partition, each index split into
   its partitions' slices, suppressions and erasure times into every partition (a keyed hash
   does not say whose partition it is), the erasure journal into partition 0's;
3. the events no worker finished, from the one stream to their person's partition's stream,
   with their fields, ids and attempt counts; the old stream and its counts are then deleted;
4. the recent dedupe markers, into every partition (they name the event, not the person);
5. last, `layout_next` becomes `layout`. Until then a start migrates again and finds only
   what is left; after it, starts skip all of this.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
from collections.abc import AsyncIterator, Callable
from dataclasses import replace

from redis.asyncio import Redis

from bot.cluster.layout import laid_out, layout_at
from bot.cluster.moves import Mover
from bot.cluster.names import (
    Found,
    Kind,
    marked_event,
    unpartitioned,
    unpartitioned_attempts,
    unpartitioned_events,
    unpartitioned_markers,
)
from bot.cluster.streams import reroute, spread_markers, with_groups
from bot.keys import Keys

log = logging.getLogger("privacybot.migrate")

Opener = Callable[[dict[str, str]], dict[str, str]]  # a stored entry's fields, unsealed
_KEPT = (Kind.SHARED, Kind.EVENTS, Kind.ATTEMPTS, Kind.SEEN)
_LOCK_TTL_MS = 15_000
_BATCH = 1000


async def migrate_unpartitioned(
    redis: Redis, keys: Keys, wanted_partitions: int, open_event: Opener, default_page: str = ""
) -> bool:
    """Move version 1's data under the partitioned names; True if there was any to move.
    `default_page`: the Page of an event stored without one (with PAGES_FILE)."""
    if await redis.exists(keys.layout):
        return False
    # The scan first: a migrator that moved what it would find wrote `layout_next` before.
    if not await _has_unpartitioned(redis, keys) and not await redis.exists(keys.layout_next):
        return False
    async with _one_migrator(redis, keys) as mine:
        if not mine:  # another process migrated meanwhile
            return False
        await _migrate(redis, keys, wanted_partitions, open_event, default_page)
    return True


@contextlib.asynccontextmanager
async def _one_migrator(redis: Redis, keys: Keys) -> AsyncIterator[bool]:
    """The web process and the workers start together: one migrates, the others wait for the
    layout record. The lock's TTL is renewed while the migration runs, so a migrator that
    died frees it soon."""
    token = secrets.token_hex(8)
    while not await redis.set(keys.layout_lock, token, nx=True, px=_LOCK_TTL_MS):
        if await redis.exists(keys.layout):
            yield False
            return
        await asyncio.sleep(0.2)
    if await redis.exists(keys.layout):  # finished while we waited for the lock
        await redis.delete(keys.layout_lock)
        yield False
        return
    renewing = asyncio.create_task(_renew(redis, keys.layout_lock))
    try:
        yield True
    finally:
        renewing.cancel()
        await redis.delete(keys.layout_lock)


async def _renew(redis: Redis, lock: str) -> None:
    while True:
        await asyncio.sleep(_LOCK_TTL_MS / 3000)
        await redis.pexpire(lock, _LOCK_TTL_MS)


async def _migrate(
    redis: Redis, keys: Keys, wanted_partitions: int, open_event: Opener, default_page: str
) -> None:
    layout = await layout_at(redis, keys.layout_next, wanted_partitions)
    target = laid_out(keys, layout)
    log.warning("migration: moving the data to %d partitions", layout.partitions)
    moved = await _move_keys(redis, target)
    events = await _move_events(redis, target, open_event, default_page)
    markers = await spread_markers(
        redis, unpartitioned_markers(keys.prefix), marked_event, target, drop=True
    )
    await redis.rename(keys.layout_next, keys.layout)
    log.warning(
        "migration: done; %d keys, %d unfinished events, %d dedupe markers moved",
        moved,
        events,
        markers,
    )


async def _has_unpartitioned(redis: Redis, keys: Keys) -> bool:
    async for key in redis.scan_iter(match=f"{keys.prefix}:*", count=1000):
        if unpartitioned(keys.prefix, key).kind not in (Kind.SHARED, Kind.PLAIN):
            return True
    return False


async def _move_keys(redis: Redis, target: Keys) -> int:
    mover = Mover(redis, lambda page: replace(target, page=page), cluster=False)
    moved = 0
    batch: list[tuple[str, Found]] = []
    async for key in redis.scan_iter(match=f"{target.prefix}:*", count=1000):
        found = unpartitioned(target.prefix, key)
        if found.kind not in _KEPT:
            batch.append((key, found))
        if len(batch) >= _BATCH:
            moved += await mover.move_all(batch)
            batch = []
    return moved + await mover.move_all(batch)


async def _move_events(redis: Redis, target: Keys, open_event: Opener, default_page: str) -> int:
    stream = unpartitioned_events(target.prefix)
    if not await redis.exists(stream):
        return 0

    def where(fields: dict[str, str]) -> int:
        opened = open_event(fields)
        person = target.for_page(opened.get("p", "") or default_page)
        return person.partition(opened.get("u", ""))

    await with_groups(redis, target)
    attempts = unpartitioned_attempts(target.prefix)
    moved = await reroute(redis, stream, attempts, target, where, cluster=False)
    await redis.delete(stream, attempts)
    return moved
