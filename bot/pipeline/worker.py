"""The stream consumer: dedupe, per-person order and exclusivity, retries, dead letters.

Order: every event also sits in its person's inbox (ZSET by timestamp, written at ingest in
the same transaction). An event is handled only while it is the head of that inbox and only
under the person's lock, so two workers never handle one person's events at once or out of
order. Fairness: a worker routes what it reads into each person's run queue and moves on;
the one worker holding a person's lock drains their queue (bot/pipeline/run_queue.py). A
worker that dies leaves its events pending; another reclaims them after a while.
"""

from __future__ import annotations

import asyncio
import json
import logging
import secrets
import time
from collections import defaultdict
from collections.abc import Awaitable, Callable, Coroutine, Iterable
from typing import cast

from redis.asyncio import Redis
from redis.exceptions import RedisError

from bot.constants import (
    CONSUMER_GROUP,
    HEARTBEAT_S,
    MAX_ATTEMPTS,
    READ_BATCH,
    READ_BLOCK_MS,
    RECLAIM_EVERY_S,
    RECLAIM_IDLE_MS,
    RETRY_DELAY_S,
    USER_CONCURRENCY,
    USER_LOCK_TTL_MS,
)
from bot.keys import Keys
from bot.lua import Scripts
from bot.metrics import Metrics
from bot.pipeline.claims import Claim, Claims
from bot.pipeline.dead_letters import DeadLetterSeal, plain_fields
from bot.pipeline.events import MessagingEvent, parse_event
from bot.pipeline.locks import UserLocks
from bot.pipeline.run_queue import RunQueues
from bot.pipeline.stream import Pending, Result, StreamReply, ensure_group

log = logging.getLogger("privacybot.worker")
NOT_HEAD_PATIENCE_S = 2.0  # a drainer waits this long for an earlier event to be routed
STOP_WAIT_S = 3.0  # at stop, how long drainers may take to finish their current event

EventHandler = Callable[[MessagingEvent], Awaitable[None]]


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
        self.handle = handle
        self.metrics = metrics
        self.name = name
        self.reclaim_idle_ms = reclaim_idle_ms
        scripts = scripts or Scripts(redis)  # the app passes the ones its services registered
        self.locks = UserLocks(redis, keys, scripts)
        self.claims = Claims(redis, keys, scripts, lock_ttl_ms=lock_ttl_ms)
        self.heartbeat_s = heartbeat_s
        self.seal = seal
        self._opener = seal.open_event if seal is not None else None
        self.queues = RunQueues(
            redis, keys, scripts=scripts, lock_ttl_ms=lock_ttl_ms, opener=self._opener
        )
        self._deferred: dict[str, Pending] = {}  # events without a person, to retry
        self._draining: dict[str, tuple[str, asyncio.Task[None]]] = {}  # psid -> token, task
        self._tasks: set[asyncio.Task[None]] = set()
        self._stop = asyncio.Event()
        self._in_flight: dict[str, tuple[str, str, str]] = {}  # entry id -> renew arguments
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
            held = list(self._in_flight.values())
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
        """Events another (dead) consumer took and never acknowledged."""
        reply = await self.redis.xautoclaim(
            self.keys.events,
            CONSUMER_GROUP,
            self.name,
            min_idle_time=self.reclaim_idle_ms,
            start_id="0-0",
            count=READ_BATCH,
        )
        # Redis 7 adds the ids of entries deleted meanwhile; Redis 6.2 returns them as None.
        entries = reply[1]
        deleted = [i for i, f in entries if not f] + (reply[2] if len(reply) > 2 else [])
        if deleted:
            await self.redis.xack(self.keys.events, CONSUMER_GROUP, *deleted)
        mine = self._deferred.keys() | self._in_flight.keys()
        claimed = [
            Pending.from_entry(i, f, self._opener) for i, f in entries if f and i not in mine
        ]
        if claimed:
            log.info("worker %s reclaimed %d events", self.name, len(claimed))
        return claimed

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
            if await self._run(pending, token="") is Result.DEFERRED:
                self._deferred[pending.entry_id] = pending

    async def _drain(self, psid: str, token: str) -> None:
        """Handle the person's run queue in order under their lock until it is empty."""
        try:
            async with self._slots:
                await self._drain_queue(psid, token)
        except RedisError as exc:  # the lock lapses; whoever routes them next drains on
            log.warning("drain stopped: redis %s", type(exc).__name__)
        finally:
            if self._draining.get(psid, ("", None))[1] is asyncio.current_task():
                del self._draining[psid]

    async def _drain_queue(self, psid: str, token: str) -> None:
        stalled_since: float | None = None
        while True:
            if self._stop.is_set():
                await self.locks.release(psid, token)
                return
            batch = await self.queues.take(psid)
            if not batch:
                if await self.queues.release_if_idle(psid, token):
                    return
                continue
            left, outcome = await self._drain_batch(batch, token)
            await self.queues.put_back(psid, left)
            if outcome is Result.LOST:
                return
            if outcome is Result.NOT_HEAD:
                # The head is still with a worker that has not routed it (or a dead one's,
                # reclaimed later): wait a little, then let whoever routes it drain.
                stalled_since = stalled_since or time.monotonic()
                if time.monotonic() - stalled_since > NOT_HEAD_PATIENCE_S:
                    await self.locks.release(psid, token)
                    return
                await asyncio.sleep(RETRY_DELAY_S / 5)
                continue
            stalled_since = None
            if outcome is Result.DEFERRED:  # a failed turn: retry it after its back-off
                await asyncio.sleep(max(0.0, left[0].not_before - time.monotonic()))

    async def _drain_batch(self, batch: list[Pending], token: str) -> tuple[list[Pending], Result]:
        """Handle what can be handled; returns what is left and why (DONE: some progress)."""
        left: list[Pending] = []
        progressed = False
        for index, pending in enumerate(batch):
            result = await self._process_one(pending, token)
            if result is Result.NOT_HEAD:
                left.append(pending)
            elif result in (Result.LOST, Result.DEFERRED):
                return left + batch[index:], result
            else:
                progressed = True
        return left, Result.DONE if progressed or not left else Result.NOT_HEAD

    async def _process_one(self, pending: Pending, token: str) -> Result:
        claim, _ = await self.claims.claim(pending.psid, pending.key, token)
        if claim is Claim.BUSY:
            return Result.LOST
        if claim is Claim.NOT_HEAD:
            return Result.NOT_HEAD
        if claim is Claim.DUPLICATE:
            self.metrics.events_duplicate.inc()
            await self._finish(pending, handled=False, token="")
            return Result.DUPLICATE
        return await self._run(pending, token=token)

    async def _run(self, pending: Pending, *, token: str) -> Result:
        started = time.perf_counter()
        self._in_flight[pending.entry_id] = (pending.psid, pending.entry_id, token)
        try:
            event = parse_event(json.loads(pending.raw))
            await self.handle(event)
        except Exception as exc:  # the one place a handler failure is caught: retry or dead-letter
            return await self._failed(pending, exc, token)
        finally:
            del self._in_flight[pending.entry_id]
        self.metrics.handling_seconds.observe(time.perf_counter() - started)
        self.metrics.events_handled.labels(kind=event.kind.split(":")[0]).inc()
        await self._finish(pending, handled=True, token="")  # the drainer keeps the lock
        return Result.DONE

    async def _failed(self, pending: Pending, exc: Exception, token: str) -> Result:
        self.metrics.events_failed.inc()
        attempts = int(await self.redis.hincrby(self.keys.attempts, pending.entry_id, 1))
        error = f"{type(exc).__name__}: {exc}" if hasattr(exc, "label") else type(exc).__name__
        log.warning("event %s failed attempt=%d error=%s", pending.entry_id, attempts, error)
        if attempts < MAX_ATTEMPTS:  # a drainer keeps the lock while it waits to retry
            pending.not_before = time.monotonic() + RETRY_DELAY_S * 2**attempts
            return Result.DEFERRED
        letter = self.seal.fields if self.seal is not None else plain_fields
        fields = letter(pending.raw, error=error, attempts=attempts, entry_id=pending.entry_id)
        await self.redis.xadd(self.keys.dead_letters, fields)  # type: ignore[arg-type]
        self.metrics.events_dead.inc()
        await self._finish(pending, handled=False, token="")
        return Result.DEAD

    async def _finish(self, pending: Pending, *, handled: bool, token: str) -> None:
        await self.claims.finish(
            pending.psid, pending.key, pending.entry_id, handled=handled, token=token
        )
