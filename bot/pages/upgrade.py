"""The upgrade from one Page to PAGES_FILE, with no manual step: at start, the data of the
one-Page layout (unscoped keys) moves under the Page that adopts it, once.

SCAN + RENAME on one server; idempotent: a start that died half-way moves the rest next
time, and a marker key makes later starts skip the scan.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from redis.asyncio import Redis

from bot.errors import ConfigError
from bot.keys import SHARED_SUFFIXES, Keys
from bot.pages import JOURNAL_FILE, journal_file
from bot.pages.config import PagesConfig

log = logging.getLogger("privacybot.pages")

_RENAME_BATCH = 500


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


def _owned_by_page(prefix: str, key: str) -> bool:
    rest = key[len(prefix) + 1 :]
    return not rest.startswith(SHARED_SUFFIXES)


async def adopt_unscoped(redis: Redis, keys: Keys, config: PagesConfig, var_dir: Path) -> int:
    """Move every unscoped Page-owned key under the adopting Page; the number moved."""
    if not config.from_file or await redis.exists(keys.pages_migrated):
        return 0
    legacy = [
        key
        async for key in redis.scan_iter(match=f"{keys.prefix}:*", count=1000)
        if _owned_by_page(keys.prefix, key)
    ]
    moved = 0
    if legacy:
        target = keys.for_page(adopter(config))
        for start in range(0, len(legacy), _RENAME_BATCH):
            pipe = redis.pipeline(transaction=False)
            for key in legacy[start : start + _RENAME_BATCH]:
                pipe.rename(key, target.own + key[len(keys.prefix) :])
            await pipe.execute()
        moved = len(legacy)
        _move_journal(var_dir, target.page)
        log.warning(
            "upgrade: %d keys of the one-Page layout now belong to Page %s", moved, target.page
        )
    await redis.set(keys.pages_migrated, "1")
    return moved


def _move_journal(var_dir: Path, page_id: str) -> None:
    """The erasure journal's file follows the data (replayed per Page at start)."""
    old, new = var_dir / JOURNAL_FILE, var_dir / journal_file(page_id)
    if old.exists() and not new.exists():
        os.replace(old, new)
