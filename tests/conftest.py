"""Shared fixtures: a real Redis (REDIS_URL, else an embedded server for the session), a
private key prefix per test, and the app wired to the fake Graph API over HTTP.

PRIVACYBOT_TEST_REDIS=cluster runs the suite on a Redis Cluster instead: three masters started
for the session from the same binary (or the cluster of the node PRIVACYBOT_TEST_CLUSTER_URL
names); the `redis` fixture is then a cluster client and `settings` say REDIS_CLUSTER. Tests
marked `single_server` (Sentinel, restarting the embedded server, its append-only file) are
skipped there, with the reason."""

from __future__ import annotations

import base64
import os
import secrets
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import cast

import pytest
from redis.asyncio import Redis

from bot.cluster.client import cluster_client
from bot.redis_server import EmbeddedRedis
from bot.settings import Settings
from tests.helpers import APP_SECRET, VERIFY_TOKEN
from tests.redis_nodes import Cluster, cluster

ON_CLUSTER = os.environ.get("PRIVACYBOT_TEST_REDIS", "") == "cluster"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "single_server(reason): cannot apply to a Redis Cluster; skipped there"
    )
    if ON_CLUSTER:  # settings read from the environment (the CLI, worker processes) too
        os.environ.setdefault("REDIS_CLUSTER", "1")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    if not ON_CLUSTER:
        return
    for item in items:
        marker = item.get_closest_marker("single_server")
        if marker is not None:
            reason = marker.args[0] if marker.args else "one Redis server only"
            item.add_marker(pytest.mark.skip(reason=f"on the cluster: {reason}"))


@pytest.fixture(scope="session")
def test_cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    """A three-master Redis Cluster: the session's Redis on the cluster run; else started
    for the tests about the cluster itself when one asks for it."""
    with cluster(tmp_path_factory.mktemp("cluster")) as started:
        yield started


@pytest.fixture(scope="session")
def redis_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """REDIS_URL, else an embedded server; on the cluster run PRIVACYBOT_TEST_CLUSTER_URL (a
    node of your cluster), else the cluster the tests start (REDIS_URL is not a cluster)."""
    if ON_CLUSTER:
        configured = os.environ.get("PRIVACYBOT_TEST_CLUSTER_URL")
        yield configured or request.getfixturevalue("test_cluster").url
        return
    configured = os.environ.get("REDIS_URL")
    if configured:
        yield configured
        return
    server = EmbeddedRedis(tmp_path_factory.mktemp("redis"), persistent=False)
    server.start()
    yield server.url
    server.stop()


def client_for(redis_url: str) -> Redis:
    """A client of the test Redis: the cluster client on the cluster run (same commands)."""
    if ON_CLUSTER:
        return cast(Redis, cluster_client(redis_url))
    return Redis.from_url(redis_url, decode_responses=True)


@pytest.fixture
def prefix() -> str:
    return "t" + secrets.token_hex(6)


@pytest.fixture
async def redis(redis_url: str, prefix: str) -> AsyncIterator[Redis]:
    """A client for the test's own keys; everything under its prefix is removed after (on a
    cluster the scan covers every primary)."""
    client = client_for(redis_url)
    yield client
    async for key in client.scan_iter(match=f"{prefix}:*", count=1000):
        await client.delete(key)
    await client.aclose()


def make_settings(redis_url: str, prefix: str, var_dir: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "app_secret": APP_SECRET,
        "verify_token": VERIFY_TOKEN,
        "page_access_token": "",  # development + no token: the built-in fake Graph
        "redis_url": redis_url,
        "redis_prefix": prefix,
        "data_key": base64.b64encode(b"k" * 32).decode(),
        "var_dir": var_dir,
        "public_url": "http://bot.test",
        "redis_cluster": ON_CLUSTER,
    }
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


@pytest.fixture
def settings(redis_url: str, prefix: str, tmp_path: Path, redis: Redis) -> Settings:
    return make_settings(redis_url, prefix, tmp_path)
