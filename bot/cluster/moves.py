"""Moving a Page's keys to their names under other `Keys` (another layout, another Page):
a person's keys are renamed, an index is split into the slices of the partitions its members
now belong to, and what names people only by a keyed hash (suppressions, erasure times) goes
to every partition, since a hash cannot say whose partition it is.

Every step is idempotent: a copy is written before its source is deleted, so a start that died
half-way does the rest next time. On one server a key moves by RENAME (its TTL goes with it);
on a cluster, where a new name may sit in another slot, by DUMP + RESTORE with its TTL + DEL.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from redis.asyncio import Redis
from redis.exceptions import ResponseError

from bot.cluster.names import Found, Kind
from bot.keys import Keys

CHUNK = 1000


class Mover:
    def __init__(self, redis: Redis, keys_of: Callable[[str], Keys], *, cluster: bool) -> None:
        self.redis = redis
        self.keys_of = keys_of  # the target Keys of a Page ("" = the unscoped one)
        self.cluster = cluster

    async def move(self, key: str, found: Found) -> None:
        k = self.keys_of(found.page)
        renamed = _new_name(k, found)
        if renamed is not None:
            await self.rename(key, renamed)
        elif found.kind is Kind.PEOPLE:
            index = k.users_index if found.part == "users" else k.marketing_index
            await self._split_zset(key, lambda psid: index(k.partition(psid)))
        elif found.kind is Kind.NAMES:
            await self._split_set(key, lambda psid: k.name_index(k.partition(psid), found.part))
        elif found.kind is Kind.DUE:
            await self._split_zset(key, lambda rid: k.dsar_due(k.request_partition(rid)))
        elif found.kind is Kind.COUNTS:
            await self._add_counts(key, k.audience_counts(0))
        elif found.kind is Kind.DIGESTS:
            await self._everywhere(key, found.part, k)
        elif found.kind is Kind.JOURNAL_MARK:
            await self._journal_mark(key, k.erasure_replay)

    async def rename(self, old: str, new: str) -> None:
        if old == new:
            return
        if not self.cluster:
            try:
                await self.redis.rename(old, new)
            except ResponseError as exc:  # expired since the scan (a flow, a lock): nothing to move
                if "no such key" not in str(exc).lower():
                    raise
            return
        dumped = await self.redis.dump(old)
        if dumped is None:  # gone meanwhile: moved by an earlier run
            return
        ttl = max(int(await self.redis.pttl(old)), 0)
        await self.redis.restore(new, ttl, dumped, replace=True)
        await self.redis.delete(old)

    async def _split_zset(self, key: str, target: Callable[[str], str]) -> None:
        batch: list[tuple[str, float]] = []
        async for member, score in self.redis.zscan_iter(key, count=CHUNK):
            batch.append((member, score))
            if len(batch) >= CHUNK:
                await self._zadd(batch, target)
                batch = []
        await self._zadd(batch, target)
        await self.redis.delete(key)

    async def _zadd(self, batch: list[tuple[str, float]], target: Callable[[str], str]) -> None:
        pipe = self.redis.pipeline(transaction=False)
        for member, score in batch:
            pipe.zadd(target(member), {member: score})
        await pipe.execute()

    async def _split_set(self, key: str, target: Callable[[str], str]) -> None:
        members = [m async for m in self.redis.sscan_iter(key, count=CHUNK)]
        for start in range(0, len(members), CHUNK):
            pipe = self.redis.pipeline(transaction=False)
            for member in members[start : start + CHUNK]:
                pipe.sadd(target(member), member)
            await pipe.execute()
        await self.redis.delete(key)

    async def _everywhere(self, key: str, name: str, k: Keys) -> None:
        """Keyed PSID hashes (suppressed: SET; erased_at: HASH) into every partition's slice:
        whichever partition the person turns out to be in holds their mark."""
        if name == "suppressed":
            digests = [m async for m in self.redis.sscan_iter(key, count=CHUNK)]
            for start in range(0, len(digests), CHUNK):
                pipe = self.redis.pipeline(transaction=False)
                for n in k.every_partition:
                    pipe.sadd(k.suppressed(n), *digests[start : start + CHUNK])
                await pipe.execute()
        else:
            times = cast(dict[str, str], await self.redis.hgetall(key))
            if times:
                pipe = self.redis.pipeline(transaction=False)
                for n in k.every_partition:
                    pipe.hset(k.erased_at(n), mapping=times)  # type: ignore[arg-type]
                await pipe.execute()
        await self.redis.delete(key)

    async def _add_counts(self, key: str, total: str) -> None:
        """A partition's audience counters, added to partition 0's: what is read is their sum
        over the partitions, which stays right as later changes count in each partition."""
        if key == total:
            return
        counts = cast(dict[str, str], await self.redis.hgetall(key))
        pipe = self.redis.pipeline(transaction=not self.cluster)
        for reason, count in counts.items():
            pipe.hincrby(total, reason, int(count))
        pipe.delete(key)
        await pipe.execute()

    async def _journal_mark(self, key: str, new: str) -> None:
        """Version 1's checkpoint named one journal; version 2's names partition 0's, where the
        journal went (`stream_id` -> `stream_id:0`)."""
        mark = cast(dict[str, str], await self.redis.hgetall(key))
        if "stream_id" not in mark:
            await self.rename(key, new)
            return
        fields = {("stream_id:0" if f == "stream_id" else f): v for f, v in mark.items()}
        pipe = self.redis.pipeline(transaction=not self.cluster)
        pipe.hset(new, mapping=fields)  # type: ignore[arg-type]
        if new == key:
            pipe.hdel(key, "stream_id")
        else:
            pipe.delete(key)
        await pipe.execute()


def _new_name(k: Keys, found: Found) -> str | None:
    """The one new name of a key that moves whole; None for one that is split or merged."""
    if found.kind is Kind.PERSON:
        return k.user(found.part) + found.rest
    if found.kind is Kind.REQUEST:
        return k.dsar(found.part)
    if found.kind is Kind.JOURNAL:
        return k.erasures(found.n)
    if found.kind is Kind.PLAIN:
        return f"{k.own}:{found.rest}"
    return None
