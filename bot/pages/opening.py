"""Opening one Page at start: its Graph client (its token), its pack and matcher, its name
index, and its erasure journal replayed (each Page has its own journal file)."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

from redis.asyncio import Redis

from bot.crypto import FieldCipher
from bot.graph.client import GraphClient
from bot.keys import Keys
from bot.lua import Scripts
from bot.metrics import Metrics
from bot.name_index import NameIndex
from bot.pages import Page, journal_file
from bot.pages.config import PageConfig
from bot.pseudonym import Pseudonymizer
from bot.rights.erasure import Eraser
from bot.rights.erasure_replay import JournalReplay
from bot.settings import Settings
from intents.matcher import Matcher
from intents.pack import load_pack


@dataclass(frozen=True)
class Shared:
    settings: Settings
    redis: Redis
    cipher: FieldCipher
    pseudonym: Pseudonymizer
    scripts: Scripts
    metrics: Metrics


async def open_page(
    stack: contextlib.AsyncExitStack, shared: Shared, config: PageConfig, keys: Keys, base: str
) -> tuple[Page, NameIndex]:
    settings = shared.settings
    pack = load_pack(config.pack, settings.policy_pack_dir)
    graph = GraphClient(base, config.access_token, settings.app_secret, shared.metrics)
    await stack.enter_async_context(graph)
    names = NameIndex(
        shared.redis, keys, shared.cipher, settings.data_key_bytes(), settings.old_data_key_bytes()
    )
    journal = settings.var_dir / journal_file(keys.page)
    eraser = Eraser(
        shared.redis,
        keys,
        pseudonym=shared.pseudonym,
        journal=journal,
        names=names,
        scripts=shared.scripts,
        compact_within_s=settings.erasure_compact_s,
    )
    await JournalReplay(
        shared.redis, keys, pseudonym=shared.pseudonym, journal=journal, eraser=eraser
    ).replay()
    await names.ensure_built()  # once, and again after a DATA_KEY rotation
    page = Page(
        id=config.id,
        name=config.name or pack.pack.controller,
        pack=pack,
        matcher=Matcher(pack),
        graph=graph,
        token=config.access_token,
        time_zone=config.time_zone or pack.pack.time_zone,
        keys=keys,
    )
    return page, names
