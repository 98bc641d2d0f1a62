"""Memory: RSS of the `privacybot serve` process (worker in-process) before and after 100,000
events handled end to end. Goal: growth under 50 MB (Python process, after warm-up -> end).

VmRSS from /proc/<pid>/status for the Python process itself; its children (the embedded
redis-server) are reported separately. Events go in chunks of 10,000; each chunk is waited
for until every event is handled (replies sent to the built-in fake Graph, which records
every request in memory: `FakeGraph.requests`).
Env: BENCH_EVENTS (default 100000), BENCH_PEOPLE (default 2000), BENCH_CONCURRENCY
(default 16: at 64 the webhook and the worker together exhaust redis-py's 100-connection
pool, see bench_e2e).
"""

from __future__ import annotations

import asyncio
import os
import sys
import time

import _bench as b

EVENTS = int(os.environ.get("BENCH_EVENTS", "100000"))
PEOPLE = int(os.environ.get("BENCH_PEOPLE", "2000"))
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", "16"))
WARMUP = 10_000
CHUNK = 10_000
TEXTS = ("kaj zbirate o meni", "hello")
GOAL_MB = 50.0


def snapshot(server: b.Server) -> tuple[float, dict[str, float]]:
    own = b.rss_kb(server.pid) / 1024
    kids: dict[str, float] = {}
    for pid, name in b.children(server.pid):
        kids[f"{name}[{pid}]"] = b.rss_kb(pid) / 1024
    return own, kids


def show(label: str, handled: int, own: float, kids: dict[str, float], rate: float) -> None:
    children = ", ".join(f"{k} {v:.1f} MB" for k, v in kids.items()) or "none"
    print(
        f"memory: {label:<22} events handled {handled:>7}  Python RSS {own:7.1f} MB  "
        f"children: {children}" + (f"  ({rate:.0f} events/s)" if rate else "")
    )


async def main() -> int:
    started = time.monotonic()
    b.print_machine()
    rows: list[dict[str, float]] = []
    incomplete = 0
    with b.workdir("memory") as work:
        server = b.privacybot_server(work, worker=True)
        server.start()
        await server.wait_ready()
        own, kids = snapshot(server)
        show("start", 0, own, kids, 0)
        rows.append({"handled": 0, "rss_mb": own, "children_mb": sum(kids.values())})
        handled = 0
        rest = [EVENTS % CHUNK] if EVENTS % CHUNK else []
        chunks = [WARMUP] + [CHUNK] * (EVENTS // CHUNK) + rest
        for index, count in enumerate(chunks):
            result = await b.drive_e2e(
                server,
                count,
                PEOPLE,
                TEXTS,
                concurrency=CONCURRENCY,
                timeout=600,
                pregenerate=False,
            )
            handled += int(result.handled)
            incomplete += result.post_errors + (0 if result.complete else 1)
            await asyncio.sleep(1.0)  # let the last replies and timers settle
            own, kids = snapshot(server)
            label = "after warm-up" if index == 0 else f"after +{handled - rows[1]['handled']:.0f}"
            show(label, handled, own, kids, result.rate)
            rows.append({"handled": handled, "rss_mb": own, "children_mb": sum(kids.values())})
            if not server.alive():
                break
        server.stop()
    start, warm, end = rows[0], rows[1], rows[-1]
    growth = end["rss_mb"] - warm["rss_mb"]
    events_after = end["handled"] - warm["handled"]
    per_event = growth * 1024 * 1024 / events_after if events_after else 0.0
    ok = growth < GOAL_MB
    print(
        f"memory: Python RSS start {start['rss_mb']:.1f} MB, after {warm['handled']:.0f} warm-up "
        f"{warm['rss_mb']:.1f} MB, after {events_after:.0f} more {end['rss_mb']:.1f} MB: growth "
        f"{growth:.1f} MB ({per_event:.0f} bytes/event) (goal < {GOAL_MB:.0f} MB: "
        f"{'met' if ok else 'MISSED'}); children {start['children_mb']:.1f} -> "
        f"{end['children_mb']:.1f} MB"
    )
    if incomplete:
        print(f"memory: {incomplete} POST errors / incomplete chunks (see bench_e2e)")
    print(f"memory: benchmark took {time.monotonic() - started:.0f} s")
    b.emit_json(
        {
            "benchmark": "memory",
            "events": int(events_after),
            "warmup": int(warm["handled"]),
            "rss_start_mb": round(start["rss_mb"], 1),
            "rss_warm_mb": round(warm["rss_mb"], 1),
            "rss_end_mb": round(end["rss_mb"], 1),
            "growth_mb": round(growth, 1),
            "bytes_per_event": round(per_event),
            "children_start_mb": round(start["children_mb"], 1),
            "children_end_mb": round(end["children_mb"], 1),
            "errors": incomplete,
            "goal_met": ok,
            "curve": [[int(r["handled"]), round(r["rss_mb"], 1)] for r in rows],
        }
    )
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
