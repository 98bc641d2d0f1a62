"""The upgrade from one Page to PAGES_FILE, with no manual step: at start, the data of the
one-Page layout (unscoped keys) moves under the Page that adopts it, once.

The Page id is part of a person's partition hash (docs/partitions.md), so the upgrade moves
each person into their partition under the Page, splits the index slices again, and moves the
events no worker finished to their person's new partition's stream (bot/cluster). SCAN +
RENAME on one server (DUMP + RESTORE on a cluster); idempotent: a start that died half-way
moves the rest next time, and a marker key makes later starts skip the scan.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from redis.asyncio import Redis

from bot.cluster.client import is_cluster
from bot.cluster.migrate import Opener
from bot.cluster.moves import Mover
from bot.cluster.names import Kind, marked_event, partitioned, partitioned_markers
from bot.cluster.streams import reroute, spread_markers, with_groups
from bot.errors import ConfigError
from bot.keys import Keys
from bot.pages import JOURNAL_FILE, journal_file
from bot.pages.config import PagesConfig

log = logging.getLogger("privacybot.pages")
_KEPT = (Kind.SHARED, Kind.EVENTS)  # the deployment's; the events move entry by entry
_BATCH = 1000


def adopter(config: PagesConfig) -> str:
    """The Page that takes over the one-Page data: the only one, or `adopt_existing`."""
    chosen = [page.id for page in config.pages if page.adopt_existing]
    if chosen:
        return chosen[0]
    if len(config.pages) == 1:
        return config.pages[0].id
    raise ConfigError(
        "This Redis holds data of the one-Page layout (before PAGES_FILE) and PAGES_FILE lists "
        f"{len(config.pages)} Pages; set adopt_existing = true on the Page that served it."
    )


async def adopt_unscoped(
    redis: Redis, keys: Keys, config: PagesConfig, var_dir: Path, open_event: Opener
) -> int:
    """Move every unscoped Page-owned key under the adopting Page; the number moved.
    `open_event`: a stored event's fields, unsealed (its Page and person pick its stream)."""
    if not config.from_file or await redis.exists(keys.pages_migrated):
        return 0
    legacy = [
        (key, found)
        async for key in redis.scan_iter(match=f"{keys.prefix}:*", count=1000)
        if (found := partitioned(keys.prefix, key)).kind not in _KEPT and not found.page
    ]
    if legacy:
        target = keys.for_page(adopter(config))
        mover = Mover(redis, lambda _: target, cluster=is_cluster(redis))
        for start in range(0, len(legacy), _BATCH):
            await mover.move_all(legacy[start : start + _BATCH])
        await _move_events(redis, keys, target.page, open_event)
        _move_journal(var_dir, target.page)
        log.warning(
            "upgrade: %d keys of the one-Page layout now belong to Page %s",
            len(legacy),
            target.page,
        )
    await redis.set(keys.pages_migrated, "1")
    return len(legacy)


async def _move_events(redis: Redis, keys: Keys, page: str, open_event: Opener) -> None:
    """Events no worker finished, to the stream of their person's partition under the Page."""

    def where(fields: dict[str, str]) -> int:
        opened = open_event(fields)
        return keys.for_page(opened.get("p", "") or page).partition(opened.get("u", ""))

    cluster = is_cluster(redis)
    await with_groups(redis, keys)
    for n in keys.every_partition:
        if await redis.exists(keys.events(n)):
            await reroute(redis, keys.events(n), keys.attempts(n), keys, where, cluster=cluster)
    markers = partitioned_markers(keys.prefix)
    await spread_markers(redis, markers, marked_event, keys, drop=False)


def _move_journal(var_dir: Path, page_id: str) -> None:
    """The erasure journal's file follows the data (replayed per Page at start)."""
    old, new = var_dir / JOURNAL_FILE, var_dir / journal_file(page_id)
    if old.exists() and not new.exists():
        os.replace(old, new)
