"""A person's run queue (fairness): the events of a person waiting for their drainer.

A worker that reads a person's events does not try to handle them itself whatever it costs:
it routes them into the person's run queue (one Lua call for all of a batch's people, in one
round trip), and if nobody holds the person's lock it takes it and drains the queue, in
order, until it is empty. A worker that finds the person busy moves on at once to other
people's events; it never backs off and retries against the lock holder, so one person's
burst neither blocks a worker's reading nor slows down with more workers.
"""

from __future__ import annotations

from collections.abc import Iterable

from redis.asyncio import Redis

from bot.keys import Keys
from bot.lua import Scripts
from bot.pipeline.stream import Opener, Pending

TAKE_AT_ONCE = 64


class RunQueues:
    def __init__(
        self,
        redis: Redis,
        keys: Keys,
        *,
        scripts: Scripts,
        lock_ttl_ms: int,
        opener: Opener | None,
    ) -> None:
        self.opener = opener
        self.redis = redis
        self.keys = keys
        self.lock_ttl_ms = lock_ttl_ms
        self._route = scripts.route_events
        self._take = scripts.take_queued
        self._release = scripts.release_if_idle

    async def route(self, batches: dict[str, tuple[str, list[Pending]]]) -> dict[str, int]:
        """psid -> (our token, events): whether we drain each person now (1), already (2),
        or someone else does (0)."""
        pipe = self.redis.pipeline(transaction=False)
        for psid, (token, events) in batches.items():
            args: list[str | int] = [token, self.lock_ttl_ms]
            for pending in events:
                args += [pending.timestamp, pending.entry_id]
            keys = [self.keys.lock(psid), self.keys.run_queue(psid)]
            await self._route(keys=keys, args=args, client=pipe)
        outcomes = await pipe.execute()
        return {psid: int(o) for psid, o in zip(batches, outcomes, strict=True)}

    async def put_back(self, psid: str, events: Iterable[Pending]) -> None:
        mapping: dict[str, float] = {p.entry_id: p.timestamp for p in events}
        if mapping:
            await self.redis.zadd(self.keys.run_queue(psid), mapping)

    async def take(self, psid: str) -> list[Pending]:
        rows = await self._take(
            keys=[self.keys.run_queue(psid), self.keys.events], args=[TAKE_AT_ONCE]
        )
        taken = [
            Pending.from_entry(entry_id, dict(zip(flat[::2], flat[1::2], strict=True)), self.opener)
            for entry_id, flat in rows
        ]
        return sorted(taken, key=lambda p: (p.timestamp, p.entry_id))

    async def release_if_idle(self, psid: str, token: str) -> bool:
        keys = [self.keys.lock(psid), self.keys.run_queue(psid)]
        return bool(await self._release(keys=keys, args=[token]))
