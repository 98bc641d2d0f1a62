"""Shared machinery of the benchmarks (not a benchmark itself: `make bench` runs bench_*.py).

- `Server`: a `privacybot serve` (or the bare aiohttp baseline) as its own process group, in a
  temporary directory (VAR_DIR, cwd) with a unique REDIS_PREFIX and REDIS_URL unset, so its
  embedded Redis never touches the developer's ./var. Stopped on exit, error or signal:
  SIGTERM first (the app stops its Redis), then SIGKILL to whatever is left of its group.
- A minimal keep-alive HTTP/1.1 load generator over asyncio streams (much cheaper per request
  than aiohttp's client, so one core of load generation can outrun one core of server).
- Signed one-event webhook bodies in the shape of `tests/helpers.py` (`text_event`, `envelope`).
- /proc readers (VmRSS, CPU time, children) and a Prometheus text parser.

Only loopback (127.0.0.1) is ever used. Every loop is bounded in count and time.
"""

from __future__ import annotations

import asyncio
import atexit
import base64
import contextlib
import itertools
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import aiohttp  # noqa: E402
from aiohttp import web  # noqa: E402

from bot.graph.fake import FakeGraph  # noqa: E402
from bot.pipeline.signature import sign  # noqa: E402

HOST = "127.0.0.1"
APP_SECRET = "bench-app-secret"
PAGE_ID = "1000000000000001"
_CLK_TCK = os.sysconf("SC_CLK_TCK")

# ---------------------------------------------------------------------------------------------
# Processes


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def privacybot_command() -> list[str]:
    script = Path(sys.executable).parent / "privacybot"
    return [str(script)] if script.exists() else [sys.executable, "-m", "bot.cli.main"]


_LIVE: list[Server] = []


def _stop_all() -> None:
    for server in list(_LIVE):
        server.stop()


def _on_signal(signum: int, _frame: Any) -> None:
    raise SystemExit(128 + signum)


atexit.register(_stop_all)
signal.signal(signal.SIGTERM, _on_signal)
signal.signal(signal.SIGHUP, _on_signal)


@dataclass
class Server:
    """One server process (its own session / process group) in a private temporary dir."""

    name: str
    argv: list[str]
    port: int
    workdir: Path
    env: dict[str, str]
    process: subprocess.Popen[bytes] | None = None
    _log: Any = None

    @property
    def log_path(self) -> Path:
        return self.workdir / f"{self.name}.log"

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    @property
    def base(self) -> str:
        return f"http://{HOST}:{self.port}"

    def start(self) -> None:
        self._log = open(self.log_path, "wb")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            self.argv,
            cwd=self.workdir,
            env=self.env,
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        _LIVE.append(self)

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def log_tail(self, lines: int = 30) -> str:
        with contextlib.suppress(OSError):
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        return ""

    async def wait_ready(self, path: str = "/readyz", timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=2)) as session:
            while time.monotonic() < deadline:
                if not self.alive():
                    raise RuntimeError(f"{self.name} exited early:\n{self.log_tail()}")
                with contextlib.suppress(aiohttp.ClientError, TimeoutError, OSError):
                    async with session.get(self.base + path) as response:
                        if response.status == 200:
                            return
                await asyncio.sleep(0.1)
        raise RuntimeError(f"{self.name} not ready in {timeout}s:\n{self.log_tail()}")

    def stop(self, grace: float = 15.0) -> None:
        """SIGTERM, wait; SIGKILL if needed; then SIGKILL the rest of the group (its Redis).
        The leader is kept unreaped (WNOWAIT) until then, so the group id cannot be reused."""
        process = self.process
        if process is None:
            return
        pid = process.pid
        if process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)
            deadline = time.monotonic() + grace
            exited = False
            while time.monotonic() < deadline:
                if os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is not None:
                    exited = True
                    break
                time.sleep(0.05)
            if not exited:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
                os.waitid(os.P_PID, pid, os.WEXITED | os.WNOWAIT)
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(pid, signal.SIGKILL)
            process.wait()
        self.process = None
        if self._log is not None:
            self._log.close()
        if self in _LIVE:
            _LIVE.remove(self)


@contextlib.contextmanager
def workdir(tag: str) -> Iterator[Path]:
    path = Path(tempfile.mkdtemp(prefix=f"privacybot-bench-{tag}-"))
    try:
        yield path
    finally:
        _stop_all()
        if os.environ.get("BENCH_KEEP"):
            print(f"(kept {path})")
        else:
            shutil.rmtree(path, ignore_errors=True)


def bot_env(work: Path, port: int) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(
            (
                "REDIS_",
                "PAGE_ACCESS_TOKEN",
                "PRIVACYBOT_",
                "DATA_KEY",
                "GRAPH_API_URL",
                "VAR_DIR",
                "PUBLIC_URL",
                "POLICY_PACK",
                "APP_SECRET",
                "VERIFY_TOKEN",
            )
        )
    }
    env.update(
        APP_SECRET=APP_SECRET,
        VERIFY_TOKEN="bench-verify-token",
        PRIVACYBOT_ENV="development",
        POLICY_PACK="btc",
        VAR_DIR=str(work / "var"),
        REDIS_PREFIX="bench" + secrets.token_hex(4),
        DATA_KEY=base64.b64encode(secrets.token_bytes(32)).decode(),
        PORT=str(port),
        PYTHONUNBUFFERED="1",
        # The servers run the code of the checkout this file is in (ahead of any install).
        PYTHONPATH=os.pathsep.join(filter(None, (str(ROOT), os.environ.get("PYTHONPATH")))),
    )
    return env


def privacybot_server(work: Path, *, worker: bool) -> Server:
    port = free_port()
    argv = [*privacybot_command(), "serve", "--host", HOST, "--port", str(port)]
    if not worker:
        argv.append("--no-worker")
    return Server("privacybot", argv, port, work, bot_env(work, port))


def bare_server(work: Path) -> Server:
    port = free_port()
    argv = [sys.executable, str(Path(__file__).resolve()), "bare", str(port)]
    return Server("bare", argv, port, work, bot_env(work, port))


def _run_bare(port: int) -> None:
    """The baseline: an aiohttp handler that reads the body and answers 200, nothing else."""

    async def ok(request: web.Request) -> web.Response:
        await request.read()
        return web.Response(text="EVENT_RECEIVED")

    async def ready(_: web.Request) -> web.Response:
        return web.Response(text="ok")

    app = web.Application(client_max_size=1024 * 1024)
    app.router.add_post("/webhook", ok)
    app.router.add_get("/readyz", ready)
    web.run_app(app, host=HOST, port=port, print=None, access_log=None)


# ---------------------------------------------------------------------------------------------
# /proc


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def children(pid: int) -> list[tuple[int, str]]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError, IndexError, ValueError):
            stat = (entry / "stat").read_text()
            comm = stat[stat.index("(") + 1 : stat.rindex(")")]
            ppid = int(stat[stat.rindex(")") + 2 :].split()[1])
            if ppid == pid:
                found.append((int(entry.name), comm))
    return found


def cpu_seconds(pid: int) -> float:
    stat = Path(f"/proc/{pid}/stat").read_text()
    fields = stat[stat.rindex(")") + 2 :].split()
    return (int(fields[11]) + int(fields[12])) / _CLK_TCK


def tree_cpu_seconds(pid: int) -> float:
    total = cpu_seconds(pid)
    for child, _ in children(pid):
        with contextlib.suppress(OSError):
            total += cpu_seconds(child)
    return total


# ---------------------------------------------------------------------------------------------
# Events


_mids = itertools.count(1)
_clock = itertools.count(int(time.time() * 1000))
_RUN = secrets.token_hex(3)


def event_body(psid: str, text: str, page: str = PAGE_ID) -> bytes:
    """One text event in one entry: the shape of tests.helpers `envelope(text_event(...))`."""
    ts = next(_clock)
    event = {
        "sender": {"id": psid},
        "recipient": {"id": page},
        "timestamp": ts,
        "message": {"mid": f"m_bench_{_RUN}_{next(_mids)}", "text": text},
    }
    envelope = {"object": "page", "entry": [{"id": page, "time": ts, "messaging": [event]}]}
    return json.dumps(envelope, separators=(",", ":")).encode()


def webhook_request(port: int, body: bytes, secret: str = APP_SECRET) -> bytes:
    head = (
        f"POST /webhook HTTP/1.1\r\nHost: {HOST}:{port}\r\nContent-Type: application/json\r\n"
        f"X-Hub-Signature-256: {sign(secret, body)}\r\nContent-Length: {len(body)}\r\n\r\n"
    )
    return head.encode() + body


def psid_of(index: int) -> str:
    return f"{7_000_000_000_000_000 + index}"


# ---------------------------------------------------------------------------------------------
# Load generation


class Conn:
    """One keep-alive HTTP/1.1 connection; one request at a time."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def open(self) -> None:
        self.reader, self.writer = await asyncio.open_connection(HOST, self.port)
        sock = self.writer.get_extra_info("socket")
        if sock is not None:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            with contextlib.suppress(Exception):
                await self.writer.wait_closed()
        self.reader = self.writer = None

    async def request(self, data: bytes, timeout: float = 30.0) -> int:
        """Send one request, read the whole response; the status code (0 on a broken link)."""
        try:
            if self.writer is None:
                await self.open()
            assert self.reader is not None and self.writer is not None
            self.writer.write(data)
            async with asyncio.timeout(timeout):
                await self.writer.drain()
                head = await self.reader.readuntil(b"\r\n\r\n")
                status = int(head[9:12])
                lower = head.lower()
                at = lower.find(b"\r\ncontent-length:")
                if at >= 0:
                    end = lower.index(b"\r\n", at + 2)
                    length = int(lower[at + 17 : end])
                    if length:
                        await self.reader.readexactly(length)
                if b"connection: close" in lower:
                    await self.close()
                return status
        except (
            OSError,
            asyncio.IncompleteReadError,
            asyncio.LimitOverrunError,
            TimeoutError,
            ValueError,
        ):
            await self.close()
            return 0


@dataclass
class LoadResult:
    sent: int = 0
    ok: int = 0
    errors: int = 0
    elapsed: float = 0.0
    latencies: list[float] = field(default_factory=list)
    late_starts: int = 0  # open loop: requests that could not start on time (no free conn)
    statuses: dict[int, int] = field(default_factory=dict)  # non-200 answers (0: no answer)

    def failed(self, status: int) -> None:
        self.errors += 1
        self.statuses[status] = self.statuses.get(status, 0) + 1

    @property
    def rate(self) -> float:
        return self.ok / self.elapsed if self.elapsed else 0.0

    def pct_ms(self, q: float) -> float:
        return percentile(self.latencies, q) * 1000


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))]


async def closed_loop(
    port: int,
    next_request: Callable[[], bytes | None],
    *,
    concurrency: int,
    duration: float,
    max_requests: int,
) -> LoadResult:
    """`concurrency` connections, each sending its next request as soon as the last answered,
    until `duration` seconds or `max_requests` or `next_request()` returns None."""
    result = LoadResult()
    conns = [Conn(port) for _ in range(concurrency)]
    await asyncio.gather(*(c.open() for c in conns))
    started = time.perf_counter()
    deadline = started + duration
    clock = time.perf_counter

    async def run(conn: Conn) -> None:
        while result.sent < max_requests and clock() < deadline:
            data = next_request()
            if data is None:
                return
            result.sent += 1
            t0 = clock()
            status = await conn.request(data)
            if status == 200:
                result.ok += 1
                result.latencies.append(clock() - t0)
            else:
                result.failed(status)

    await asyncio.gather(*(run(c) for c in conns))
    result.elapsed = time.perf_counter() - started
    await asyncio.gather(*(c.close() for c in conns))
    return result


async def open_loop(
    port: int,
    next_request: Callable[[], bytes],
    *,
    rate: float,
    duration: float,
    pool: int = 64,
) -> LoadResult:
    """Requests started on a fixed schedule (rate per second) whatever the answers do; the
    latency of each is measured from its scheduled start (no coordinated omission)."""
    result = LoadResult()
    free: asyncio.Queue[Conn] = asyncio.Queue()
    conns = [Conn(port) for _ in range(pool)]
    await asyncio.gather(*(c.open() for c in conns))
    for conn in conns:
        free.put_nowait(conn)
    total = int(rate * duration)
    clock = time.perf_counter
    tasks: set[asyncio.Task[None]] = set()

    async def one(due: float, data: bytes) -> None:
        if free.empty():
            result.late_starts += 1
        conn = await free.get()
        try:
            status = await conn.request(data)
        finally:
            free.put_nowait(conn)
        if status == 200:
            result.ok += 1
            result.latencies.append(clock() - due)
        else:
            result.failed(status)

    started = clock() + 0.01
    index = 0
    while index < total:
        now = clock()
        while index < total and started + index / rate <= now:
            task = asyncio.create_task(one(started + index / rate, next_request()))
            tasks.add(task)
            task.add_done_callback(tasks.discard)
            index += 1
            result.sent += 1
        if index < total:
            await asyncio.sleep(max(0.0, started + index / rate - clock()))
    if tasks:
        await asyncio.wait(tasks, timeout=60)
    result.elapsed = clock() - started
    await asyncio.gather(*(c.close() for c in conns))
    return result


# ---------------------------------------------------------------------------------------------
# Prometheus text


def metric(text: str, name: str, **labels: str) -> float:
    """Sum of the samples of `name` whose labels include `labels`."""
    total = 0.0
    for line in text.splitlines():
        if not line.startswith(name) or line.startswith("#"):
            continue
        head, _, value = line.rpartition(" ")
        sample, _, label_text = head.partition("{")
        if sample != name:
            continue
        if all(f'{k}="{v}"' in label_text for k, v in labels.items()):
            total += float(value)
    return total


def fmt_ms(seconds_ms: float) -> str:
    return f"{seconds_ms:.2f} ms"


def print_machine() -> None:
    """Cores and load: other work on the machine skews every figure, so say so."""
    load = Path("/proc/loadavg").read_text().split()[:3]
    print(f"machine: {os.cpu_count()} cores, load average {' '.join(load)} (before the run)")


def emit_json(figures: dict[str, Any]) -> None:
    print(json.dumps(figures, sort_keys=False))


# ---------------------------------------------------------------------------------------------
# End to end: events in, replies out (through the built-in fake Graph)

STALL_S = 15.0  # no progress for this long after the last POST: stop waiting


@dataclass
class E2EResult:
    events: int
    posted_ok: int
    post_errors: int
    post_seconds: float
    post_statuses: dict[int, int]
    total_seconds: float  # first POST to the poll that saw every event handled
    handled: float
    graph_ok: float
    failed: float
    dead: float
    complete: bool

    @property
    def rate(self) -> float:
        return self.handled / self.total_seconds if self.total_seconds else 0.0


async def scrape(session: Any, server: Server) -> dict[str, float]:
    async with session.get(server.base + "/metrics") as response:
        text = await response.text()
    return {
        "handled": metric(text, "privacybot_events_handled_total"),
        "graph_ok": metric(text, "privacybot_graph_calls_total", outcome="ok"),
        "failed": metric(text, "privacybot_events_failed_total"),
        "dead": metric(text, "privacybot_events_dead_lettered_total"),
        "received": metric(text, "privacybot_events_received_total"),
    }


async def drive_e2e(
    server: Server,
    count: int,
    people: int,
    texts: tuple[str, ...],
    *,
    concurrency: int = 64,
    timeout: float = 600.0,
    pregenerate: bool = True,
    offset: int = 0,
    pages: tuple[str, ...] = (PAGE_ID,),
) -> E2EResult:
    """POST `count` one-event webhooks (person i % people, text i % len(texts), to Page
    person % len(pages)) at `concurrency`, then wait until the worker has handled every one
    (its replies sent)."""

    def make(i: int) -> bytes:
        index = offset + i
        person = i % people
        page = pages[person % len(pages)]
        body = event_body(psid_of(offset + person), texts[index % len(texts)], page)
        return webhook_request(server.port, body)

    if pregenerate:
        prepared = iter([make(i) for i in range(count)])
        next_request: Callable[[], bytes | None] = lambda: next(prepared, None)  # noqa: E731
    else:
        counter = itertools.count()

        def next_request() -> bytes | None:
            i = next(counter)
            return make(i) if i < count else None

    clock = time.perf_counter
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10)) as session:
        before = await scrape(session, server)
        started = clock()
        done_at: list[float] = []
        latest: dict[str, float] = dict(before)

        target = [count]  # every event; once POSTing is over, every acknowledged one
        posting = [True]

        async def poll() -> None:
            deadline = started + timeout
            progress_at, last = clock(), -1.0
            while clock() < deadline and server.alive():
                with contextlib.suppress(aiohttp.ClientError, TimeoutError):
                    latest.update(await scrape(session, server))
                    handled = latest["handled"] - before["handled"]
                    if handled >= target[0]:
                        done_at.append(clock())
                        return
                    if handled != last:
                        progress_at, last = clock(), handled
                    elif not posting[0] and clock() - progress_at > STALL_S:
                        return  # stuck: report what was handled
                await asyncio.sleep(0.05)

        poller = asyncio.create_task(poll())
        posted = await closed_loop(
            server.port, next_request, concurrency=concurrency, duration=timeout, max_requests=count
        )
        post_seconds = clock() - started
        target[0], posting[0] = posted.ok, False
        await poller
        total = (done_at[0] if done_at else clock()) - started
    return E2EResult(
        events=count,
        posted_ok=posted.ok,
        post_errors=posted.errors,
        post_seconds=post_seconds,
        post_statuses=posted.statuses,
        total_seconds=total,
        handled=latest["handled"] - before["handled"],
        graph_ok=latest["graph_ok"] - before["graph_ok"],
        failed=latest["failed"] - before["failed"],
        dead=latest["dead"] - before["dead"],
        complete=bool(done_at),
    )


async def sent_to(server: Server, psid: str) -> int | None:
    """How many messages the bot sent to `psid` (the dev endpoint over the built-in fake
    Graph; None when the bot talks to an external Graph)."""
    timeout = aiohttp.ClientTimeout(total=30)
    async with (
        aiohttp.ClientSession(timeout=timeout) as session,
        session.get(server.base + "/dev/sent", params={"psid": psid}) as response,
    ):
        if response.status != 200:
            return None
        return len((await response.json())["messages"])


GRAPH_TOKEN = "bench-page-token"


def graph_server(work: Path) -> Server:
    """The fake Graph API as its own process: in production Meta's API is another host, so
    its work does not land on the bot's CPU."""
    port = free_port()
    argv = [sys.executable, str(Path(__file__).resolve()), "graph", str(port)]
    return Server("graph", argv, port, work, bot_env(work, port))


def with_external_graph(bot: Server, graph: Server) -> Server:
    bot.env.update(PAGE_ACCESS_TOKEN=GRAPH_TOKEN, GRAPH_API_URL=f"{graph.base}/v25.0")
    return bot


def _run_graph(port: int) -> None:
    async def serve() -> None:
        fake = FakeGraph(GRAPH_TOKEN, APP_SECRET, record=False)
        await fake.start(HOST, port)
        await asyncio.Event().wait()

    asyncio.run(serve())


if __name__ == "__main__" and len(sys.argv) == 3 and sys.argv[1] == "bare":
    _run_bare(int(sys.argv[2]))
if __name__ == "__main__" and len(sys.argv) == 3 and sys.argv[1] == "graph":
    _run_graph(int(sys.argv[2]))
