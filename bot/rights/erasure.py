"""Erasure: every key and index entry that names a person goes in one transaction, under the
same per-person lock as event handling; only a keyed hash of the PSID stays behind. All of it
is in the person's partition (their keys, the partition's index slices, audience counts,
suppression set, erasure marks and journal), so it is one MULTI in one cluster slot; what
lives elsewhere (an export link, the compaction schedule, dead letters) follows it.

The erasure journal is written twice: to the partition's `erasures` stream and to an
append-only file beside the data (`VAR_DIR/erasure-journal.jsonl`). Restoring an older Redis
backup brings back an older stream, but not an older file: the journal is replayed at
start-up (bot/rights/erasure_replay.py) and erases again whoever it names that the backup
resurrected.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import time
from functools import partial
from pathlib import Path
from typing import cast

from redis.asyncio import Redis
from redis.asyncio.client import Pipeline

from bot.constants import ERASURE_COMPACT_DEFAULT_S
from bot.indexes.audience import stage_reclass
from bot.keys import Keys
from bot.lua import Scripts
from bot.name_index import NameIndex
from bot.pipeline.compaction import schedule_compaction
from bot.pipeline.dead_letters import names
from bot.pipeline.locks import UserLocks
from bot.pseudonym import Pseudonymizer

log = logging.getLogger("privacybot.erasure")


class Eraser:
    def __init__(
        self,
        redis: Redis,
        keys: Keys,
        *,
        pseudonym: Pseudonymizer,
        journal: Path,
        names: NameIndex,
        scripts: Scripts,
        compact_within_s: float = ERASURE_COMPACT_DEFAULT_S,
    ) -> None:
        self.compact_within_s = compact_within_s
        self.redis = redis
        self.keys = keys
        self.pseudonym = pseudonym
        self.journal = journal
        self.names = names
        self.locks = UserLocks(redis, keys, scripts)

    async def erase(self, psid: str, *, locked: bool = False) -> str:
        """Erase one person; `locked` when the caller (the event worker) holds their lock.
        Returns the keyed hash that stays behind."""
        if locked:
            return await self._erase(psid)
        async with self.locks.hold(psid):
            return await self._erase(psid)

    async def _erase(self, psid: str) -> str:
        digest = self.pseudonym(psid)
        remove = partial(self._remove, psid, digest)
        watched = (self.keys.inbox(psid), self.keys.user(psid))
        at_ms, export_token = cast(
            tuple[int, str | None],
            await self.redis.transaction(remove, *watched, value_from_callable=True),
        )
        await self._after(at_ms, export_token)
        await self._purge_dead_letters(psid)
        await asyncio.to_thread(self._append_journal, digest, at_ms, self.keys.partition(psid))
        log.info("erased user=%s", digest)
        return digest

    async def _remove(self, psid: str, digest: str, pipe: Pipeline) -> tuple[int, str | None]:
        """Delete everything in one MULTI; returns the cutoff (events stamped at or before it
        are dropped unhandled) and the export link to revoke. The cutoff also covers every
        event already received (its inbox), whatever its timestamp says: those were in
        flight, not sent after the erasure.
        The inbox is watched, so an event received meanwhile retries the transaction; so is
        the person's hash, whose name says which name-index sets hold them."""
        newest = cast(
            list[tuple[str, float]],
            await pipe.zrange(self.keys.inbox(psid), -1, -1, withscores=True),
        )
        at_ms = max([int(time.time() * 1000), *(int(score) for _, score in newest)])
        export_token = cast(str | None, await pipe.hget(self.keys.user(psid), "export_token"))
        named = await self.names.held(pipe, psid)
        n = self.keys.partition(psid)
        pipe.multi()  # type: ignore[no-untyped-call]  # redis-py leaves it unannotated
        self.names.stage(pipe, psid, held=named, names=())
        pipe.zrem(self.keys.users_index(n), psid)
        pipe.zrem(self.keys.marketing_index(n), psid)
        # Out of both indexes, with the hash still there: the count they were in drops.
        stage_reclass(pipe, self.keys, psid, digest)
        pipe.delete(*(k for k in self.keys.user_keys(psid) if k != self.keys.lock(psid)))
        pipe.sadd(self.keys.suppressed(n), digest)
        pipe.hset(self.keys.erased_at(n), digest, str(at_ms))
        pipe.xadd(self.keys.erasures(n), {"hash": digest, "at": str(at_ms)})
        return at_ms, export_token

    async def _after(self, at_ms: int, export_token: str | None) -> None:
        """What sits outside the person's partition, right after: the export link goes, and
        the append-only file's rewrite is scheduled (both single keys of their own)."""
        pipe = self.redis.pipeline(transaction=False)
        if export_token:
            pipe.delete(self.keys.export(export_token))
        schedule_compaction(pipe, self.keys, at_ms, self.compact_within_s)
        await pipe.execute()

    async def _purge_dead_letters(self, psid: str) -> None:
        """Failed events are kept for inspection; not an erased person's."""
        rows = cast(
            list[tuple[str, dict[str, str]]], await self.redis.xrange(self.keys.dead_letters)
        )
        digest = self.pseudonym(psid)
        doomed = [entry_id for entry_id, fields in rows if names(fields, psid, digest)]
        if doomed:
            await self.redis.xdel(self.keys.dead_letters, *doomed)

    def _append_journal(self, digest: str, at_ms: int, n: int) -> None:
        """`n`, the partition: a replay puts back the marks where the person's keys live."""
        self.journal.parent.mkdir(parents=True, exist_ok=True)
        with self.journal.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps({"hash": digest, "at": at_ms, "n": n}) + "\n")
            handle.flush()
            os.fdatasync(handle.fileno())  # data and size, not timestamps: cheaper, as durable
