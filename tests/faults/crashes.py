"""(c) kill -9 of a worker and (d) of redis-server under load: acknowledged events lost (an
acknowledged new person who never got a reply) and duplicate replies (replies beyond what
one first message gets); (e) ingest req/s with appendfsync always vs everysec."""

from __future__ import annotations

import asyncio
import os
import signal
import statistics
import time

from tests.bench import _bench as b
from tests.faults import bodies
from tests.faults.rig import Rig, send_all, when_sent

Figures = dict[str, object]
SETTLE_S = 120.0  # a dead worker's events are reclaimed after 30 s idle


async def _outcome(rig: Rig, people: list[str], statuses: list[int]) -> Figures:
    acked = [p for p, status in zip(people, statuses, strict=True) if status == 200]
    deadline = time.monotonic() + SETTLE_S
    while time.monotonic() < deadline:
        replies = rig.replies_per_person()
        if all(replies[p] for p in acked):
            break
        await asyncio.sleep(1)
    replies = rig.replies_per_person()
    counts = [replies[p] for p in acked if replies[p]]
    usual = statistics.mode(counts) if counts else 0
    return {
        "events sent": len(people),
        "acknowledged": len(acked),
        "not acknowledged (503/no answer: Meta retries)": len(people) - len(acked),
        "acknowledged lost": sum(1 for p in acked if not replies[p]),
        "duplicate replies": sum(max(0, n - usual) for n in counts),
        "people with a duplicate": sum(1 for n in counts if n > usual),
    }


async def kill_worker(rig: Rig, *, events: int = 1_500) -> Figures:
    assert rig.web is not None
    people = [bodies.new_person() for _ in range(events)]
    sent = [0]
    load = asyncio.create_task(
        send_all(rig.web.port, [bodies.valid(p) for p in people], concurrency=8, sent=sent)
    )
    await when_sent(sent, events // 3)
    rig.kill_worker(rig.workers[0])
    await rig.add_worker()  # a replacement, as a supervisor would start
    return await _outcome(rig, people, await load)


async def kill_redis(rig: Rig, *, events: int = 1_500) -> Figures:
    assert rig.web is not None
    people = [bodies.new_person() for _ in range(events)]
    sent = [0]
    load = asyncio.create_task(
        send_all(
            rig.web.port,
            [bodies.valid(p) for p in people],
            concurrency=8,
            sent=sent,
            retry_for_s=30,
        )
    )
    await when_sent(sent, events // 3)
    process = rig.redis_server._process
    assert process is not None
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    await asyncio.sleep(1.0)
    rig.redis_server.start()  # same directory: it loads the append-only file
    return await _outcome(rig, people, await load)


async def fsync_throughput(rig: Rig, *, seconds: float = 5.0, rounds: int = 3) -> Figures:
    """Closed loop, concurrency 64, the web process alone writing (no workers); the two
    settings alternate, `rounds` times each, so a busy neighbour hurts both alike."""
    assert rig.web is not None
    port = rig.web.port
    rates: dict[str, list[int]] = {"always": [], "everysec": []}
    client = rig.redis()
    try:
        for policy in [*rates] * rounds:
            await client.config_set("appendfsync", policy)
            result = await b.closed_loop(
                port,
                lambda: b.webhook_request(port, bodies.valid(bodies.new_person())),
                concurrency=64,
                duration=seconds,
                max_requests=10**6,
            )
            rates[policy].append(round(result.rate))
        await client.config_set("appendfsync", "always")
    finally:
        await client.aclose()
    return {
        **{f"{policy} req/s (runs)": runs for policy, runs in rates.items()},
        **{f"{policy} req/s median": statistics.median(runs) for policy, runs in rates.items()},
    }
