"""After an erasure, no copy of the person may stay in Redis's files for longer than
`ERASURE_COMPACT_S`: the append-only file still holds the writes that named them until Redis
rewrites it. An erasure records when a rewrite is due (`compact_due` in the housekeeping hash,
the earliest pending one wins); the worker holding the housekeeping lease starts
`BGREWRITEAOF` once it is due. Half the window is left for the rewrite itself.
"""

from __future__ import annotations

import logging
import time
from typing import cast

from redis.asyncio import Redis
from redis.asyncio.client import Pipeline
from redis.exceptions import ResponseError

from bot.keys import Keys

log = logging.getLogger("privacybot.compaction")
_DUE = "compact_due"


def schedule_compaction(pipe: Pipeline, keys: Keys, at_ms: int, within_s: float) -> None:
    """Staged in the erasure's MULTI. HSETNX keeps an earlier due time already pending."""
    due_ms = at_ms + int(within_s * 1000 / 2)
    pipe.hsetnx(keys.housekeeping, _DUE, str(due_ms))


async def compact_if_due(redis: Redis, keys: Keys) -> bool:
    """Start the rewrite if one is due; True if it was started."""
    due = cast(str | None, await redis.hget(keys.housekeeping, _DUE))
    if due is None or int(due) > time.time() * 1000:
        return False
    try:
        await redis.bgrewriteaof()
    except ResponseError as exc:
        # Also "already in progress": that one may predate the erasure, so try again later.
        log.warning("append-only file rewrite not started: %s", exc)
        return False
    await redis.hdel(keys.housekeeping, _DUE)
    log.info("append-only file rewrite started after an erasure")
    return True
