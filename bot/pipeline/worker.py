"""The stream consumer: dedupe, per-person order and exclusivity, retries, dead letters.

Order: every event also sits in its person's inbox (ZSET by timestamp, written at ingest in
the same transaction). An event is handled only while it is the head of that inbox and only
under the person's lock, so two workers never handle one person's events at once or out of
order. Fairness: a worker routes what it reads into each person's run queue and moves on;
the one worker holding a person's lock drains their queue (bot/pipeline/run_queue.py).
Partitions: a worker reads the streams of the partitions it leases (bot/pipeline/partitions.py,
bot/pipeline/reading.py); a person's events are all in their partition's stream. A worker that
dies leaves its events pending; whoever takes its partitions over claims them at once. One
event's turn is bot/pipeline/turns.py, draining one person's queue bot/pipeline/drain.py.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
import time
from collections import defaultdict
from collections.abc import Collection, Coroutine, Iterable

from redis.asyncio import Redis
from redis.exceptions import RedisError

from bot.constants import (
    HEARTBEAT_S,
    PARTITION_LEASE_MS,
    PARTITION_TICK_S,
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
from bot.pipeline.partitions import Leases
from bot.pipeline.reading import Readers
from bot.pipeline.run_queue import Person, RunQueues
from bot.pipeline.stream import Pending, Ref, Result
from bot.pipeline.turns import EventHandler, Turns

log = logging.getLogger("privacybot.worker")
STOP_WAIT_S = 3.0  # at stop, how long drainers may take to finish their current event
RETRY_TICK_S = 0.05  # how often events without a person waiting to be retried are looked at


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
        lease_ms: int = PARTITION_LEASE_MS,
        lease_tick_s: float = PARTITION_TICK_S,
    ) -> None:
        self.redis = redis
        self.keys = keys
        self.name = name
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
        self._deferred: dict[Ref, Pending] = {}  # events without a person, to retry
        self._draining: dict[Person, tuple[str, asyncio.Task[None]]] = {}  # -> token, task
        self._tasks: set[asyncio.Task[None]] = set()
        self._stop = asyncio.Event()
        self._slots = asyncio.Semaphore(USER_CONCURRENCY)
        self._to_route: list[tuple[list[Pending], asyncio.Future[None]]] = []
        self._router: asyncio.Task[None] | None = None
        self.leases = Leases(redis, keys, scripts, name, ttl_ms=lease_ms)
        self.readers = Readers(
            redis,
            keys,
            self.leases,
            self.process,
            opener=self._opener,
            reclaim_idle_ms=reclaim_idle_ms,
            in_hand=self._in_hand,
            tick_s=lease_tick_s,
        )

    async def run(self, stop: asyncio.Event) -> None:
        log.info("worker %s started", self.name)
        self._stop = stop
        beats = [asyncio.create_task(self._heartbeat(stop)), asyncio.create_task(self._retry(stop))]
        try:
            await self.readers.run(stop)
            # Drainers stop after their current event and give their people back.
            if self._tasks:
                await asyncio.wait(self._tasks, timeout=STOP_WAIT_S)
        finally:
            for task in (*beats, *self._tasks):
                task.cancel()
            # Last: what is left pending is claimed by whoever takes our partitions now.
            with contextlib.suppress(RedisError):
                await self.leases.leave()
        log.info("worker %s stopped", self.name)

    def _in_hand(self) -> list[Collection[Ref]]:
        return [self._deferred, self.turns.in_flight]

    async def _retry(self, stop: asyncio.Event) -> None:
        """Events without a person that failed wait here (not in a run queue) for their retry."""
        while not stop.is_set():
            await asyncio.sleep(RETRY_TICK_S)
            if self._deferred:
                try:
                    await self.process(())
                except RedisError as exc:
                    log.warning("worker %s: retry: redis %s", self.name, type(exc).__name__)

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

    async def process(self, fresh: Iterable[Pending]) -> None:
        """Route a batch: each person's events into their run queue, with a drainer started
        for each person nobody drains yet; events without a person run at once. Returns
        without waiting for the drainers, so reading goes on past one person's burst.

        Batches that arrive while a route is in flight (from several readers on a cluster,
        the reclaim, retries) share the next one: one round trip for all, not one each."""
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._to_route.append((list(fresh), done))
        if self._router is None or self._router.done():
            self._router = asyncio.create_task(self._route_waiting())
        await done

    async def _route_waiting(self) -> None:
        while self._to_route:
            waiting, self._to_route = self._to_route, []
            try:
                await self._route([p for batch, _ in waiting for p in batch])
            except Exception as exc:  # each caller sees it (the events stay pending)
                for _, done in waiting:
                    if not done.done():  # a caller that went away (cancelled) is not told
                        done.set_exception(exc)
            else:
                for _, done in waiting:
                    if not done.done():
                        done.set_result(None)

    async def _route(self, fresh: list[Pending]) -> None:
        now = time.monotonic()
        due = [p for p in self._deferred.values() if p.not_before <= now]
        for pending in due:
            del self._deferred[pending.ref]
        per_person: dict[Person, list[Pending]] = defaultdict(list)
        for pending in (*due, *fresh):
            if pending.psid:  # a person is (Page, PSID): PSIDs are Page-scoped
                per_person[self._person(pending)].append(pending)
            else:
                self._spawn(self._run_solo(pending))
        if not per_person:
            return
        batches = {
            who: (self._draining[who][0] if who in self._draining else secrets.token_hex(8), q)
            for who, q in per_person.items()
        }
        for who, outcome in (await self.queues.route(batches)).items():
            if outcome == 1:  # nobody drained this person: now we do
                token = batches[who][0]
                self._draining[who] = (token, self._spawn(self._drain(who, token)))

    def _person(self, pending: Pending) -> Person:
        """The event's person; an event queued before Pages belongs to the default Page."""
        return self.keys.for_page(pending.page).page, pending.psid

    def _spawn(self, work: Coroutine[None, None, None]) -> asyncio.Task[None]:
        task = asyncio.create_task(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    async def _run_solo(self, pending: Pending) -> None:
        async with self._slots:
            if await self.turns.run(pending, token="") is Result.DEFERRED:
                self._deferred[pending.ref] = pending

    async def _drain(self, person: Person, token: str) -> None:
        """Handle the person's run queue in order under their lock until it is empty."""
        try:
            async with self._slots:
                await self.drain.queue(person, token, self._stop)
        except RedisError as exc:  # the lock lapses; whoever routes them next drains on
            log.warning("drain stopped: redis %s", type(exc).__name__)
        finally:
            if self._draining.get(person, ("", None))[1] is asyncio.current_task():
                del self._draining[person]
