"""Ingest: signed one-event webhook POSTs per second at concurrency 64, next to a bare aiohttp
handler measured in the same run; and p99 ack latency at a fixed offered 1,000 req/s.

`privacybot serve --no-worker` (embedded Redis, temporary VAR_DIR, unique REDIS_PREFIX) and
the bare server each run as their own process; this script is the load generator.
Goals: privacybot >= 50 % of the bare rate; p99 ack < 25 ms at 1,000 req/s.
The privacybot server is measured twice in the same run: with its embedded Redis as shipped
(`appendfsync always`: acknowledged means on disk) and after `CONFIG SET appendfsync everysec`.
Env: BENCH_DURATION (s, default 10), BENCH_WARMUP (s, default 2).
"""

from __future__ import annotations

import asyncio
import itertools
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

import _bench as b
import redis

CONCURRENCY = 64
DURATION = float(os.environ.get("BENCH_DURATION", "10"))
WARMUP = float(os.environ.get("BENCH_WARMUP", "2"))
MAX_REQUESTS = 500_000
OPEN_RATE = 1000.0
PEOPLE = 2000
TEXT = "kaj zbirate o meni"


def request_source(port: int) -> Callable[[], bytes]:
    people = itertools.cycle(range(PEOPLE))

    def next_request() -> bytes:
        return b.webhook_request(port, b.event_body(b.psid_of(next(people)), TEXT))

    return next_request


async def measure(server: b.Server) -> dict[str, float]:
    source = request_source(server.port)
    await b.closed_loop(
        server.port, source, concurrency=CONCURRENCY, duration=WARMUP, max_requests=MAX_REQUESTS
    )
    cpu0, own0 = b.tree_cpu_seconds(server.pid), b.cpu_seconds(server.pid)
    client0 = time.process_time()
    closed = await b.closed_loop(
        server.port, source, concurrency=CONCURRENCY, duration=DURATION, max_requests=MAX_REQUESTS
    )
    tree_cpu = b.tree_cpu_seconds(server.pid) - cpu0
    own_cpu = b.cpu_seconds(server.pid) - own0
    server_cpu = tree_cpu / closed.elapsed
    client_cpu = (time.process_time() - client0) / closed.elapsed
    per_cpu_s = closed.ok / tree_cpu if tree_cpu else 0.0
    opened = await b.open_loop(server.port, source, rate=OPEN_RATE, duration=DURATION)
    figures = {
        "rate": closed.rate,
        "p50_ms": closed.pct_ms(50),
        "p99_ms": closed.pct_ms(99),
        "errors": closed.errors + opened.errors,
        "requests": closed.ok,
        "server_cpu": server_cpu,
        "client_cpu": client_cpu,
        "open_rate": opened.ok / opened.elapsed,
        "open_p50_ms": opened.pct_ms(50),
        "open_p99_ms": opened.pct_ms(99),
        "open_max_ms": max(opened.latencies, default=0) * 1e3,
        "open_late_starts": opened.late_starts,
        "per_cpu_s": per_cpu_s,
    }
    name = server.name
    print(
        f"{name:>10}: {closed.rate:9.0f} req/s at concurrency {CONCURRENCY} "
        f"({closed.ok} ok, {closed.errors} errors in {closed.elapsed:.1f} s)  "
        f"p50 {closed.pct_ms(50):.2f} ms  p99 {closed.pct_ms(99):.2f} ms  "
        f"[server CPU {server_cpu:.0%} of a core ({own_cpu / closed.elapsed:.0%} Python, "
        f"rest its Redis), {per_cpu_s:.0f} req per server CPU-second; load generator "
        f"{client_cpu:.0%}]"
    )
    print(
        f"{name:>10}: at {OPEN_RATE:.0f} req/s offered ({opened.ok} ok, {opened.errors} errors"
        f", {opened.late_starts} waited for a connection): p50 {opened.pct_ms(50):.2f} ms  "
        f"p99 {opened.pct_ms(99):.2f} ms  max {figures['open_max_ms']:.2f} ms"
    )
    return figures


def set_fsync(work: Path, policy: str) -> None:
    """Switch the running server's embedded Redis (its socket is under VAR_DIR/redis)."""
    client = redis.Redis(unix_socket_path=str(work / "var" / "redis" / "redis.sock"))
    client.config_set("appendfsync", policy)
    client.close()


async def main() -> int:
    started = time.monotonic()
    b.print_machine()
    with b.workdir("ingest") as work:
        results = {}
        for server in (b.bare_server(work), b.privacybot_server(work, worker=False)):
            server.start()
            try:
                await server.wait_ready()
                results[server.name] = await measure(server)
                if server.name == "privacybot":
                    set_fsync(work, "everysec")
                    results["everysec"] = await measure(server)
            finally:
                server.stop()
    bare, bot, everysec = results["bare"], results["privacybot"], results["everysec"]
    print(
        f"ingest: appendfsync always {bot['rate']:.0f} req/s (p99 at {OPEN_RATE:.0f} req/s "
        f"{bot['open_p99_ms']:.2f} ms) vs everysec {everysec['rate']:.0f} req/s "
        f"(p99 {everysec['open_p99_ms']:.2f} ms)"
    )
    ratio = bot["rate"] / bare["rate"] if bare["rate"] else 0.0
    rate_ok = ratio >= 0.5
    p99_ok = bot["open_p99_ms"] < 25.0
    print(
        f"ingest: privacybot {bot['rate']:.0f} req/s vs bare {bare['rate']:.0f} req/s = "
        f"{ratio:.0%} of bare (goal >= 50 %: {'met' if rate_ok else 'MISSED'})"
    )
    cpu_ratio = bot["per_cpu_s"] / bare["per_cpu_s"] if bare["per_cpu_s"] else 0.0
    print(
        f"ingest: per server CPU-second privacybot {bot['per_cpu_s']:.0f} vs bare "
        f"{bare['per_cpu_s']:.0f} = {cpu_ratio:.0%} (less sensitive to other load)"
    )
    print(
        f"ingest: privacybot p99 ack at {OPEN_RATE:.0f} req/s = {bot['open_p99_ms']:.2f} ms "
        f"(goal < 25 ms: {'met' if p99_ok else 'MISSED'})"
    )
    print(f"ingest: benchmark took {time.monotonic() - started:.0f} s")
    b.emit_json(
        {
            "benchmark": "ingest",
            "concurrency": CONCURRENCY,
            "duration_s": DURATION,
            "bare_rps": round(bare["rate"], 1),
            "bare_p50_ms": round(bare["p50_ms"], 3),
            "bare_p99_ms": round(bare["p99_ms"], 3),
            "bot_rps": round(bot["rate"], 1),
            "bot_rps_everysec": round(everysec["rate"], 1),
            "bot_p99_ms_at_1000rps_everysec": round(everysec["open_p99_ms"], 3),
            "bot_p50_ms": round(bot["p50_ms"], 3),
            "bot_p99_ms": round(bot["p99_ms"], 3),
            "ratio": round(ratio, 3),
            "bare_req_per_cpu_s": round(bare["per_cpu_s"]),
            "bot_req_per_cpu_s": round(bot["per_cpu_s"]),
            "cpu_ratio": round(cpu_ratio, 3),
            "bare_p99_ms_at_1000rps": round(bare["open_p99_ms"], 3),
            "bot_p50_ms_at_1000rps": round(bot["open_p50_ms"], 3),
            "bot_p99_ms_at_1000rps": round(bot["open_p99_ms"], 3),
            "errors": int(bare["errors"] + bot["errors"]),
            "goal_ratio_met": rate_ok,
            "goal_p99_met": p99_ok,
        }
    )
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
