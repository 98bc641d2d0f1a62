"""Fairness: one person's burst while others write, with 1 and with 2 workers.

Worker level (no HTTP): an embedded Redis in a temporary directory, BURST events of one person
enqueued as ingest does, then the workers start; meanwhile OTHERS other people each write one
event every 20 ms. A handler that takes ~1 ms per event (a Graph send) stands in for the bot.
Prints the burst's drain time and the others' reply latency (p50, max) per worker count.
Goals (issue 13): the drain is no slower with 2 workers; others' p50 stays in milliseconds.
Env: BENCH_BURST (default 5000), BENCH_OTHERS (default 100).
"""

from __future__ import annotations

import asyncio
import os
import tempfile
import time
from pathlib import Path

import _bench as b
from redis.asyncio import Redis

from bot.keys import Keys
from bot.metrics import Metrics
from bot.pipeline.events import Envelope, MessagingEvent
from bot.pipeline.ingest import enqueue, queue_items
from bot.pipeline.stream import ensure_groups
from bot.pipeline.worker import Worker
from bot.redis_server import EmbeddedRedis
from tests.helpers import envelope, text_event

BURST = int(os.environ.get("BENCH_BURST", "5000"))
OTHERS = int(os.environ.get("BENCH_OTHERS", "100"))


async def put(redis: Redis, keys: Keys, events: list[dict[str, object]]) -> None:
    queued, invalid = queue_items(Envelope.model_validate(envelope(*events, per_entry=50)))
    await enqueue(redis, keys, queued, invalid=invalid)


async def run(redis: Redis, workers: int) -> tuple[float, list[float]]:
    keys = Keys(f"fair{workers}")
    await ensure_groups(redis, keys, keys.every_partition)
    base = int(time.time() * 1000)
    burst = [text_event("p-burst", f"m{i}", ts=base + i) for i in range(BURST)]
    for start in range(0, BURST, 500):
        await put(redis, keys, burst[start : start + 500])
    sent: dict[str, float] = {}
    latency: list[float] = []
    drained = asyncio.Event()
    handled = 0

    async def handle(event: MessagingEvent) -> None:
        nonlocal handled
        await asyncio.sleep(0.001)
        if event.psid == "p-burst":
            handled += 1
            if handled == BURST:
                drained.set()
        elif event.psid in sent:
            latency.append(time.monotonic() - sent.pop(event.psid))

    stop = asyncio.Event()
    started = time.monotonic()
    tasks = [
        asyncio.create_task(
            Worker(redis, keys, handle=handle, metrics=Metrics(), name=f"w{n}").run(stop)
        )
        for n in range(workers)
    ]
    for n in range(OTHERS):
        if drained.is_set():
            break
        sent[f"p-other-{n}"] = time.monotonic()
        await put(redis, keys, [text_event(f"p-other-{n}", "hi", ts=base + BURST + n)])
        await asyncio.sleep(0.02)
    await asyncio.wait_for(drained.wait(), timeout=600)
    drain = time.monotonic() - started
    await asyncio.sleep(0.5)
    stop.set()
    await asyncio.gather(*tasks)
    return drain, latency


async def main() -> None:
    b.print_machine()
    with tempfile.TemporaryDirectory() as tmp:
        server = EmbeddedRedis(Path(tmp), persistent=False)
        server.start()
        redis = Redis.from_url(server.url, decode_responses=True)
        try:
            for workers in (1, 2):
                drain, latency = await run(redis, workers)
                p50 = b.percentile(latency, 50) * 1000 if latency else float("nan")
                worst = max(latency) * 1000 if latency else float("nan")
                print(
                    f"workers={workers} burst={BURST} drain={drain:.2f}s "
                    f"({BURST / drain:.0f} events/s) others n={len(latency)} "
                    f"p50={p50:.1f}ms max={worst:.1f}ms"
                )
        finally:
            await redis.aclose()
            server.stop()


if __name__ == "__main__":
    asyncio.run(main())
