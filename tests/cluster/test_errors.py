"""A cluster that cannot answer now means 503 and a JSON reason, never 500: the HTTP edge's one
error mapping (webhook/errors.py) knows the cluster client's errors, including those that are
not RedisErrors (an uncovered slot, an unreachable cluster, a cross-slot transaction)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from aiohttp import web
from redis import Redis as SyncRedis
from redis.crc import key_slot
from redis.exceptions import (
    AskError,
    ClusterCrossSlotError,
    ClusterDownError,
    ClusterError,
    CrossSlotTransactionError,
    MasterDownError,
    MovedError,
    RedisClusterException,
    RedisClusterUnreachableError,
    ResponseError,
    SlotNotCoveredError,
    TryAgainError,
)

from bot.cluster.client import cluster_client
from tests.redis_nodes import Cluster
from webhook.errors import error_middleware

RETRY = {"error": "temporarily unavailable, please retry"}


async def answer_of(aiohttp_client: Any, failing: Callable[[], Awaitable[None]]) -> Any:
    async def handler(_: web.Request) -> web.Response:
        await failing()
        return web.Response(text="not reached")

    app = web.Application(middlewares=[error_middleware])
    app.router.add_get("/x", handler)
    client = await aiohttp_client(app)
    return await client.get("/x")


@pytest.mark.parametrize(
    "error",
    [
        ClusterDownError("CLUSTERDOWN The cluster is down"),
        TryAgainError("TRYAGAIN Multiple keys request during rehashing of slot"),
        MasterDownError("MASTERDOWN Link with MASTER is down"),
        SlotNotCoveredError("Command # 1 (GET k) has no node serving slot 866"),
        ClusterError("no node answered"),
        RedisClusterException("unknown command"),
        RedisClusterUnreachableError("every startup node failed"),
        CrossSlotTransactionError("all keys must map to the same slot"),
        ResponseError("CROSSSLOT Keys in request don't hash to the same slot"),
        MovedError("3999 127.0.0.1:6381"),
        AskError("3999 127.0.0.1:6381"),
    ],
    ids=lambda error: type(error).__name__,
)
async def test_each_cluster_error_is_a_503_with_a_reason(
    error: Exception, aiohttp_client: Any
) -> None:
    async def failing() -> None:
        raise error

    answer = await answer_of(aiohttp_client, failing)
    assert answer.status == 503
    assert await answer.json() == RETRY


def owner(test_cluster: Cluster, key: str) -> int:
    """Which node (its index) serves `key`."""
    return test_cluster.nodes.index(test_cluster.owner(key_slot(key.encode())))


def same_node_other_slots(test_cluster: Cluster) -> tuple[str, str]:
    """Two keys that the first node serves, in two different slots."""
    mine = [key for key in (f"e:{i}" for i in range(1000)) if owner(test_cluster, key) == 0]
    return mine[0], mine[1]


async def test_what_a_real_cluster_answers_is_a_503(
    test_cluster: Cluster, aiohttp_client: Any
) -> None:
    one, two = same_node_other_slots(test_cluster)
    plain = SyncRedis(port=test_cluster.nodes[0].port)
    client = cluster_client(test_cluster.url)
    raised: list[type[Exception]] = []

    async def crossslot() -> None:  # one server's client: the node itself refuses
        await kept(lambda: plain.mget(one, two))

    async def moved() -> None:  # one server's client, a key of another node
        other = next(f"e:{i}" for i in range(1000) if owner(test_cluster, f"e:{i}") != 0)
        await kept(lambda: plain.get(other))

    async def cross_slot_transaction() -> None:
        pipe = client.pipeline(transaction=True)
        pipe.set(one, "1")
        pipe.set(two, "2")
        await kept(pipe.execute)

    async def kept(call: Callable[[], object]) -> None:
        try:
            result = call()
            if isinstance(result, Awaitable):
                await result
        except Exception as exc:
            raised.append(type(exc))
            raise

    try:
        for failing in (crossslot, moved, cross_slot_transaction):
            answer = await answer_of(aiohttp_client, failing)
            assert (answer.status, await answer.json()) == (503, RETRY), failing.__name__
    finally:
        plain.close()
        await client.aclose()
    assert raised == [ClusterCrossSlotError, MovedError, CrossSlotTransactionError]
