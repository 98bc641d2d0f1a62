"""Moving a Page's keys to their names under other `Keys` (another layout, another Page):
a person's keys are renamed, an index is split into the slices of the partitions its members
now belong to. A keyed PSID hash cannot say whose partition it is: erasure times go to every
partition (an old event of an erased person is dropped wherever they now live), the
suppression set and the erasure journal keep their partition number (0 from the layout before
partitions), as the erasure journal's replay does (bot/rights/erasure_replay.py). Audience
counters are dropped: the next sweep counts the partition again (bot/audience_counts.py).

Every step is idempotent: a copy is written before its source is deleted, so a start that died
half-way does the rest next time. On one server a key moves by RENAME (its TTL goes with it);
on a cluster, where a new name may sit in another slot, by DUMP + RESTORE with its TTL + DEL.
"""

from __future__ import annotations

from collections import defaultdict
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

    async def move_all(self, batch: list[tuple[str, Found]]) -> int:
        """Move a batch of keys (whole ones in one round trip); the number that moved."""
        whole = [(key, _new_name(self.keys_of(found.page), found)) for key, found in batch]
        renames = [(key, new) for key, new in whole if new is not None and new != key]
        await self.renames(renames)
        rest = [
            (key, found) for (key, found), (_, new) in zip(batch, whole, strict=True) if new is None
        ]
        for key, found in rest:
            await self.move(key, found)
        return len(renames) + len(rest)

    async def move(self, key: str, found: Found) -> None:
        k = self.keys_of(found.page)
        renamed = _new_name(k, found)
        if renamed is not None:
            await self.renames([(key, renamed)] if renamed != key else [])
        elif found.kind is Kind.PEOPLE:
            index = k.users_index if found.part == "users" else k.marketing_index
            await self._split_zset(key, lambda psid: index(k.partition(psid)))
        elif found.kind is Kind.NAMES:
            await self._split_set(key, lambda psid: k.name_index(k.partition(psid), found.part))
        elif found.kind is Kind.DUE:
            await self._split_zset(key, lambda rid: k.dsar_due(k.request_partition(rid)))
        elif found.kind is Kind.COUNTS:  # counted again by the next sweep (audience counts)
            await self.redis.delete(key)
        elif found.kind is Kind.DIGESTS and found.part == "erased_at":
            await self._everywhere(key, k)
        elif found.kind is Kind.JOURNAL_MARK:
            await self._journal_mark(key, k.erasure_replay)

    async def renames(self, moves: list[tuple[str, str]]) -> None:
        """Each key under its new name, in one round trip (two on a cluster). A key gone
        since the scan (an expired flow or lock, or moved by an earlier run) is skipped."""
        if not moves:
            return
        if self.cluster:
            await self._dump_restore(moves)
            return
        pipe = self.redis.pipeline(transaction=False)
        for old, new in moves:
            pipe.rename(old, new)
        for answer in await pipe.execute(raise_on_error=False):
            if isinstance(answer, ResponseError) and "no such key" not in str(answer).lower():
                raise answer

    async def _dump_restore(self, moves: list[tuple[str, str]]) -> None:
        pipe = self.redis.pipeline(transaction=False)
        for old, _ in moves:
            pipe.dump(old)
            pipe.pttl(old)
        found = await pipe.execute()
        pipe = self.redis.pipeline(transaction=False)
        for (old, new), dumped, ttl in zip(moves, found[::2], found[1::2], strict=True):
            if dumped is not None:
                pipe.restore(new, max(int(ttl), 0), dumped, replace=True)
                pipe.delete(old)
        await pipe.execute()

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
        slices: dict[str, dict[str, float]] = defaultdict(dict)
        for member, score in batch:
            slices[target(member)][member] = score
        pipe = self.redis.pipeline(transaction=False)
        for name, members in slices.items():
            pipe.zadd(name, members)
        await pipe.execute()

    async def _split_set(self, key: str, target: Callable[[str], str]) -> None:
        members = [m async for m in self.redis.sscan_iter(key, count=CHUNK)]
        for start in range(0, len(members), CHUNK):
            slices: dict[str, list[str]] = defaultdict(list)
            for member in members[start : start + CHUNK]:
                slices[target(member)].append(member)
            pipe = self.redis.pipeline(transaction=False)
            for name, chunk in slices.items():
                pipe.sadd(name, *chunk)
            await pipe.execute()
        await self.redis.delete(key)

    async def _everywhere(self, key: str, k: Keys) -> None:
        """Erasure times (keyed PSID hash -> ms) into every partition's slice: whichever
        partition the person turns out to be in drops their old events."""
        times = cast(dict[str, str], await self.redis.hgetall(key))
        if times:
            pipe = self.redis.pipeline(transaction=False)
            for n in k.every_partition:
                pipe.hset(k.erased_at(n), mapping=times)  # type: ignore[arg-type]
            await pipe.execute()
        await self.redis.delete(key)

    async def _journal_mark(self, key: str, new: str) -> None:
        """Version 1's checkpoint named one journal; version 2's names partition 0's, where the
        journal went (`stream_id` -> `stream_id:0`)."""
        mark = cast(dict[str, str], await self.redis.hgetall(key))
        if "stream_id" not in mark:
            await self.renames([(key, new)] if new != key else [])
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
    if found.kind is Kind.DIGESTS and found.part == "suppressed":
        return k.suppressed(found.n)
    if found.kind is Kind.PLAIN:
        return f"{k.own}:{found.rest}"
    return None
