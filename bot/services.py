"""Everything a handler may use, opened once per process and closed in reverse order.

Shared things (Redis, metrics, pseudonym, staff users, the one events stream) are opened once;
what a Page owns (keys, pack, matcher, Graph client, store) is per Page: `for_page` gives the
view of one Page, the same `Services` shape, so handlers need not know about Pages.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass, field, replace
from typing import cast

from redis.asyncio import BlockingConnectionPool, Redis
from redis.asyncio.sentinel import Sentinel, SentinelConnectionPool

from bot.cluster.client import cluster_client
from bot.cluster.layout import ensure_layout, laid_out
from bot.cluster.migrate import migrate_unpartitioned
from bot.consent.profile import ProfileFetcher
from bot.consent.receipts import ConsentStore
from bot.constants import (
    REDIS_CONNECT_TIMEOUT_S,
    REDIS_POOL_SIZE,
    REDIS_POOL_WAIT_S,
    REDIS_SOCKET_TIMEOUT_S,
)
from bot.crypto import FieldCipher
from bot.errors import ConfigError
from bot.graph.client import GraphClient
from bot.graph.fake import FakeGraph
from bot.keys import Keys
from bot.lua import Scripts
from bot.metrics import Metrics
from bot.name_index import NameIndex
from bot.pages import Page
from bot.pages.config import PageConfig, PagesConfig, load_pages, single_page, warn_ignored
from bot.pages.opening import Shared, open_page
from bot.pages.upgrade import adopt_unscoped, adopter
from bot.pipeline.dead_letters import DeadLetterSeal
from bot.pipeline.ingest import GroupCommit
from bot.pseudonym import Pseudonymizer
from bot.redis_server import redis_url_for
from bot.settings import Settings
from bot.staff.audit import Audit
from bot.staff.users import Admins
from bot.store import Store
from intents.matcher import Matcher
from intents.pack import Pack

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
    page: Page
    fake_graph: FakeGraph | None = None
    # Every Page's view by id, shared by all views (the first is the default Page).
    views: dict[str, Services] = field(default_factory=dict, compare=False, repr=False)

    @property
    def paged(self) -> bool:
        """True with PAGES_FILE: events and staff name the Page."""
        return self.keys.paged

    def for_page(self, page_id: str) -> Services | None:
        """One Page's view; None for a Page this deployment does not serve. Without PAGES_FILE
        the one Page serves every id; "" (an event queued before Pages) is the default Page."""
        if not self.paged:
            return self
        if not page_id:
            return next(iter(self.views.values()))
        return self.views.get(page_id)

    def every_page(self) -> list[Services]:
        return list(self.views.values()) if self.paged else [self]


def pages_config(settings: Settings) -> PagesConfig:
    if settings.pages_file is None:
        return single_page(token=settings.page_access_token, pack=settings.policy_pack)
    warn_ignored()
    return load_pages(
        settings.pages_file, production=settings.production, pack_dir=settings.policy_pack_dir
    )


def _with_dev_tokens(settings: Settings, config: PagesConfig) -> tuple[PagesConfig, bool]:
    """Whether the fake Graph stands in, and the tokens the Pages then use (one each, so that
    the fake's records tell the Pages apart)."""
    if not config.from_file:
        return config, settings.fake_graph
    if settings.production or config.any_token:
        return config, False
    pages = tuple(
        page.model_copy(update={"access_token": f"dev-page-token-{page.id}"})
        for page in config.pages
    )
    return config.model_copy(update={"pages": pages}), True


@contextlib.asynccontextmanager
async def _graph_base(
    settings: Settings, config: PagesConfig, fake_graph: bool
) -> AsyncIterator[tuple[str, FakeGraph | None]]:
    """The Graph API base URL: Meta's, or in development a fake started on loopback."""
    if not fake_graph:
        yield settings.graph_api_url, None
        return
    tokens = [page.access_token for page in config.pages]
    fake = FakeGraph(tokens[0], settings.app_secret, other_tokens=tuple(tokens[1:]))
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


def _view(template: Services, page: Page, names: NameIndex, shared: Shared) -> Services:
    return replace(
        template,
        keys=page.keys,
        store=Store(shared.redis, page.keys, shared.cipher, names),
        consents=ConsentStore(shared.redis, page.keys, names),
        profiles=ProfileFetcher(page.graph),
        audit=Audit(shared.redis, page.keys),
        graph=page.graph,
        pack=page.pack,
        matcher=page.matcher,
        page=page,
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
    """REDIS_SENTINELS: the primary the sentinels name, asked again after a failover;
    REDIS_CLUSTER: the cluster of the node REDIS_URL names; else REDIS_URL, or an embedded
    server when that is unset too."""
    if settings.redis_cluster:
        if not settings.redis_url:
            raise ConfigError("REDIS_CLUSTER=1 needs REDIS_URL: the address of any cluster node")
        if settings.redis_ack_replicas:  # WAIT answers for one node, not for every partition's
            raise ConfigError(
                "REDIS_ACK_REPLICAS works with one primary (and Sentinel), not with "
                "REDIS_CLUSTER=1: set min-replicas-to-write on the cluster's nodes instead"
            )
        cluster = cluster_client(settings.redis_url)
        try:  # the same commands as one server's client: callers need not know
            yield cast(Redis, cluster)
        finally:
            await cluster.aclose()
        return
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
    config, fake_graph = _with_dev_tokens(settings, pages_config(settings))
    metrics = metrics or Metrics()
    async with contextlib.AsyncExitStack() as stack:
        redis = await stack.enter_async_context(open_redis(settings))
        cipher = FieldCipher(settings.data_key_bytes(), settings.old_data_key_bytes())
        pseudonym = Pseudonymizer(settings.data_key_bytes())
        seal = DeadLetterSeal(cipher, pseudonym)
        keys = await _laid_out_keys(redis, settings, config, seal)
        base, fake = await stack.enter_async_context(_graph_base(settings, config, fake_graph))
        shared = Shared(settings, redis, cipher, pseudonym, Scripts(redis), metrics)
        await shared.scripts.load()
        await adopt_unscoped(redis, keys, config, settings.var_dir, seal.open_event)
        opened = [
            await open_page(stack, shared, page, keys.for_page(page.id), base)
            for page in _default_first(config)
        ]
        first, first_names = opened[0]
        template = Services(
            settings=settings,
            redis=redis,
            keys=first.keys,
            store=Store(redis, first.keys, cipher, first_names),
            consents=ConsentStore(redis, first.keys, first_names),
            profiles=ProfileFetcher(first.graph),
            ingest=GroupCommit(  # an event without a Page id goes to the default Page
                redis,
                first.keys,
                seal,
                ack_replicas=settings.redis_ack_replicas,
            ),
            admins=Admins(redis, keys),
            audit=Audit(redis, first.keys),
            metrics=metrics,
            graph=first.graph,
            pack=first.pack,
            matcher=first.matcher,
            pseudonym=pseudonym,
            scripts=shared.scripts,
            page=first,
            fake_graph=fake,
        )
        for page, names in opened:
            template.views[page.id] = _view(template, page, names, shared)
        yield template.views[first.id]


async def _laid_out_keys(
    redis: Redis, settings: Settings, config: PagesConfig, seal: DeadLetterSeal
) -> Keys:
    """The data's keys; data of the layout before partitions is moved first (one server: no
    cluster ever ran that layout)."""
    keys = Keys(settings.redis_prefix, paged=config.from_file)
    if not settings.redis_cluster:
        default = _default_first(config)[0].id if config.from_file else ""
        wanted = settings.redis_partitions
        await migrate_unpartitioned(redis, keys, wanted, seal.open_event, default)
    return laid_out(keys, await ensure_layout(redis, keys, settings.redis_partitions))


def _default_first(config: PagesConfig) -> list[PageConfig]:
    """The default Page (the one events without a Page id belong to) first: the adopter of
    the one-Page data when there is one, else the file's first Page."""
    pages = list(config.pages)
    if not config.from_file or len(pages) == 1:
        return pages
    try:
        chosen = adopter(config)
    except ConfigError:  # several Pages, none adopting: the file's first is the default
        return pages
    return sorted(pages, key=lambda page: page.id != chosen)
