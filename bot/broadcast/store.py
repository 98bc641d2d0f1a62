"""Broadcasts in Redis: definition, status, live counters, per-recipient outcomes, the queue.

Outcomes: one field per recipient (the keyed hash of the PSID, never the PSID) in
`<p>:bcast:{id}:out`. A sender writes `pending:<run>` with HSETNX *before* it sends and
settles it afterwards; a field that exists is never sent again, so nobody receives a broadcast
twice even when a worker dies mid-send (at-most-once: a claim left by a dead run becomes
`interrupted`). Each outcome and its counter change in one script (same hash tag; the
scripts are in bot/lua/).
"""

from __future__ import annotations

import json
from typing import Any, cast

from redis.asyncio import Redis
from redis.asyncio.client import Pipeline

from bot.broadcast.spec import BroadcastSpec, Status
from bot.indexes.audience import audience_size
from bot.keys import Keys
from bot.lua import Scripts

POLICY_BLOCK = "policy_block"


class BroadcastStore:
    def __init__(self, redis: Redis, keys: Keys, scripts: Scripts) -> None:
        self.redis = redis
        self.keys = keys
        self._decide = scripts.decide_outcome
        self._settle = scripts.settle_outcome
        self._transition = scripts.transition_status
        self._lease = scripts.renew_or_release_lease

    # Definition and status
    async def create(self, bid: str, fields: dict[str, str], due_at: float | None) -> None:
        pipe = self.redis.pipeline(transaction=False)
        pipe.hset(self.keys.broadcast(bid), mapping=cast(Any, fields))
        pipe.zadd(self.keys.broadcasts, {bid: float(fields["created_ts"])})
        if due_at is not None:
            pipe.zadd(self.keys.broadcasts_due, {bid: due_at})
        await pipe.execute()

    async def definition(self, bid: str) -> dict[str, str]:
        return cast(dict[str, str], await self.redis.hgetall(self.keys.broadcast(bid)))

    @staticmethod
    def spec_of(definition: dict[str, str]) -> BroadcastSpec:
        return BroadcastSpec.model_validate_json(definition["spec"])

    async def transition(self, bid: str, new: Status, *allowed: Status) -> str | None:
        """Move to `new` from one of `allowed`: the old status, or None if it did not move."""
        old = str(await self._transition(keys=[self.keys.broadcast(bid)], args=[new, *allowed]))
        return None if old == "" or old.startswith("!") else old

    async def note_audience(self, bid: str) -> None:
        """Once, when sending starts: how many people the audience holds (the progress bar's
        end). ZCARD is O(1); later passes keep the first figure."""
        size = await audience_size(self.redis, self.keys)
        await self.redis.hsetnx(self.keys.broadcast(bid), "expected", str(size))

    async def annotate(self, bid: str, **values: str) -> None:
        await self.redis.hset(self.keys.broadcast(bid), mapping=cast(Any, values))

    async def recent(self, count: int) -> list[str]:
        return [str(b) for b in await self.redis.zrevrange(self.keys.broadcasts, 0, count - 1)]

    # Queue and lease
    async def schedule(self, bid: str, due_at: float) -> None:
        await self.redis.zadd(self.keys.broadcasts_due, {bid: due_at})

    async def unschedule(self, bid: str) -> None:
        await self.redis.zrem(self.keys.broadcasts_due, bid)

    async def due(self, now: float, count: int = 10) -> list[str]:
        found = await self.redis.zrangebyscore(self.keys.broadcasts_due, "-inf", now, 0, count)
        return [str(b) for b in found]

    async def queued(self) -> list[str]:
        return [str(b) for b in await self.redis.zrange(self.keys.broadcasts_due, 0, -1)]

    async def take_lease(self, bid: str, owner: str, ttl_ms: int) -> bool:
        return bool(await self.redis.set(self.keys.broadcast_lease(bid), owner, nx=True, px=ttl_ms))

    async def renew_lease(self, bid: str, owner: str, ttl_ms: int) -> bool:
        return bool(await self._lease(keys=[self.keys.broadcast_lease(bid)], args=[owner, ttl_ms]))

    async def release_lease(self, bid: str, owner: str) -> None:
        await self._lease(keys=[self.keys.broadcast_lease(bid)], args=[owner, ""])

    # Outcomes and counters
    def _pair(self, bid: str) -> list[str]:
        return [self.keys.broadcast_outcomes(bid), self.keys.broadcast_progress(bid)]

    async def decide(self, bid: str, digest: str, value: str, counter: str = "") -> bool:
        """Write the outcome only if none exists yet (and count it): True if written."""
        return bool(await self._decide(keys=self._pair(bid), args=[digest, value, counter]))

    async def queue_decide(self, pipe: Pipeline, bid: str, digest: str, value: str) -> None:
        """`decide` (no counter) as part of the caller's pipeline."""
        await self._decide(keys=self._pair(bid), args=[digest, value, ""], client=pipe)

    async def decide_many(self, bid: str, outcomes: list[tuple[str, str]]) -> None:
        """`decide` for many people in one round trip; each outcome is also its counter."""
        if not outcomes:
            return
        pipe = self.redis.pipeline(transaction=False)
        for digest, value in outcomes:
            await self._decide(keys=self._pair(bid), args=[digest, value, value], client=pipe)
        await pipe.execute()

    async def settle(
        self, bid: str, digest: str, expected: str, value: str, counter: str = ""
    ) -> bool:
        """Replace outcome `expected` (e.g. our claim) by `value` ("" removes it)."""
        args = [digest, expected, value, counter]
        return bool(await self._settle(keys=self._pair(bid), args=args))

    async def outcomes(self, bid: str, digests: list[str]) -> list[str | None]:
        if not digests:
            return []
        return cast(
            list[str | None], await self.redis.hmget(self.keys.broadcast_outcomes(bid), digests)
        )

    async def count(self, bid: str, counter: str, by: int = 1) -> None:
        await self.redis.hincrby(self.keys.broadcast_progress(bid), counter, by)

    async def set_counter(self, bid: str, counter: str, value: int) -> None:
        await self.redis.hset(self.keys.broadcast_progress(bid), counter, value)

    async def progress(self, bid: str) -> dict[str, int]:
        raw = cast(dict[str, str], await self.redis.hgetall(self.keys.broadcast_progress(bid)))
        return {name: int(value) for name, value in raw.items()}

    # Alerts (Meta's policy block)
    async def set_alert(self, name: str, detail: dict[str, str]) -> None:
        await self.redis.hset(self.keys.alerts, name, json.dumps(detail))

    async def clear_alert(self, name: str) -> bool:
        return bool(await self.redis.hdel(self.keys.alerts, name))

    async def alerts(self) -> dict[str, Any]:
        raw = cast(dict[str, str], await self.redis.hgetall(self.keys.alerts))
        return {name: json.loads(value) for name, value in raw.items()}

    async def blocked(self) -> bool:
        return bool(await self.redis.hexists(self.keys.alerts, POLICY_BLOCK))
