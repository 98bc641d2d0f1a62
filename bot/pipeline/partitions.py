"""Partition leases: which worker reads which partition's events stream (docs/partitions.md).

Every worker announces itself in `keys.workers` (ZSET name -> heartbeat deadline) at each tick
and holds its share of the partitions, each by a lease `keys.partition_lease(n)` (SET NX PX,
renewed only while still ours). The live workers, sorted by name, split the P partitions
evenly (the first P mod W take one more), so every worker computes the same shares from the
same list: a worker below its share takes free partitions, one above it gives the extras
back once their reader stopped, and a worker that died stops renewing: its leases and its
announcement lapse after `ttl_ms`, and the others take its partitions over. A lease is
exclusive while it lasts, so no partition is read by two workers at once; since every
partition is someone's share, none stays unread for longer than about one lease time.
"""

from __future__ import annotations

import logging
import random
import time
from dataclasses import dataclass, field

from redis.asyncio import Redis
from redis.asyncio.client import Pipeline

from bot.constants import PARTITION_LEASE_MS
from bot.keys import Keys
from bot.lua import Scripts
from bot.pipeline.scripted import Call, run_scripts

log = logging.getLogger("privacybot.worker")


@dataclass
class Beat:
    """What one tick changed: partitions newly ours, no longer ours, ours beyond our share."""

    gained: list[int] = field(default_factory=list)
    lost: list[int] = field(default_factory=list)
    extra: list[int] = field(default_factory=list)


class Leases:
    def __init__(
        self,
        redis: Redis,
        keys: Keys,
        scripts: Scripts,
        name: str,
        ttl_ms: int = PARTITION_LEASE_MS,
    ) -> None:
        self.redis = redis
        self.keys = keys
        self.name = name
        self.ttl_ms = ttl_ms
        self.held: set[int] = set()
        self.live: list[str] = [name]  # the live workers at the last tick, sorted
        self._valid_until = 0.0  # monotonic: our leases surely last until then
        self._renew = scripts.renew_or_release_lease  # KEYS lease, ARGV owner, TTL ms or ''

    def holds(self, partition: int) -> bool:
        """Whether we may read this partition now: leased, and renewed recently enough that the
        lease cannot have lapsed meanwhile (a tick that failed renews nothing)."""
        return partition in self.held and time.monotonic() < self._valid_until

    def share(self) -> int:
        """How many partitions are ours to read with the workers alive now."""
        count, rest = divmod(self.keys.partitions, len(self.live))
        return count + (1 if self.live.index(self.name) < rest else 0)

    async def tick(self) -> Beat:
        """Announce ourselves, renew what we hold and see who is alive: one round trip; when
        below our share, two more to find free partitions and take some."""
        now, started = int(time.time() * 1000), time.monotonic()

        def announce(pipe: Pipeline) -> None:
            pipe.zadd(self.keys.workers, {self.name: now + self.ttl_ms})
            pipe.zremrangebyscore(self.keys.workers, "-inf", now)
            pipe.zrange(self.keys.workers, 0, -1)

        held = sorted(self.held)
        renewals: list[Call] = [
            (self._renew, [self.keys.partition_lease(n)], [self.name, self.ttl_ms]) for n in held
        ]
        plain, renewed = await run_scripts(self.redis, renewals, first=announce)
        live = plain[2]
        self.live = sorted({*live, self.name})
        beat = Beat(lost=[n for n, ok in zip(held, renewed, strict=True) if not int(ok)])
        self.held -= set(beat.lost)
        self._valid_until = started + self.ttl_ms / 1000 * 0.8  # a margin for clock drift
        want = self.share() - len(self.held)
        if want > 0:
            beat.gained = await self._take(want)
        elif want < 0:
            beat.extra = sorted(self.held)[want:]
        if beat.lost or beat.gained:
            log.info(
                "worker %s partitions: +%s -%s, holds %d of %d with %d live",
                self.name,
                beat.gained,
                beat.lost,
                len(self.held),
                self.keys.partitions,
                len(self.live),
            )
        return beat

    async def _take(self, want: int) -> list[int]:
        """Up to `want` free partitions, picked at random (workers taking at once collide
        less); SET NX keeps a partition someone took meanwhile theirs."""
        others = [n for n in self.keys.every_partition if n not in self.held]
        pipe = self.redis.pipeline(transaction=False)
        for n in others:
            pipe.exists(self.keys.partition_lease(n))
        free = [n for n, taken in zip(others, await pipe.execute(), strict=True) if not taken]
        partitions = random.sample(free, min(want, len(free)))
        if not partitions:
            return []
        pipe = self.redis.pipeline(transaction=False)
        for n in partitions:
            pipe.set(self.keys.partition_lease(n), self.name, nx=True, px=self.ttl_ms)
        won = [n for n, ok in zip(partitions, await pipe.execute(), strict=True) if ok]
        self.held.update(won)
        return won

    async def give_back(self, partitions: list[int]) -> None:
        """Release these leases (their readers have stopped), if still ours."""
        self.held -= set(partitions)
        calls: list[Call] = [
            (self._renew, [self.keys.partition_lease(n)], [self.name, ""]) for n in partitions
        ]
        if calls:
            await run_scripts(self.redis, calls)

    async def leave(self) -> None:
        """Stopping: every lease back and our name out, so the others take over at once."""
        await self.give_back(sorted(self.held))
        await self.redis.zrem(self.keys.workers, self.name)
