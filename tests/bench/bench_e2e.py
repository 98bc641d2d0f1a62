"""End to end: webhook events in -> replies recorded at the fake Graph, per second.

One `privacybot serve` process (worker in-process, embedded Redis, built-in fake Graph API, in a
temporary VAR_DIR with a unique REDIS_PREFIX). N one-event POSTs from many people, each a text
the bot answers; the clock runs from the first POST until /metrics shows every event handled
(the handler counts an event only after its replies were sent). Goal: >= 1,000 events/s.
Env: BENCH_EVENTS (default 20000), BENCH_PEOPLE (default 2000).
"""

from __future__ import annotations

import asyncio
import os
import sys
import time

import _bench as b

EVENTS = int(os.environ.get("BENCH_EVENTS", "20000"))
PEOPLE = int(os.environ.get("BENCH_PEOPLE", "2000"))
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", "64"))
WARMUP = 500
TEXTS = ("kaj zbirate o meni", "hello")
GOAL = 1000.0


async def main() -> int:
    """Twice: with the development setup's in-process fake Graph, and with the fake Graph in
    a process of its own (as Meta's API is another host in production)."""
    b.print_machine()
    codes = [await run(external) for external in (False, True)]
    return max(codes)


async def run(external: bool) -> int:
    started = time.monotonic()
    mode = "external Graph" if external else "in-process Graph"
    print(f"== e2e with the fake {mode}")
    with b.workdir("e2e") as work:
        server = b.privacybot_server(work, worker=True)
        if external:
            graph = b.graph_server(work)
            graph.start()
            await asyncio.sleep(1.0)
            server = b.with_external_graph(server, graph)
        server.start()
        await server.wait_ready()
        # A short warm-up on other people (first contact, imports, connection pools).
        await b.drive_e2e(server, WARMUP, 100, TEXTS, offset=10_000_000, timeout=60)
        cpu0 = b.tree_cpu_seconds(server.pid)
        own0 = b.cpu_seconds(server.pid)
        result = await b.drive_e2e(
            server, EVENTS, PEOPLE, TEXTS, concurrency=CONCURRENCY, timeout=max(120, EVENTS / 50)
        )
        cpu = b.tree_cpu_seconds(server.pid) - cpu0
        own = b.cpu_seconds(server.pid) - own0
        sample = [b.psid_of(i) for i in (0, 1, PEOPLE // 2, PEOPLE - 1)]
        per_person = [await b.sent_to(server, psid) for psid in sample]
        server.stop()
    seconds = result.total_seconds
    ok = result.complete and result.rate >= GOAL
    print(
        f"e2e: {EVENTS} events from {PEOPLE} people at concurrency {CONCURRENCY}, "
        f"{result.posted_ok} POSTs acknowledged "
        f"({result.post_errors} errors {result.post_statuses}) "
        f"in {result.post_seconds:.2f} s "
        f"= {result.posted_ok / result.post_seconds:.0f} POST/s while the worker ran"
    )
    print(
        f"e2e: all {result.handled:.0f} events handled {'' if result.complete else 'NOT '}"
        f"in {seconds:.2f} s from first POST = {result.rate:.0f} events/s "
        f"(goal >= {GOAL:.0f}: {'met' if ok else 'MISSED'})"
    )
    print(
        f"e2e: Graph sends ok {result.graph_ok:.0f} ({result.graph_ok / EVENTS:.2f} per event), "
        f"handler failures {result.failed:.0f}, dead-lettered {result.dead:.0f}; messages "
        f"at /dev/sent for sample people: {per_person} "
        f"(each sent {EVENTS // PEOPLE} events)"
    )
    print(
        f"e2e: server CPU {cpu / seconds:.0%} of a core ({own / seconds:.0%} Python, rest its "
        f"Redis), {result.handled / own:.0f} events per Python CPU-second"
    )
    print(f"e2e: benchmark took {time.monotonic() - started:.0f} s")
    b.emit_json(
        {
            "benchmark": "e2e",
            "graph": "external" if external else "in-process",
            "events": EVENTS,
            "people": PEOPLE,
            "concurrency": CONCURRENCY,
            "complete": result.complete,
            "events_per_s": round(result.rate, 1),
            "seconds": round(seconds, 3),
            "post_per_s": round(result.posted_ok / result.post_seconds, 1),
            "graph_ok": int(result.graph_ok),
            "failed": int(result.failed),
            "dead": int(result.dead),
            "post_errors": result.post_errors,
            "post_statuses": {str(k): v for k, v in result.post_statuses.items()},
            "server_cpu": round(cpu / seconds, 3),
            "python_cpu": round(own / seconds, 3),
            "goal_met": ok,
        }
    )
    return 0 if result.complete else 1


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
