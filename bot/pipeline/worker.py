"""The stream consumer: dedupe, per-person order and exclusivity, retries, dead letters.

Order: every event also sits in its person's inbox (ZSET by timestamp, written at ingest in
the same transaction). An event is handled only while it is the head of that inbox and only
under the person's lock, so two workers never handle one person's events at once or out of
order. Fairness: a worker routes what it reads into each person's run queue and moves on;
the one worker holding a person's lock drains their queue (bot/pipeline/run_queue.py). A
worker that dies leaves its events pending; another reclaims them after a while. One event's
turn is bot/pipeline/turns.py, draining one person's queue bot/pipeline/drain.py.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
import time
from collections import defaultdict
from collections.abc import Coroutine, Iterable
from typing import cast

from redis.asyncio import Redis
from redis.exceptions import RedisError

from bot.constants import (
    CONSUMER_GROUP,
    HEARTBEAT_S,
    READ_BATCH,
    READ_BLOCK_MS,
    RECLAIM_EVERY_S,
    RECLAIM_IDLE_MS,
    USER_CONCURRENCY,
    USER_LOCK_TTL_MS,
)
from bot.keys import Keys
from bot.lua import Scripts
from bot.metrics import Metrics
from bot.pipeline.claims import Claims
from bot.pipeline.dead_letters import DeadLetterSeal
from bot.pipeline.drain import Drain
from bot.pipeline.locks import UserLocks
from bot.pipeline.run_queue import RunQueues
from bot.pipeline.stream import Pending, Result, StreamReply, ensure_group, reclaim
from bot.pipeline.turns import EventHandler, Turns

log = logging.getLogger("privacybot.worker")
STOP_WAIT_S = 3.0  # at stop, how long drainers may take to finish their current event


class Worker:
    def __init__(
        self,
        redis: Redis,
        keys: Keys,
        handle: EventHandler,
        metrics: Metrics,
        name: str,
        *,
        reclaim_idle_ms: int = RECLAIM_IDLE_MS,
        heartbeat_s: float = HEARTBEAT_S,
        lock_ttl_ms: int = USER_LOCK_TTL_MS,
        seal: DeadLetterSeal | None = None,
        scripts: Scripts | None = None,
    ) -> None:
        self.redis = redis
        self.keys = keys
        self.name = name
        self.reclaim_idle_ms = reclaim_idle_ms
        scripts = scripts or Scripts(redis)  # the app passes the ones its services registered
        self.claims = Claims(redis, keys, scripts, lock_ttl_ms=lock_ttl_ms)
        self.heartbeat_s = heartbeat_s
        self._opener = seal.open_event if seal is not None else None
        self.queues = RunQueues(
            redis, keys, scripts=scripts, lock_ttl_ms=lock_ttl_ms, opener=self._opener
        )
        self.turns = Turns(
            redis, keys, handle=handle, metrics=metrics, claims=self.claims, seal=seal
        )
        self.drain = Drain(self.turns, self.queues, UserLocks(redis, keys, scripts))
        self._deferred: dict[str, Pending] = {}  # events without a person, to retry
        self._draining: dict[str, tuple[str, asyncio.Task[None]]] = {}  # psid -> token, task
        self._tasks: set[asyncio.Task[None]] = set()
        self._stop = asyncio.Event()
        self._slots = asyncio.Semaphore(USER_CONCURRENCY)

    async def run(self, stop: asyncio.Event) -> None:
        log.info("worker %s started", self.name)
        self._stop = stop
        heartbeat = asyncio.create_task(self._heartbeat(stop))
        try:
            await self._consume(stop)
            # Drainers stop after their current event and give their people back.
            if self._tasks:
                await asyncio.wait(self._tasks, timeout=STOP_WAIT_S)
        finally:
            heartbeat.cancel()
            for task in self._tasks:
                task.cancel()
        log.info("worker %s stopped", self.name)

    async def _heartbeat(self, stop: asyncio.Event) -> None:
        """One loop for the whole worker, not a task per event: cheap on the hot path."""
        while not stop.is_set():
            await asyncio.sleep(self.heartbeat_s)
            held = list(self.turns.in_flight.values())
            if not held:
                continue
            try:
                await self.claims.renew(self.name, held)
            except RedisError as exc:
                log.warning("worker %s: renew failed: %s", self.name, type(exc).__name__)

    async def _consume(self, stop: asyncio.Event) -> None:
        next_reclaim = 0.0
        while not stop.is_set():
            try:
                if next_reclaim == 0.0:
                    await ensure_group(self.redis, self.keys)
                batch = await self._read()
                if time.monotonic() >= next_reclaim:
                    batch += await self._reclaim()
                    next_reclaim = time.monotonic() + RECLAIM_EVERY_S
                await self.process(batch)
            except RedisError as exc:
                # Redis restarted without our group, or is away: recreate / wait, never die.
                log.warning("worker %s: redis error %s; retrying", self.name, type(exc).__name__)
                next_reclaim = 0.0
                await asyncio.sleep(0.5)
            except Exception:  # a bug must not stop the queue; the events stay pending
                log.exception("worker %s: unexpected error; continuing", self.name)
                await asyncio.sleep(0.5)

    async def _read(self) -> list[Pending]:
        block = 10 if self._deferred else READ_BLOCK_MS
        # RESP2 (our connection protocol) answers a list of (stream, entries) pairs.
        reply = cast(
            StreamReply,
            await self.redis.xreadgroup(
                CONSUMER_GROUP, self.name, {self.keys.events: ">"}, count=READ_BATCH, block=block
            ),
        )
        return [Pending.from_entry(i, f, self._opener) for _, rows in reply or () for i, f in rows]

    async def _reclaim(self) -> list[Pending]:
        return await reclaim(
            self.redis,
            self.keys,
            self.name,
            min_idle_ms=self.reclaim_idle_ms,
            skip=(self._deferred, self.turns.in_flight),  # live: read after the claim
            opener=self._opener,
        )

    async def process(self, fresh: Iterable[Pending]) -> None:
        """Route a batch: each person's events into their run queue, with a drainer started
        for each person nobody drains yet; events without a person run at once. Returns
        without waiting for the drainers, so reading goes on past one person's burst."""
        now = time.monotonic()
        due = [p for p in self._deferred.values() if p.not_before <= now]
        for pending in due:
            del self._deferred[pending.entry_id]
        per_person: dict[str, list[Pending]] = defaultdict(list)
        for pending in (*due, *fresh):
            if pending.psid:
                per_person[pending.psid].append(pending)
            else:
                self._spawn(self._run_solo(pending))
        if not per_person:
            return
        batches = {
            psid: (self._draining[psid][0] if psid in self._draining else secrets.token_hex(8), q)
            for psid, q in per_person.items()
        }
        for psid, outcome in (await self.queues.route(batches)).items():
            if outcome == 1:  # nobody drained this person: now we do
                token = batches[psid][0]
                self._draining[psid] = (token, self._spawn(self._drain(psid, token)))

    def _spawn(self, work: Coroutine[None, None, None]) -> asyncio.Task[None]:
        task = asyncio.create_task(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    async def _run_solo(self, pending: Pending) -> None:
        async with self._slots:
            if await self.turns.run(pending, token="") is Result.DEFERRED:
                self._deferred[pending.entry_id] = pending

    async def _drain(self, psid: str, token: str) -> None:
        """Handle the person's run queue in order under their lock until it is empty."""
        try:
            async with self._slots:
                await self.drain.queue(psid, token, self._stop)
        except RedisError as exc:  # the lock lapses; whoever routes them next drains on
            log.warning("drain stopped: redis %s", type(exc).__name__)
        finally:
            if self._draining.get(psid, ("", None))[1] is asyncio.current_task():
                del self._draining[psid]
