"""Broadcast sender: a 100,000-person audience sent to the fake Graph with 50 ms per call.

Goals: sustained rate within 5 % of the configured limit (250/s), sender RSS growth under
100 MB, dry-run audience count under 2 s. The dry run counts everyone the bot holds: of the
BENCH_PEOPLE people, a share (BENCH_OUTSIDE, default 0.3) is outside the marketing audience,
as withdrawing, refusing, STOP and a restriction leave them (in `idx:users`, not in
`idx:marketing`); the dry run walks both indexes. An embedded Redis in a temporary directory (never
the developer's data); the fake Graph (counting, not storing) runs in this process; the sender
runs as its own process (`privacybot worker`'s broadcast task), so its RSS is its own.

The rate is measured over a window (BENCH_WINDOW_S, default 30 s, after a 5 s warm-up) from
the fake's call counter, then the broadcast is cancelled; BENCH_FULL=1 sends all 100,000
instead (about 5 minutes at 250/s). Env: BENCH_PEOPLE (default 100000), BENCH_OUTSIDE
(0.3), BENCH_RATE (250).
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import _bench as b

from bot.broadcast import actions as broadcast_admin
from bot.broadcast.audience import estimate
from bot.broadcast.sender import run_broadcasts
from bot.broadcast.spec import BroadcastSpec
from bot.graph.fake import FakeGraph
from bot.redis_server import EmbeddedRedis
from bot.services import open_services
from bot.settings import Settings, load_settings

PEOPLE = int(os.environ.get("BENCH_PEOPLE", "100000"))
OUTSIDE = round(PEOPLE * float(os.environ.get("BENCH_OUTSIDE", "0.3")))
RATE = int(os.environ.get("BENCH_RATE", "250"))
WINDOW_S = float(os.environ.get("BENCH_WINDOW_S", "30"))
WARMUP_S = 5.0
FULL = os.environ.get("BENCH_FULL") == "1"
TOKEN = "bench-page-token"  # the fake Graph's own token, loopback only
SELF = Path(__file__).resolve()


def bench_env(redis_url: str, graph_url: str, work: Path) -> dict[str, str]:
    env = b.bot_env(work, b.free_port())
    env.update(REDIS_URL=redis_url, GRAPH_API_URL=graph_url, PAGE_ACCESS_TOKEN=TOKEN)
    return env


def settings_from(env: dict[str, str]) -> Settings:
    values = {
        k.lower(): v
        for k, v in env.items()
        if k
        in (
            "APP_SECRET",
            "VERIFY_TOKEN",
            "PAGE_ACCESS_TOKEN",
            "GRAPH_API_URL",
            "REDIS_URL",
            "REDIS_PREFIX",
            "DATA_KEY",
            "VAR_DIR",
            "POLICY_PACK",
        )
    }
    return load_settings(**values)


# What leaves a person outside the audience, as the bot stores it (round robin).
LEFT_OUT: tuple[dict[str, str | None], ...] = (
    {"consent:marketing": "withdrawn"},
    {"subscribed": "0"},
    {"restricted": "1"},
    {"consent:marketing": "refused"},
    {"consent:marketing": None, "consent_version:marketing": None},  # never asked
)


def left_out(fields: dict[str, str], why: dict[str, str | None]) -> dict[str, str]:
    changed = {**fields, **why}
    return {name: value for name, value in changed.items() if value is not None}


async def seed(settings: Settings) -> float:
    """PEOPLE people, all in `idx:users`, in the window at noon in their profile time zone;
    the last OUTSIDE of them left the marketing audience (LEFT_OUT), the others may all
    receive it now."""
    started = time.perf_counter()
    now = time.time()
    offset = str(12 - time.gmtime(now).tm_hour)
    async with open_services(settings) as services:
        fields = {
            "consent:marketing": "granted",
            "consent_version:marketing": services.pack.pack.rights_version,
            "subscribed": "1",
            "language": "sl",
            "profile:timezone": offset,
            "last_action": str(int((now - 3600) * 1000)),
        }
        for start in range(0, PEOPLE, 5000):
            pipe = services.redis.pipeline(transaction=False)
            for i in range(start, min(PEOPLE, start + 5000)):
                psid, outside = f"bench-{i:07d}", i >= PEOPLE - OUTSIDE
                mine = left_out(fields, LEFT_OUT[i % len(LEFT_OUT)]) if outside else fields
                pipe.hset(services.keys.user(psid), mapping=mine)  # type: ignore[arg-type]
                n = services.keys.partition(psid)
                pipe.zadd(services.keys.users_index(n), {psid: now})
                if not outside:
                    pipe.zadd(services.keys.marketing_index(n), {psid: now})
            await pipe.execute()
    return time.perf_counter() - started


async def redis_cpu(services: Any) -> float:
    info = await services.redis.info("cpu")
    return float(info["used_cpu_user"]) + float(info["used_cpu_sys"])


async def dry_run_and_create(
    settings: Settings,
) -> tuple[list[float], float, dict[str, Any], str]:
    """The dry run, three times (wall seconds each), its CPU (this process + Redis) the last
    time and its answer, then the real broadcast."""
    async with open_services(settings) as services:
        spec = BroadcastSpec(text="Poletna akcija v BTC!", rate=RATE)
        walls, cpu = [], 0.0
        for _ in range(3):
            started, cpu0, rcpu0 = (
                time.perf_counter(),
                time.process_time(),
                await redis_cpu(services),
            )
            counted = await estimate(services, spec, time.time())
            walls.append(time.perf_counter() - started)
            cpu = time.process_time() - cpu0 + await redis_cpu(services) - rcpu0
        made = await broadcast_admin.create(services, spec, "bench", "marketing", time.time())
        return walls, cpu, counted, str(made["id"])


async def cancel(settings: Settings, bid: str) -> dict[str, object]:
    async with open_services(settings) as services:
        view = await broadcast_admin.view(services, bid)
        for _ in range(100 if FULL else 0):  # all sent: let the sender finish the pass
            if view["status"] == "done":
                break
            await asyncio.sleep(0.1)
            view = await broadcast_admin.view(services, bid)
        if view["status"] != "done":
            await broadcast_admin.cancel(services, bid, "bench", "marketing")
        return await broadcast_admin.view(services, bid)


async def measure(fake: FakeGraph, sender: subprocess.Popen[bytes]) -> dict[str, float]:
    """Warm-up, then the window (or, BENCH_FULL, until everyone was sent to)."""
    for _ in range(2400):  # the sender's start: at most 2 minutes
        if fake.calls or sender.poll() is not None:
            break
        await asyncio.sleep(0.05)
    rss0 = b.rss_kb(sender.pid)
    await asyncio.sleep(WARMUP_S)
    calls0, t0, rss_max = fake.calls, time.perf_counter(), rss0
    end = t0 + (PEOPLE / RATE + 60 if FULL else WINDOW_S)
    while time.perf_counter() < end and sender.poll() is None:
        await asyncio.sleep(1.0)
        rss_max = max(rss_max, b.rss_kb(sender.pid))
        if FULL and fake.calls >= PEOPLE:
            break
    elapsed = time.perf_counter() - t0
    return {
        "rate": (fake.calls - calls0) / elapsed,
        "seconds": elapsed,
        "rss0_mb": rss0 / 1024,
        "rss_growth_mb": (rss_max - rss0) / 1024,
    }


def start_sender(env: dict[str, str], work: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, str(SELF), "sender"], env=env, cwd=work)


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


async def main() -> int:
    started = time.monotonic()
    b.print_machine()
    with tempfile.TemporaryDirectory(prefix="privacybot-bench-broadcast-") as tmp:
        work = Path(tmp)
        redis = EmbeddedRedis(work / "redis", persistent=False)
        redis.start()
        fake = FakeGraph(TOKEN, b.APP_SECRET, latency_s=0.05, record=False)
        try:
            env = bench_env(redis.url, await fake.start(), work)
            settings = settings_from(env)
            seeded = await seed(settings)
            walls, dry_cpu, counted, bid = await dry_run_and_create(settings)
            dry_s, audience = min(walls), int(counted["audience"])
            skipped = {k: v for k, v in counted["skipped"].items() if v}
            print(
                f"broadcast: {PEOPLE} people ({OUTSIDE} outside the marketing audience) "
                f"generated in {seeded:.1f} s; dry run counted audience {audience}, "
                f"skipped {skipped}, in {', '.join(f'{w:.2f}' for w in walls)} s "
                f"(CPU {dry_cpu:.2f} s, Python + Redis)"
            )
            sender = start_sender(env, work)
            try:
                figures = await measure(fake, sender)
            finally:
                view = await cancel(settings, bid)
                sender.send_signal(signal.SIGTERM)
                sender.wait(timeout=30)
        finally:
            await fake.stop()
            redis.stop()
    report(figures, dry_s, audience, view, time.monotonic() - started)
    print(
        f"broadcast: dry-run CPU {dry_cpu:.2f} s (this process + Redis); the machine's load "
        f"average was {load_average()} at the end"
    )
    return 0


def report(
    figures: dict[str, float], dry_s: float, audience: int, view: dict[str, object], took: float
) -> None:
    rate_ok = abs(figures["rate"] - RATE) <= 0.05 * RATE
    rss_ok, dry_ok = figures["rss_growth_mb"] < 100, dry_s < 2.0
    scope = "all people" if FULL else f"a {figures['seconds']:.0f} s window after {WARMUP_S:.0f} s"
    print(
        f"broadcast: sustained {figures['rate']:.1f} msg/s over {scope} at a limit of "
        f"{RATE}/s with 50 ms Graph latency (goal within 5 %: {'met' if rate_ok else 'MISSED'})"
    )
    print(
        f"broadcast: sender RSS {figures['rss0_mb']:.0f} MB at start, growth "
        f"{figures['rss_growth_mb']:.1f} MB (goal < 100 MB: {'met' if rss_ok else 'MISSED'})"
    )
    print(
        f"broadcast: dry run of {PEOPLE} people ({OUTSIDE} outside the audience) best of "
        f"3 {dry_s:.2f} s (goal < 2 s: "
        f"{'met' if dry_ok else 'MISSED'}); at the end: "
        f"status {view['status']}, sent {view['sent']}, failed {view['failed']}"
    )
    print(f"broadcast: benchmark took {took:.0f} s")
    b.emit_json(
        {
            "benchmark": "broadcast",
            "people": PEOPLE,
            "outside": OUTSIDE,
            "audience": audience,
            "limit": RATE,
            "full": FULL,
            "window_s": round(figures["seconds"], 1),
            "rate": round(figures["rate"], 1),
            "rate_ok": rate_ok,
            "rss_growth_mb": round(figures["rss_growth_mb"], 1),
            "rss_ok": rss_ok,
            "dry_run_s": round(dry_s, 3),
            "dry_run_ok": dry_ok,
            "sent": view["sent"],
            "failed": view["failed"],
        }
    )


async def run_sender() -> None:
    """The child: the worker's broadcast task alone, until SIGTERM."""
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    async with open_services(load_settings()) as services:
        await run_broadcasts(services, stop)


if __name__ == "__main__":
    if sys.argv[1:] == ["sender"]:
        asyncio.run(run_sender())
    else:
        sys.exit(asyncio.run(main()))
