"""Partition leases: every partition is read by exactly one live worker; a worker that stops or
dies hands its partitions over within seconds, one that joins gets its share, and no event is
lost or handled twice meanwhile (events keep arriving throughout)."""

from __future__ import annotations

import asyncio
import contextlib
import random
import time
from collections import Counter
from collections.abc import AsyncIterator
from pathlib import Path
from typing import cast

import pytest
from redis.asyncio import Redis
from redis.asyncio.cluster import RedisCluster
from redis.exceptions import RedisError

from bot.keys import Keys
from bot.metrics import Metrics
from bot.pipeline.events import Envelope, MessagingEvent
from bot.pipeline.ingest import enqueue, queue_items
from bot.pipeline.turns import EventHandler
from bot.pipeline.worker import Worker
from tests.helpers import envelope, eventually, text_event

# Short lease, lock and reclaim times, so that a test sees a whole takeover in seconds.
QUICK = {
    "lease_ms": 1500,
    "lease_tick_s": 0.2,
    "lock_ttl_ms": 1500,
    "heartbeat_s": 0.3,
    "reclaim_idle_ms": 2000,
}
TAKEOVER_S = 4.0  # a lease time, a tick and a reader's start, with room for a loaded machine


class Ledger:
    """What every worker handled, and whether one person was ever handled twice at once."""

    def __init__(self) -> None:
        self.handled: Counter[tuple[str, int]] = Counter()
        self.busy: set[str] = set()
        self.overlaps = 0
        self.frozen: set[str] = set()  # workers whose handlers hang from now on (a crash)

    def handler(self, worker: str) -> EventHandler:
        async def handle(event: MessagingEvent) -> None:
            if event.psid in self.busy:
                self.overlaps += 1
            self.busy.add(event.psid)
            try:
                await asyncio.sleep(random.uniform(0, 0.01))
                if worker in self.frozen:  # a dead worker's turn: it ends with it, never done
                    self.busy.discard(event.psid)
                    await asyncio.Event().wait()
                self.handled[(event.psid, event.timestamp)] += 1
            finally:
                self.busy.discard(event.psid)

        return handle


class Link:
    """A unix socket relaying bytes to the test's Redis, that can be cut like a dead process's."""

    def __init__(self, redis: Redis) -> None:
        self.target = redis.connection_pool.connection_kwargs
        self.server: asyncio.Server | None = None
        self.writers: list[asyncio.StreamWriter] = []

    async def open(self, path: Path) -> str:
        self.server = await asyncio.start_unix_server(self._relay, path=str(path))
        return f"unix://{path}"

    async def _relay(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        if "path" in self.target:
            up_reader, up_writer = await asyncio.open_unix_connection(self.target["path"])
        else:
            up_reader, up_writer = await asyncio.open_connection(
                self.target["host"], self.target["port"]
            )
        self.writers += [writer, up_writer]
        await asyncio.gather(_pump(reader, up_writer), _pump(up_reader, writer))

    async def cut(self) -> None:
        assert self.server is not None
        self.server.close()
        for writer in self.writers:
            writer.close()


async def _pump(source: asyncio.StreamReader, sink: asyncio.StreamWriter) -> None:
    with contextlib.suppress(ConnectionError, OSError):
        while chunk := await source.read(65536):
            sink.write(chunk)
            await sink.drain()
    sink.close()


class Fleet:
    def __init__(
        self,
        tmp: Path,
        redis_url: str,
        redis: Redis,
        keys: Keys,
        ledger: Ledger,
        *,
        per_partition: bool,
    ) -> None:
        self.tmp = tmp
        self.redis_url = redis_url
        self.cluster = isinstance(redis, RedisCluster)  # the suite's cluster run
        self.links: dict[str, Link] = {}
        self.redis = redis
        self.keys = keys
        self.ledger = ledger
        self.per_partition = per_partition  # readers as on a cluster: one per partition
        self.workers: dict[str, tuple[Worker, asyncio.Event, asyncio.Task[None]]] = {}
        self.clients: list[Redis] = []
        self.dead: list[tuple[asyncio.Event, asyncio.Task[None]]] = []

    async def start(self, name: str) -> Worker:
        """A worker with a client of its own; on one server through a link of its own to Redis
        (so that it can be cut off alone)."""
        client = await self._client(name)
        self.clients.append(client)
        worker = Worker(client, self.keys, self.ledger.handler(name), Metrics(), name, **QUICK)
        worker.readers.per_partition = self.per_partition
        stop = asyncio.Event()
        self.workers[name] = (worker, stop, asyncio.create_task(worker.run(stop)))
        return worker

    async def stop(self, name: str) -> None:
        _, stop, task = self.workers.pop(name)
        stop.set()
        await asyncio.wait({task}, timeout=10)
        assert task.done(), f"worker {name} did not stop"

    async def _client(self, name: str) -> Redis:
        if self.cluster:
            return cast(Redis, RedisCluster.from_url(self.redis_url, decode_responses=True))
        link = self.links[name] = Link(self.redis)
        return Redis.from_url(await link.open(self.tmp / f"{name}.sock"), decode_responses=True)

    async def crash(self, name: str) -> set[int]:
        """Dies mid-event: its turns never end and its link to Redis is cut (as a process
        that died: nothing given back, nothing renewed). Returns what it held."""
        worker, stop, task = self.workers.pop(name)
        self.dead.append((stop, task))  # stopped at the end of the test
        self.ledger.frozen.add(name)
        await asyncio.sleep(0.3)  # every turn of it now hangs in its handler, none half-done
        await self.links[name].cut()
        return set(worker.leases.held)

    async def evenly_shared(self) -> bool:
        """Every partition leased to exactly one running worker, shares differing by one at
        most, and each worker reading what it holds."""
        holders = await asyncio.gather(
            *(self.redis.get(self.keys.partition_lease(n)) for n in self.keys.every_partition)
        )
        held = {name: worker.leases.held for name, (worker, _, _) in self.workers.items()}
        if any(holder not in held for holder in holders):
            return False
        if sorted(n for mine in held.values() for n in mine) != list(self.keys.every_partition):
            return False
        sizes = [len(mine) for mine in held.values()]
        return max(sizes) - min(sizes) <= 1 and all(
            holders[n] == name for name, mine in held.items() for n in mine
        )


async def send_throughout(
    redis: Redis, keys: Keys, sent: list[tuple[str, int]], stop: asyncio.Event
) -> None:
    """Events from 60 people, a few every 30 ms, until `stop`."""
    while not stop.is_set():
        events = [text_event(f"p-lease-{random.randrange(60)}", "hi") for _ in range(4)]
        queued, invalid = queue_items(Envelope.model_validate(envelope(*events, per_entry=4)))
        await enqueue(redis, keys, queued, invalid)
        sent.extend((str(e["sender"]["id"]), int(e["timestamp"])) for e in events)
        await asyncio.sleep(0.03)


@pytest.fixture(params=[False, True], ids=["one reader", "a reader per partition"])
async def fleet(
    tmp_path: Path, redis_url: str, redis: Redis, prefix: str, request: pytest.FixtureRequest
) -> AsyncIterator[Fleet]:
    if isinstance(redis, RedisCluster) and not request.param:
        pytest.skip("a cluster refuses one read naming several partitions' streams (CROSSSLOT)")
    ledger = Ledger()
    fleet = Fleet(tmp_path, redis_url, redis, Keys(prefix), ledger, per_partition=request.param)
    yield fleet
    for name in list(fleet.workers):
        await fleet.stop(name)
    for stop, task in fleet.dead:
        stop.set()
        await asyncio.wait({task}, timeout=10)
    for client in fleet.clients:
        with contextlib.suppress(RedisError):
            await client.aclose()
    for link in fleet.links.values():
        await link.cut()


class Sender:
    def __init__(self, fleet: Fleet) -> None:
        self.sent: list[tuple[str, int]] = []
        self.stop = asyncio.Event()
        self.task = asyncio.create_task(
            send_throughout(fleet.redis, fleet.keys, self.sent, self.stop)
        )


async def until_all_handled(fleet: Fleet, sender: Sender) -> None:
    sender.stop.set()
    await sender.task
    sent = sender.sent
    await eventually(lambda: set(fleet.ledger.handled) >= set(sent), timeout=30)
    await asyncio.sleep(0.5)  # anything handled a second time would show by now
    assert set(fleet.ledger.handled) == set(sent)
    assert [key for key, times in fleet.ledger.handled.items() if times > 1] == []
    assert fleet.ledger.overlaps == 0


async def test_workers_share_the_partitions_and_hand_them_over_when_one_stops_or_joins(
    fleet: Fleet, redis: Redis
) -> None:
    sender = Sender(fleet)
    for name in ("a", "b", "c"):
        await fleet.start(name)
    await eventually(fleet.evenly_shared, timeout=10)  # 6, 5 and 5 of 16
    await asyncio.sleep(0.5)
    stopped = time.monotonic()
    await fleet.stop("b")
    await eventually(fleet.evenly_shared, timeout=TAKEOVER_S)  # 8 and 8
    print(f"a stopped worker's partitions taken over in {time.monotonic() - stopped:.1f} s")
    await fleet.start("d")
    await eventually(fleet.evenly_shared, timeout=TAKEOVER_S)  # back to 6, 5 and 5
    await asyncio.sleep(0.5)
    await until_all_handled(fleet, sender)


async def test_a_dead_workers_partitions_and_events_in_flight_are_taken_over(
    fleet: Fleet, redis: Redis
) -> None:
    if fleet.cluster:
        pytest.skip("a dead worker is simulated by cutting its link to one Redis server")
    sender = Sender(fleet)
    for name in ("a", "b", "c"):
        await fleet.start(name)
    await eventually(fleet.evenly_shared, timeout=10)
    await asyncio.sleep(0.5)
    died = time.monotonic()
    held = await fleet.crash("b")
    assert await redis.get(fleet.keys.partition_lease(min(held))) == "b"  # nothing given back
    # Its leases lapse (1.5 s) and the others take them over.
    await eventually(fleet.evenly_shared, timeout=TAKEOVER_S + 1.5)
    print(f"a dead worker's partitions taken over in {time.monotonic() - died:.1f} s")
    await until_all_handled(fleet, sender)
