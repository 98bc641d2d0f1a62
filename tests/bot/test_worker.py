"""The event pipeline: ordering per person, exclusivity, reclaim, retries, dead letters."""

from __future__ import annotations

import asyncio
import json
import random
from collections import defaultdict
from collections.abc import AsyncIterator

import pytest
from redis.asyncio import Redis

from bot.keys import Keys
from bot.metrics import Metrics
from bot.pipeline.events import Envelope, MessagingEvent
from bot.pipeline.ingest import enqueue, queue_items
from bot.pipeline.stream import ensure_groups
from bot.pipeline.worker import Worker
from tests.helpers import envelope, eventually, text_event


class Recorder:
    """A handler that records what it handled and checks no person is handled twice at once."""

    def __init__(self, delay: float = 0.0, fail_first: int = 0) -> None:
        self.handled: dict[str, list[int]] = defaultdict(list)
        self.busy: set[str] = set()
        self.overlaps = 0
        self.delay = delay
        self.failures_left = fail_first

    async def __call__(self, event: MessagingEvent) -> None:
        if event.psid in self.busy:
            self.overlaps += 1
        self.busy.add(event.psid)
        try:
            await asyncio.sleep(random.uniform(0, self.delay))
            if self.failures_left > 0:
                self.failures_left -= 1
                raise RuntimeError("handler failed")
            self.handled[event.psid].append(event.timestamp)
        finally:
            self.busy.discard(event.psid)


@pytest.fixture
def keys(prefix: str) -> Keys:
    return Keys(prefix)


async def ingest(redis: Redis, keys: Keys, *events: dict[str, object]) -> None:
    queued, invalid = queue_items(Envelope.model_validate(envelope(*events, per_entry=len(events))))
    await enqueue(redis, keys, queued, invalid)


@pytest.fixture
async def running() -> AsyncIterator[list[tuple[asyncio.Event, asyncio.Task[None]]]]:
    tasks: list[tuple[asyncio.Event, asyncio.Task[None]]] = []
    yield tasks
    for stop, task in tasks:
        stop.set()
        await asyncio.wait_for(task, 5)


def start(worker: Worker, tasks: list[tuple[asyncio.Event, asyncio.Task[None]]]) -> None:
    stop = asyncio.Event()
    tasks.append((stop, asyncio.create_task(worker.run(stop))))


async def test_two_workers_keep_each_persons_order_and_never_overlap(
    redis: Redis, keys: Keys, running: list[tuple[asyncio.Event, asyncio.Task[None]]]
) -> None:
    recorder = Recorder(delay=0.005)
    people = [f"p-two-{i}" for i in range(4)]
    base = 1_700_000_000_000
    for round_ in range(10):
        batch = [text_event(p, "hi", ts=base + round_ * 10 + j) for j, p in enumerate(people)]
        random.shuffle(batch)
        await ingest(redis, keys, *batch)
    for name in ("a", "b"):
        start(Worker(redis, keys, recorder, Metrics(), name), running)
    await eventually(lambda: sum(map(len, recorder.handled.values())) == 40, timeout=15)
    for person in people:
        assert recorder.handled[person] == sorted(recorder.handled[person])
        assert len(recorder.handled[person]) == 10
    assert recorder.overlaps == 0


async def test_a_dead_workers_events_are_reclaimed_and_handled_once(
    redis: Redis, keys: Keys, running: list[tuple[asyncio.Event, asyncio.Task[None]]]
) -> None:
    await ensure_groups(redis, keys, keys.every_partition)
    await ingest(redis, keys, *[text_event(f"p-dead-{i}", "hi") for i in range(5)])
    # Worker "crashed" took the batch and died before acknowledging any of it.
    taken = 0
    for n in keys.every_partition:  # one stream per partition
        reply = await redis.xreadgroup("workers", "crashed", {keys.events(n): ">"}, count=100)
        taken += sum(len(rows) for _, rows in reply)
    assert taken == 5
    recorder = Recorder()
    start(Worker(redis, keys, recorder, Metrics(), "rescuer", reclaim_idle_ms=50), running)
    await eventually(lambda: sum(map(len, recorder.handled.values())) == 5, timeout=10)
    await eventually(lambda: _pending(redis, keys), timeout=5)
    await asyncio.sleep(0.2)
    assert all(len(times) == 1 for times in recorder.handled.values())


async def _pending(redis: Redis, keys: Keys) -> bool:
    for n in keys.every_partition:
        info = await redis.xpending(keys.events(n), "workers")
        if int(info["pending"]):
            return False
    return True


async def test_a_failing_event_is_retried_then_succeeds(
    redis: Redis, keys: Keys, running: list[tuple[asyncio.Event, asyncio.Task[None]]]
) -> None:
    recorder = Recorder(fail_first=2)
    await ingest(redis, keys, text_event("p-retry", "hi"))
    start(Worker(redis, keys, recorder, Metrics(), "w"), running)
    await eventually(lambda: len(recorder.handled["p-retry"]) == 1, timeout=10)
    assert await redis.xlen(keys.dead_letters) == 0


async def test_an_event_failing_five_times_is_dead_lettered_and_the_queue_moves_on(
    redis: Redis, keys: Keys, running: list[tuple[asyncio.Event, asyncio.Task[None]]]
) -> None:
    recorder = Recorder(fail_first=5)
    first = text_event("p-poison", "first", ts=1_700_000_000_000)
    second = text_event("p-poison", "second", ts=1_700_000_000_001)
    await ingest(redis, keys, first, second)
    start(Worker(redis, keys, recorder, Metrics(), "w"), running)
    await eventually(lambda: len(recorder.handled["p-poison"]) == 1, timeout=15)
    assert recorder.handled["p-poison"] == [second["timestamp"]]
    dead = await redis.xrange(keys.dead_letters)
    assert len(dead) == 1
    assert json.loads(dead[0][1]["e"])["message"]["text"] == "first"
    assert dead[0][1]["error"] == "RuntimeError" and dead[0][1]["attempts"] == "5"
    # An entry id is unique in its partition's stream only: the letter names both.
    assert dead[0][1]["partition"] == str(keys.partition("p-poison")) and dead[0][1]["id"]


async def test_a_slow_event_is_not_handled_twice_while_its_worker_still_works_on_it(
    redis: Redis, keys: Keys, running: list[tuple[asyncio.Event, asyncio.Task[None]]]
) -> None:
    """Graph retries can keep one event busy longer than the lock and the reclaim time:
    the worker renews both while it works, so a second worker never takes it over."""
    await ensure_groups(redis, keys, keys.every_partition)
    slow = Recorder()

    async def takes_long(event: MessagingEvent) -> None:
        await asyncio.sleep(2.5)
        await slow(event)

    quick = dict(reclaim_idle_ms=600, heartbeat_s=0.1, lock_ttl_ms=1000)
    start(Worker(redis, keys, takes_long, Metrics(), "slow", **quick), running)
    await ingest(redis, keys, text_event("p-slow", "hi"))
    await asyncio.sleep(0.2)  # the first worker has it
    other = Recorder()
    start(Worker(redis, keys, other, Metrics(), "other", **quick), running)
    await eventually(lambda: len(slow.handled["p-slow"]) == 1, timeout=5)
    await eventually(lambda: _pending(redis, keys), timeout=5)
    assert other.handled["p-slow"] == []


@pytest.mark.parametrize("workers", [1, 2])
async def test_one_persons_burst_neither_starves_others_nor_loses_its_order(
    redis: Redis,
    keys: Keys,
    running: list[tuple[asyncio.Event, asyncio.Task[None]]],
    workers: int,
) -> None:
    base = 1_700_000_000_000
    burst = [text_event("p-burst", f"m{i}", ts=base + i) for i in range(300)]
    for start_at in range(0, len(burst), 50):
        await ingest(redis, keys, *burst[start_at : start_at + 50])
    await ingest(redis, keys, text_event("p-other", "hi", ts=base + 1000))
    recorder = Recorder(delay=0.01)
    burst_done_when_other_served: list[int] = []

    async def handle(event: MessagingEvent) -> None:
        await recorder(event)
        if event.psid == "p-other":
            burst_done_when_other_served.append(len(recorder.handled["p-burst"]))

    for name in ("a", "b")[:workers]:
        start(Worker(redis, keys, handle=handle, metrics=Metrics(), name=name), running)
    await eventually(lambda: len(recorder.handled["p-burst"]) == 300, timeout=30)
    assert burst_done_when_other_served[0] < 100  # served long before the burst drained
    assert recorder.handled["p-burst"] == [e["timestamp"] for e in burst]
    assert recorder.overlaps == 0


async def test_many_events_sharing_one_timestamp_are_all_handled(
    redis: Redis, keys: Keys, running: list[tuple[asyncio.Event, asyncio.Task[None]]]
) -> None:
    """Meta's timestamps can be whole seconds: a burst of one person's events may all share
    one. More ties than one take of the run queue (64) used to stall that person for good."""
    recorder = Recorder()
    same = 1_700_000_000_000
    for start_at in range(0, 200, 50):
        await ingest(
            redis,
            keys,
            *(text_event("p-ties", "hi", ts=same) for _ in range(start_at, start_at + 50)),
        )
    start(Worker(redis, keys, recorder, Metrics(), "w-ties"), running)
    await eventually(lambda: len(recorder.handled["p-ties"]) == 200, timeout=30)
    assert recorder.overlaps == 0
