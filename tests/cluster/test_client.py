"""The cluster client on a real three-master cluster: scripts are loaded on every primary at
start, and a node that lost them (restart, failover; here SCRIPT FLUSH) still runs them, in a
direct call, in a pipeline and in a transaction."""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.cluster.client import ClusterClient, cluster_client
from bot.errors import ConfigError
from bot.lua import Scripts
from bot.services import open_redis
from tests.conftest import make_settings
from tests.redis_nodes import Cluster


@pytest.fixture
async def client(test_cluster: Cluster) -> AsyncIterator[ClusterClient]:
    redis = cluster_client(test_cluster.url)
    yield redis
    async for key in redis.scan_iter(match="cl:*", count=1000):
        await redis.delete(key)
    await redis.aclose()


def spread(count: int) -> list[str]:
    """Keys in many slots, hence on every primary."""
    return [f"cl:{{{secrets.token_hex(4)}}}:k" for _ in range(count)]


def exists_everywhere(test_cluster: Cluster, sha: str) -> list[bool]:
    answers = []
    for node in test_cluster.nodes:
        with node.client() as one:
            answers.append(bool(one.script_exists(sha)[0]))
    return answers


async def test_start_loads_every_script_on_every_primary(
    client: ClusterClient, test_cluster: Cluster
) -> None:
    await client.script_flush()
    scripts = Scripts(client)  # type: ignore[arg-type]
    await scripts.load()
    assert exists_everywhere(test_cluster, scripts.hset_if_exists.sha) == [True] * 3
    assert exists_everywhere(test_cluster, scripts.release_lock.sha) == [True] * 3


async def test_a_direct_call_reloads_a_lost_script(client: ClusterClient) -> None:
    scripts = Scripts(client)  # type: ignore[arg-type]
    await scripts.load()
    await client.script_flush()  # every node forgot them, as after a restart
    key = spread(1)[0]
    await client.set(key, "me")
    assert await scripts.release_lock(keys=[key], args=["me"]) == 1
    assert not await client.exists(key)


async def test_a_pipeline_reloads_a_lost_script_and_keeps_the_other_answers(
    client: ClusterClient, test_cluster: Cluster
) -> None:
    scripts = Scripts(client)  # type: ignore[arg-type]
    await client.script_flush()
    keys = spread(12)
    pipe = client.pipeline(transaction=False)
    for key in keys:
        pipe.hset(key, "a", "1")
        await scripts.hset_if_exists(keys=[key], args=["b", "2"], client=pipe)
    await scripts.hset_if_exists(keys=["cl:{absent}:k"], args=["b", "2"], client=pipe)
    answers = await pipe.execute()
    assert answers == [1, 1] * 12 + [0]
    assert all([await client.hget(key, "b") == "2" for key in keys])
    assert exists_everywhere(test_cluster, scripts.hset_if_exists.sha) == [True] * 3


async def test_a_transaction_with_a_lost_script_runs_whole(client: ClusterClient) -> None:
    scripts = Scripts(client)  # type: ignore[arg-type]
    await client.script_flush()
    key = spread(1)[0]
    pipe = client.pipeline(transaction=True)
    pipe.hset(key, "a", "1")
    await scripts.hset_if_exists(keys=[key], args=["b", "2"], client=pipe)
    pipe.hset(key, "c", "3")
    assert await pipe.execute() == [1, 1, 1]
    assert await client.hgetall(key) == {"a": "1", "b": "2", "c": "3"}


async def test_redis_cluster_selects_the_cluster_client(
    test_cluster: Cluster, tmp_path: Path
) -> None:
    settings = make_settings(test_cluster.url, "cl", tmp_path, redis_cluster=True)
    async with open_redis(settings) as redis:
        assert isinstance(redis, ClusterClient)
        keys = spread(6)
        for key in keys:  # any node's URL, every slot's keys
            await redis.set(key, "1")
        assert await redis.exists(*keys) == 6
        for key in keys:
            await redis.delete(key)
    with pytest.raises(ConfigError, match="REDIS_URL"):
        async with open_redis(make_settings("", "cl", tmp_path, redis_cluster=True)):
            pass


async def test_replica_acks_are_refused_on_a_cluster_with_what_to_do(
    test_cluster: Cluster, tmp_path: Path
) -> None:
    """WAIT would answer for one node only: a promise the cluster could not keep."""
    settings = make_settings(
        test_cluster.url, "cl", tmp_path, redis_cluster=True, redis_ack_replicas=1
    )
    with pytest.raises(ConfigError, match="min-replicas-to-write"):
        async with open_redis(settings):
            pass
