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
from bot.pipeline.scripted import Call, run_scripts
from bot.pipeline.stream import Opener, Pending

TAKE_AT_ONCE = 64

# A person: (Page id, PSID). PSIDs are Page-scoped; the Page id picks the keys.
Person = tuple[str, str]


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

    async def route(self, batches: dict[Person, tuple[str, list[Pending]]]) -> dict[Person, int]:
        """person -> (our token, events): whether we drain each person now (1), already (2),
        or someone else does (0)."""
        calls: list[Call] = []
        for (page, psid), (token, events) in batches.items():
            args: list[str | int] = [token, self.lock_ttl_ms]
            for pending in events:
                args += [pending.timestamp, pending.entry_id]
            own = self.keys.for_page(page)
            calls.append((self._route, [own.lock(psid), own.run_queue(psid)], args))
        _, outcomes = await run_scripts(self.redis, calls)
        return {person: int(o) for person, o in zip(batches, outcomes, strict=True)}

    async def put_back(self, person: Person, events: Iterable[Pending]) -> None:
        mapping: dict[str, float] = {p.entry_id: p.timestamp for p in events}
        if mapping:
            page, psid = person
            await self.redis.zadd(self.keys.for_page(page).run_queue(psid), mapping)

    async def take(self, person: Person) -> list[Pending]:
        page, psid = person
        own = self.keys.for_page(page)
        n = own.partition(psid)
        rows = await self._take(
            keys=[own.run_queue(psid), self.keys.events(n)], args=[TAKE_AT_ONCE]
        )
        taken = [
            Pending.from_entry(
                entry_id, dict(zip(flat[::2], flat[1::2], strict=True)), n, self.opener
            )
            for entry_id, flat in rows
        ]
        return sorted(taken, key=lambda p: (p.timestamp, p.entry_id))

    async def release_if_idle(self, person: Person, token: str) -> bool:
        page, psid = person
        own = self.keys.for_page(page)
        keys = [own.lock(psid), own.run_queue(psid)]
        return bool(await self._release(keys=keys, args=[token]))
