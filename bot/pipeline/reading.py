"""Reading the events streams of the partitions this worker leases (bot/pipeline/partitions.py).

One reader task per leased partition, each a blocking XREADGROUP of its one stream: a read
never names two partitions' streams, which a Redis Cluster refuses (CROSSSLOT) since each
partition has a slot of its own. Idle, each reader wakes once per READ_BLOCK_MS; under load
each read returns as soon as its partition has events, with no polling delay. (Pipelined
non-blocking reads of every held partition with a back-off would cost a round trip per
back-off even when idle and add up to the back-off to every event's wait.)

A partition just leased first gets its consumer group (created on first lease) and the
entries that consumers no longer alive left pending (`take_over`); every RECLAIM_EVERY_S
the entries idle past `reclaim_idle_ms` in every held partition are reclaimed as before.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable, Collection, Iterable, Sequence
from typing import cast

from redis.asyncio import Redis
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
        self._readers: dict[int, tuple[asyncio.Event, asyncio.Task[None]]] = {}

    async def run(self, stop: asyncio.Event) -> None:
        """Tick the leases and keep one reader per held partition until `stop`; then stop the
        readers (the leases are given back by `Leases.leave`, once handling is over)."""
        next_reclaim = time.monotonic() + RECLAIM_EVERY_S
        try:
            while not stop.is_set():
                try:
                    await self._tick()
                    if time.monotonic() >= next_reclaim and self.leases.held:
                        next_reclaim = time.monotonic() + RECLAIM_EVERY_S
                        await self.process(await self._reclaim())
                except RedisError as exc:  # Redis is away: the readers retry on their own
                    log.warning("worker %s: lease tick: redis %s", self.name, type(exc).__name__)
                except Exception:  # a bug must not stop the worker
                    log.exception("worker %s: lease tick failed; continuing", self.name)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), self.tick_s)
        finally:
            await self._stop_readers(list(self._readers))
            for _, task in self._readers.values():  # stuck past the wait: cancelled
                task.cancel()

    async def _tick(self) -> None:
        beat = await self.leases.tick()
        wanted = self.leases.held - set(beat.extra)
        for n in wanted:
            if n not in self._readers or self._readers[n][1].done():
                self._start(n)
        unwanted = [n for n in self._readers if n not in wanted]
        stopped = await self._stop_readers(unwanted)
        back = [n for n in beat.extra if n in stopped]
        if back:
            await self.leases.give_back(back)
            log.info("worker %s gave back partitions %s", self.name, back)

    def _start(self, n: int) -> None:
        done = asyncio.Event()
        self._readers[n] = (done, asyncio.create_task(self._read_partition(n, done)))

    async def _stop_readers(self, partitions: list[int]) -> set[int]:
        """Ask these readers to stop after their current read; the ones that stopped."""
        for n in partitions:
            self._readers[n][0].set()
        tasks = {self._readers[n][1]: n for n in partitions}
        if tasks:
            await asyncio.wait(tasks, timeout=STOP_READ_WAIT_S)
        stopped = {n for task, n in tasks.items() if task.done()}
        for n in stopped:
            del self._readers[n]
        return stopped

    async def _read_partition(self, n: int, done: asyncio.Event) -> None:
        fresh = True
        while not done.is_set() and self.leases.holds(n):
            try:
                batch: list[Pending] = []
                if fresh:  # first lease, or after a Redis error (it may have lost the group)
                    await ensure_groups(self.redis, self.keys, [n])
                    live = self.leases.live
                    batch = await take_over(
                        self.redis, self.keys, self.name, n, live=live, opener=self.opener
                    )
                    fresh = False
                batch += await self._read(n)
                if batch:
                    await self.process(batch)
            except RedisError as exc:
                log.warning("worker %s: partition %d: redis %s", self.name, n, type(exc).__name__)
                fresh = True
                await asyncio.sleep(0.5)
            except Exception:  # a bug must not stop the partition; its events stay pending
                log.exception("worker %s: partition %d: unexpected error", self.name, n)
                await asyncio.sleep(0.5)

    async def _read(self, n: int) -> list[Pending]:
        # RESP2 (our connection protocol) answers a list of (stream, entries) pairs.
        reply = cast(
            StreamReply,
            await self.redis.xreadgroup(
                CONSUMER_GROUP,
                self.name,
                {self.keys.events(n): ">"},
                count=READ_BATCH,
                block=READ_BLOCK_MS,
            ),
        )
        return [
            Pending.from_entry(i, f, n, self.opener) for _, rows in reply or () for i, f in rows
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
