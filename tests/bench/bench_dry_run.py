"""Benchmark (issue 16): the broadcast dry run from the counts kept with every change, beside a
recount that reads everyone. Goal: under 200 ms at 1M people, agreeing with the recount.

Seeds BENCH_PEOPLE people (default 100,000) as bench_broadcast.py does (a share BENCH_OUTSIDE,
default 0.3, left the audience by withdrawing, refusing, STOP or a restriction), written by
hand as data from before the counts would be. The first dry run then counts everyone once
(`build`, timed apart); the next BENCH_RUNS (default 10) answer from the counts: p50 and
max. The recount (every person read, the dry run before the counts) runs once and must give
the same answer for the reasons that do not depend on the clock. An embedded Redis in a
temporary directory. Run: `.venv/bin/python tests/bench/bench_dry_run.py`.
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import statistics
import tempfile
import time
from pathlib import Path

from bot.broadcast.audience import estimate, recount
from bot.broadcast.spec import BroadcastSpec
from bot.redis_server import EmbeddedRedis
from bot.services import Services, open_services
from bot.settings import Settings

PEOPLE = int(os.environ.get("BENCH_PEOPLE", "100000"))
OUTSIDE = round(PEOPLE * float(os.environ.get("BENCH_OUTSIDE", "0.3")))
RUNS = int(os.environ.get("BENCH_RUNS", "10"))
GOAL_MS = 200.0
LEFT_OUT: tuple[dict[str, str], ...] = (
    {"consent:marketing": "withdrawn"},
    {"subscribed": "0"},
    {"restricted": "1"},
    {"consent:marketing": "refused"},
)


async def seed(services: Services) -> float:
    started, now = time.perf_counter(), time.time()
    keys = services.keys
    fields = {
        "consent:marketing": "granted",
        "consent_version:marketing": services.pack.pack.rights_version,
        "subscribed": "1",
        "language": "sl",
        "profile:timezone": str(12 - time.gmtime(now).tm_hour),
        "last_action": str(int((now - 3600) * 1000)),
    }
    for start in range(0, PEOPLE, 5000):
        pipe = services.redis.pipeline(transaction=False)
        for i in range(start, min(PEOPLE, start + 5000)):
            psid, outside = f"bench-{i:07d}", i >= PEOPLE - OUTSIDE
            mine = {**fields, **LEFT_OUT[i % len(LEFT_OUT)]} if outside else fields
            n = keys.partition(psid)
            pipe.hset(keys.user(psid), mapping=mine)  # type: ignore[arg-type]
            pipe.zadd(keys.users_index(n), {psid: now})
            if not outside:
                pipe.zadd(keys.marketing_index(n), {psid: now})
        await pipe.execute()
    return time.perf_counter() - started


async def run(services: Services) -> None:
    seeded = await seed(services)
    spec = BroadcastSpec(text="-")
    started = time.perf_counter()
    first = await estimate(services, spec, time.time())
    build_s = time.perf_counter() - started
    walls = []
    for _ in range(RUNS):
        started = time.perf_counter()
        answer = await estimate(services, spec, time.time())
        walls.append((time.perf_counter() - started) * 1000)
    started = time.perf_counter()
    slow = await recount(services, spec, time.time())
    recount_s = time.perf_counter() - started
    p50 = statistics.median(walls)
    print(f"{PEOPLE:,} people seeded in {seeded:.1f} s (load {os.getloadavg()[0]:.2f})")
    print(f"first dry run (counts everyone once, data from before the counts): {build_s:.1f} s")
    verdict = "under" if max(walls) < GOAL_MS else "NOT under"
    print(f"dry run from the counts: p50 {p50:.1f} ms, max {max(walls):.1f} ms -> {verdict}")
    print(f"recount (reads everyone): {recount_s:.2f} s")
    assert answer["skipped"] == slow["skipped"] == first["skipped"], (answer, slow)
    assert answer["audience"] == slow["audience"]
    print(json.dumps({"people": PEOPLE, "dry_run_p50_ms": round(p50, 1),
                      "dry_run_max_ms": round(max(walls), 1), "first_s": round(build_s, 1),
                      "recount_s": round(recount_s, 2), "answer": answer}))  # fmt: skip


async def main() -> None:
    with tempfile.TemporaryDirectory(prefix="privacybot-bench-dry-run-") as tmp:
        server = EmbeddedRedis(Path(tmp) / "redis", persistent=False)
        server.start()
        try:
            settings = Settings(
                redis_url=server.url,
                var_dir=Path(tmp),
                app_secret="bench",
                data_key=base64.b64encode(os.urandom(32)).decode(),
                redis_prefix="bench",
                page_access_token="",
                public_url="http://127.0.0.1",
            )
            async with open_services(settings) as services:
                await run(services)
        finally:
            server.stop()


if __name__ == "__main__":
    asyncio.run(main())
