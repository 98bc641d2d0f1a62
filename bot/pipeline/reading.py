"""Reading the events streams of the partitions this worker leases (bot/pipeline/partitions.py).

On one server a single reader blocks on every held partition's stream at once (one XREADGROUP
naming them all): one round trip per batch whatever the partitions, as with one stream before.
A Redis Cluster refuses a read naming streams of different slots (CROSSSLOT), and each
partition has a slot of its own, so there each held partition gets a blocking reader of its own.
Measured on one server under load (bench e2e, 16 partitions), a reader per partition read and
routed five times as often (0.67 reads per event against 0.12) for the same events: each
read's batch held one partition's share. Idle, a reader wakes once per READ_BLOCK_MS.
(Pipelined non-blocking reads with a back-off were not taken: a round trip per back-off even
when idle, and up to a back-off added to every event's wait.) When the held partitions change
on one server, a reader for the new set starts at once and the old one ends after its read.

A partition newly leased first gets its consumer group and the entries that consumers no longer
alive left pending (`take_over`); every RECLAIM_EVERY_S the entries idle past
`reclaim_idle_ms` in every held partition are reclaimed as before.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable, Collection, Iterable, Sequence
from typing import cast

from redis.asyncio import Redis
from redis.asyncio.cluster import RedisCluster
from redis.exceptions import RedisError

from bot.constants import (
    CONSUMER_GROUP,
    PARTITION_TICK_S,
    READ_BATCH,
    READ_BLOCK_MS,
    RECLAIM_EVERY_S,
)
from bot.keys import Keys
from bot.pipeline.partitions import Leases
from bot.pipeline.stream import (
    Opener,
    Pending,
    Ref,
    StreamReply,
    ensure_groups,
    reclaim,
    take_over,
)

log = logging.getLogger("privacybot.worker")
Process = Callable[[Iterable[Pending]], Awaitable[None]]
STOP_READ_WAIT_S = READ_BLOCK_MS / 1000 + 1.0  # a reader ends after its current read
REBALANCE_S = 0.1  # the tick while partitions change hands


class Readers:
    def __init__(
        self,
        redis: Redis,
        keys: Keys,
        leases: Leases,
        process: Process,
        *,
        opener: Opener | None,
        reclaim_idle_ms: int,
        in_hand: Callable[[], Sequence[Collection[Ref]]],
        tick_s: float = PARTITION_TICK_S,
    ) -> None:
        self.redis = redis
        self.keys = keys
        self.leases = leases
        self.name = leases.name
        self.process = process
        self.opener = opener
        self.reclaim_idle_ms = reclaim_idle_ms
        self.in_hand = in_hand  # entry ids this worker holds now: never reclaimed from itself
        self.tick_s = tick_s
        self.per_partition = isinstance(redis, RedisCluster)  # see the module's doc
        self._readers: dict[frozenset[int], tuple[asyncio.Event, asyncio.Task[None]]] = {}
        self._unclaimed: set[int] = set()  # newly leased: their orphans not taken over yet

    async def run(self, stop: asyncio.Event) -> None:
        """Tick the leases and keep the held partitions read until `stop`; then stop the
        readers (the leases are given back by `Leases.leave`, once handling is over)."""
        next_reclaim = time.monotonic() + RECLAIM_EVERY_S
        try:
            while not stop.is_set():
                settled = True
                try:
                    settled = await self._tick()
                    if time.monotonic() >= next_reclaim and self.leases.held:
                        next_reclaim = time.monotonic() + RECLAIM_EVERY_S
                        await self.process(await self._reclaim())
                except RedisError as exc:  # Redis is away: the readers retry on their own
                    log.warning("worker %s: lease tick: redis %s", self.name, type(exc).__name__)
                except Exception:  # a bug must not stop the worker
                    log.exception("worker %s: lease tick failed; continuing", self.name)
                with contextlib.suppress(TimeoutError):
                    # Rebalancing: tick often until this worker holds just its share.
                    await asyncio.wait_for(stop.wait(), self.tick_s if settled else REBALANCE_S)
        finally:
            for done, _ in self._readers.values():
                done.set()
            tasks = [task for _, task in self._readers.values()]
            if tasks:
                await asyncio.wait(tasks, timeout=STOP_READ_WAIT_S)
            for task in tasks:  # stuck past the wait: cancelled
                task.cancel()

    def groups(self, partitions: Collection[int]) -> set[frozenset[int]]:
        """The partitions each reader reads: all in one on one server, one each on a cluster."""
        if not partitions:
            return set()
        if self.per_partition:
            return {frozenset([n]) for n in partitions}
        return {frozenset(partitions)}

    async def _tick(self) -> bool:
        """Whether this worker holds exactly its share, every partition given back or read."""
        beat = await self.leases.tick()
        self._unclaimed = (self._unclaimed | set(beat.gained)) - set(beat.lost)
        wanted = self.groups(self.leases.held - set(beat.extra))
        for group in wanted:
            if group not in self._readers or self._readers[group][1].done():
                done = asyncio.Event()
                self._readers[group] = (done, asyncio.create_task(self._read(group, done)))
        for group, (done, task) in list(self._readers.items()):
            if group not in wanted:
                done.set()  # it ends after its current read
            if task.done():
                del self._readers[group]
        reading = {n for group in self._readers for n in group}
        back = [n for n in beat.extra if n not in reading]
        if back:
            await self.leases.give_back(back)
            log.info("worker %s gave back partitions %s", self.name, back)
        return not beat.extra and len(self.leases.held) == self.leases.share()

    async def _read(self, group: frozenset[int], done: asyncio.Event) -> None:
        fresh = True
        while not done.is_set():
            mine = sorted(n for n in group if self.leases.holds(n))
            if not mine:
                return
            try:
                if fresh:  # first lease, or after a Redis error (it may have lost the groups)
                    await ensure_groups(self.redis, self.keys, mine)
                    fresh = False
                batch = await self._take_over(mine)
                batch += await self._read_streams(mine)
                if batch:
                    await self.process(batch)
            except RedisError as exc:
                log.warning("worker %s: reading: redis %s", self.name, type(exc).__name__)
                fresh = True
                await asyncio.sleep(0.5)
            except Exception:  # a bug must not stop reading; the events stay pending
                log.exception("worker %s: reading: unexpected error", self.name)
                await asyncio.sleep(0.5)

    async def _take_over(self, partitions: list[int]) -> list[Pending]:
        taken: list[Pending] = []
        for n in partitions:
            if n in self._unclaimed:
                live = self.leases.live
                taken += await take_over(
                    self.redis, self.keys, self.name, n, live=live, opener=self.opener
                )
                self._unclaimed.discard(n)
        return taken

    async def _read_streams(self, partitions: list[int]) -> list[Pending]:
        streams = {self.keys.events(n): n for n in partitions}
        # RESP2 (our connection protocol) answers a list of (stream, entries) pairs.
        reply = cast(
            StreamReply,
            await self.redis.xreadgroup(
                CONSUMER_GROUP,
                self.name,
                dict.fromkeys(streams, ">"),
                count=READ_BATCH,
                block=READ_BLOCK_MS,
            ),
        )
        return [
            Pending.from_entry(i, f, streams[stream], self.opener)
            for stream, rows in reply or ()
            for i, f in rows
        ]

    async def _reclaim(self) -> list[Pending]:
        return await reclaim(
            self.redis,
            self.keys,
            self.name,
            sorted(self.leases.held),
            min_idle_ms=self.reclaim_idle_ms,
            skip=self.in_hand(),
            opener=self.opener,
        )
