"""Everything a handler may use, opened once per process and closed in reverse order."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass

from redis.asyncio import BlockingConnectionPool, Redis
from redis.asyncio.sentinel import Sentinel, SentinelConnectionPool

from bot.consent.profile import ProfileFetcher
from bot.consent.receipts import ConsentStore
from bot.constants import (
    REDIS_CONNECT_TIMEOUT_S,
    REDIS_POOL_SIZE,
    REDIS_POOL_WAIT_S,
    REDIS_SOCKET_TIMEOUT_S,
)
from bot.crypto import FieldCipher
from bot.graph.client import GraphClient
from bot.graph.fake import FakeGraph
from bot.keys import Keys
from bot.lua import Scripts
from bot.metrics import Metrics
from bot.name_index import NameIndex
from bot.pipeline.dead_letters import DeadLetterSeal
from bot.pipeline.ingest import GroupCommit
from bot.pseudonym import Pseudonymizer
from bot.redis_server import redis_url_for
from bot.rights.erasure import Eraser
from bot.rights.erasure_replay import JournalReplay
from bot.settings import Settings
from bot.staff.audit import Audit
from bot.staff.users import Admins
from bot.store import Store
from intents.matcher import Matcher
from intents.pack import Pack, load_pack

log = logging.getLogger("privacybot.services")


@dataclass(frozen=True)
class Services:
    settings: Settings
    redis: Redis
    keys: Keys
    store: Store
    consents: ConsentStore
    profiles: ProfileFetcher
    ingest: GroupCommit
    admins: Admins
    audit: Audit
    metrics: Metrics
    graph: GraphClient
    pack: Pack
    matcher: Matcher
    pseudonym: Pseudonymizer
    scripts: Scripts  # every Lua script, registered once on `redis`
    fake_graph: FakeGraph | None = None


@contextlib.asynccontextmanager
async def _graph_base(settings: Settings) -> AsyncIterator[tuple[str, FakeGraph | None]]:
    """The Graph API base URL: Meta's, or in development a fake started on loopback."""
    if not settings.fake_graph:
        yield settings.graph_api_url, None
        return
    fake = FakeGraph(settings.page_access_token, settings.app_secret)
    url = await fake.start()
    log.info("development: using the built-in fake Graph API at %s", url)
    try:
        yield url, fake
    finally:
        await fake.stop()


def connection_pool(url: str) -> BlockingConnectionPool:
    """Callers wait for a free connection instead of failing when all are busy (webhook
    requests and worker tasks together can outnumber the pool under load). Socket and connect
    time-outs turn a hung or vanished Redis into an error (503 at the edge), not a long wait."""
    return BlockingConnectionPool.from_url(
        url,
        max_connections=REDIS_POOL_SIZE,
        timeout=REDIS_POOL_WAIT_S,
        socket_timeout=REDIS_SOCKET_TIMEOUT_S,
        socket_connect_timeout=REDIS_CONNECT_TIMEOUT_S,
        decode_responses=True,
    )


class BlockingSentinelPool(SentinelConnectionPool, BlockingConnectionPool):
    """Sentinel's pool (finds the primary again after a failover) with the blocking pool's
    wait for a free connection."""


def sentinel_client(settings: Settings) -> tuple[Sentinel, Redis]:
    timeouts = {
        "socket_timeout": REDIS_SOCKET_TIMEOUT_S,
        "socket_connect_timeout": REDIS_CONNECT_TIMEOUT_S,
    }
    sentinel = Sentinel(
        settings.sentinel_addresses(),
        sentinel_kwargs=timeouts,
        socket_timeout=REDIS_SOCKET_TIMEOUT_S,
        socket_connect_timeout=REDIS_CONNECT_TIMEOUT_S,
    )
    redis = sentinel.master_for(
        settings.redis_sentinel_master,
        redis_class=Redis,
        connection_pool_class=BlockingSentinelPool,
        max_connections=REDIS_POOL_SIZE,
        timeout=REDIS_POOL_WAIT_S,
        decode_responses=True,
    )
    return sentinel, redis


@contextlib.asynccontextmanager
async def open_redis(settings: Settings) -> AsyncIterator[Redis]:
    """REDIS_SENTINELS: the primary the sentinels name, asked again after a failover; else
    REDIS_URL, or an embedded server when that is unset too."""
    if settings.redis_sentinels:
        sentinel, redis = sentinel_client(settings)
        try:
            yield redis
        finally:
            await redis.aclose()  # the client owns and closes the pool
            for client in sentinel.sentinels:
                await client.aclose()
        return
    async with redis_url_for(settings.redis_url, settings.var_dir) as url:
        redis = Redis.from_pool(connection_pool(url))
        try:
            yield redis
        finally:
            await redis.aclose()


@contextlib.asynccontextmanager
async def open_services(
    settings: Settings, metrics: Metrics | None = None
) -> AsyncIterator[Services]:
    pack = load_pack(settings.policy_pack, settings.policy_pack_dir)
    metrics = metrics or Metrics()
    keys = Keys(settings.redis_prefix)
    async with contextlib.AsyncExitStack() as stack:
        redis = await stack.enter_async_context(open_redis(settings))
        base, fake = await stack.enter_async_context(_graph_base(settings))
        graph = GraphClient(base, settings.page_access_token, settings.app_secret, metrics)
        await stack.enter_async_context(graph)
        cipher = FieldCipher(settings.data_key_bytes(), settings.old_data_key_bytes())
        pseudonym = Pseudonymizer(settings.data_key_bytes())
        journal = settings.var_dir / "erasure-journal.jsonl"
        names = NameIndex(
            redis, keys, cipher, settings.data_key_bytes(), settings.old_data_key_bytes()
        )
        scripts = Scripts(redis)
        eraser = Eraser(
            redis,
            keys,
            pseudonym=pseudonym,
            journal=journal,
            names=names,
            scripts=scripts,
            compact_within_s=settings.erasure_compact_s,
        )
        await JournalReplay(
            redis, keys, pseudonym=pseudonym, journal=journal, eraser=eraser
        ).replay()
        await names.ensure_built()  # once, and again after a DATA_KEY rotation
        yield Services(
            settings=settings,
            redis=redis,
            keys=keys,
            store=Store(redis, keys, cipher, names),
            consents=ConsentStore(redis, keys, names),
            profiles=ProfileFetcher(graph),
            ingest=GroupCommit(
                redis,
                keys,
                DeadLetterSeal(cipher, pseudonym),
                ack_replicas=settings.redis_ack_replicas,
            ),
            admins=Admins(redis, keys),
            audit=Audit(redis, keys),
            metrics=metrics,
            graph=graph,
            pack=pack,
            matcher=Matcher(pack),
            pseudonym=pseudonym,
            scripts=scripts,
            fake_graph=fake,
        )
