"""The system under fault: one redis-server (append-only, its own directory, a unix socket),
a `privacybot serve --no-worker` web process, N `privacybot worker` processes, and the fake
Graph API in this process on 127.0.0.1, counting every reply per person. Loopback only."""

from __future__ import annotations

import asyncio
import collections
import os
import signal
import time
from pathlib import Path

import aiohttp
from redis.asyncio import Redis

from bot.cluster.layout import laid_out, read_layout
from bot.graph.fake import FakeGraph
from bot.keys import Keys
from bot.redis_server import EmbeddedRedis
from tests.bench import _bench as b

PAGE_TOKEN = "faults-page-token"


class Rig:
    def __init__(self, work: Path, *, fsync: str = "always", **env: str) -> None:
        self.work = work
        self.redis_server = EmbeddedRedis(work / "redis", fsync=fsync)
        self.graph = FakeGraph(PAGE_TOKEN, b.APP_SECRET, requests=collections.deque())
        self.extra_env = env
        self.web: b.Server | None = None
        self.workers: list[b.Server] = []
        self.prefix = ""
        self.data_key = b.bot_env(work, 0)["DATA_KEY"]  # one key for every process of the rig

    async def start(self, *, workers: int) -> None:
        self.redis_server.start()
        await self.graph.start()
        self.web = self._server("web", ["serve", "--no-worker", "--host", b.HOST])
        self.prefix = self.web.env["REDIS_PREFIX"]
        self.web.start()
        await self.web.wait_ready()
        for _ in range(workers):
            await self.add_worker()

    def _server(self, name: str, args: list[str]) -> b.Server:
        port = b.free_port()
        env = b.bot_env(self.work, port)
        if self.prefix:
            env["REDIS_PREFIX"] = self.prefix
        env.update(
            REDIS_URL=self.redis_server.url,
            GRAPH_API_URL=self.graph.url,
            PAGE_ACCESS_TOKEN=PAGE_TOKEN,
            DATA_KEY=self.data_key,
            **self.extra_env,
        )
        extra = ["--port", str(port)] if name == "web" else ["--metrics-port", str(port)]
        return b.Server(name, [*b.privacybot_command(), *args, *extra], port, self.work, env)

    async def add_worker(self) -> b.Server:
        worker = self._server(f"worker{len(self.workers)}", ["worker"])
        worker.start()
        await worker.wait_ready("/healthz")
        self.workers.append(worker)
        return worker

    def kill_worker(self, worker: b.Server) -> None:
        os.kill(worker.pid, signal.SIGKILL)
        self.workers.remove(worker)

    def redis(self) -> Redis:
        return Redis.from_url(self.redis_server.url, decode_responses=True)

    async def restart_web(self) -> float:
        """Stop the web process, start it again: seconds from spawn to /readyz 200."""
        assert self.web is not None
        self.web.stop()
        self.web = self._server("web", ["serve", "--no-worker", "--host", b.HOST])
        started = time.perf_counter()
        self.web.start()
        await self.web.wait_ready()
        return time.perf_counter() - started

    async def stop(self) -> None:
        for server in [*self.workers, *([self.web] if self.web else [])]:
            server.stop()
        self.redis_server.stop()
        await self.graph.stop()

    # ---- what came out

    def replies_per_person(self) -> collections.Counter[str]:
        return collections.Counter(
            r.body["recipient"]["id"]
            for r in self.graph.requests
            if r.path.endswith("/me/messages") and isinstance(r.body, dict) and "message" in r.body
        )

    async def metric_sum(self, server: b.Server, name: str, **labels: str) -> float:
        async with aiohttp.ClientSession() as http, http.get(server.base + "/metrics") as answer:
            return b.metric(await answer.text(), name, **labels)

    async def drained(self, timeout: float) -> bool:
        """Every partition's consumer group has delivered every entry and none is pending."""
        client = self.redis()
        deadline = time.monotonic() + timeout
        try:
            keys = await self.keys(client)
            while time.monotonic() < deadline:
                if all([await _drained(client, keys.events(n)) for n in keys.every_partition]):
                    return True
                await asyncio.sleep(0.5)
            return False
        finally:
            await client.aclose()

    async def keys(self, client: Redis) -> Keys:
        """The deployment's keys, with the partitions its layout record holds."""
        layout = await read_layout(client, Keys(self.prefix))
        assert layout is not None, "the bot has not started on this prefix"
        return laid_out(Keys(self.prefix), layout)


async def _drained(client: Redis, stream: str) -> bool:
    info = await client.xinfo_stream(stream)
    (group,) = await client.xinfo_groups(stream)
    return bool(group["pending"] == 0 and group["last-delivered-id"] == info["last-generated-id"])


async def send_all(
    port: int,
    bodies: list[bytes],
    *,
    concurrency: int,
    sent: list[int] | None = None,
    retry_for_s: float = 0.0,
) -> list[int]:
    """POST every body (signed); the last status of each, in order (0: no answer). `sent[0]`
    counts answered bodies, for a scenario that strikes part-way. `retry_for_s`: like Meta,
    send a body again after a 5xx or no answer, for up to that long."""
    statuses = [0] * len(bodies)
    queue = iter(enumerate(bodies))
    counter = sent if sent is not None else [0]

    async def run() -> None:
        conn = b.Conn(port)
        for index, body in queue:
            give_up = time.monotonic() + retry_for_s
            for _ in range(1000):
                statuses[index] = await conn.request(b.webhook_request(port, body), timeout=10)
                if statuses[index] == 200 or time.monotonic() >= give_up:
                    break
                await asyncio.sleep(0.25)
            counter[0] += 1
        await conn.close()

    await asyncio.gather(*(run() for _ in range(concurrency)))
    return statuses


async def when_sent(sent: list[int], count: int, timeout: float = 120.0) -> None:
    for _ in range(int(timeout / 0.01)):
        if sent[0] >= count:
            return
        await asyncio.sleep(0.01)
