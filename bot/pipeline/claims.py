"""The worker's two atomic steps, each one Redis round trip (Lua, in bot/lua/):

- `claim`: take (or keep) the person's lock, check that the event is the head of their inbox (else
  give the lock back: an earlier event goes first) and whether it was already handled;
- `finish`: mark it handled, take it out of the inbox, acknowledge and delete it from the
  stream, forget its attempt count, and give the lock back if we still hold it;
- `renew`: for events still being handled, extend the lock and reset the entry's idle time.

A person's keys and their partition's stream, attempts and dedupe markers share the
partition's hash tag, so each script's keys are in one slot (docs/partitions.md).
"""

from __future__ import annotations

import secrets
from enum import IntEnum

from redis.asyncio import Redis

from bot.constants import CONSUMER_GROUP, DEDUPE_TTL_S, USER_LOCK_TTL_MS
from bot.keys import Keys
from bot.lua import Scripts
from bot.pipeline.scripted import Call, run_scripts


class Claim(IntEnum):
    BUSY = 0  # another worker handles this person now
    NOT_HEAD = 1  # an earlier event of this person is still waiting
    DUPLICATE = 2  # handled before: acknowledge, do nothing
    GO = 3


class Claims:
    def __init__(
        self, redis: Redis, keys: Keys, scripts: Scripts, lock_ttl_ms: int = USER_LOCK_TTL_MS
    ) -> None:
        self.keys = keys
        self.lock_ttl_ms = lock_ttl_ms
        self._claim = scripts.claim_event
        self._finish = scripts.finish_event
        self._renew = scripts.renew_event
        self._redis = redis

    async def claim(
        self, psid: str, event_key: str, token: str = "", page: str = ""
    ) -> tuple[Claim, str]:
        """The outcome and, when the lock was taken, its owner token. A drainer passes the
        token of the lock it holds: the claim keeps the lock (BUSY if it was lost). A person
        is a PSID of one Page: their lock and inbox are that Page's."""
        token = token or secrets.token_hex(8)
        own = self.keys.for_page(page)
        seen = self.keys.seen(own.partition(psid), event_key)
        keys = [own.lock(psid), own.inbox(psid), seen]
        outcome = Claim(
            int(await self._claim(keys=keys, args=[token, self.lock_ttl_ms, event_key]))
        )
        return outcome, token if outcome in (Claim.DUPLICATE, Claim.GO) else ""

    async def finish(
        self, psid: str, event_key: str, entry_id: str, *, handled: bool, token: str, page: str = ""
    ) -> None:
        own = self.keys.for_page(page)
        n = own.partition(psid)  # an event naming no person: its Page's "" partition
        keys = [
            self.keys.seen(n, event_key),
            own.inbox(psid),
            self.keys.events(n),
            self.keys.attempts(n),
            own.lock(psid),
        ]
        args = ["1" if handled else "0", DEDUPE_TTL_S, event_key, CONSUMER_GROUP, entry_id, token]
        await self._finish(keys=keys, args=args)

    async def renew(self, consumer: str, held: list[tuple[str, str, str, str]]) -> None:
        """Still working on these (page, psid, entry id, lock token): extend each lock and
        reset each entry's idle time (XCLAIM to ourselves), in one round trip."""
        calls: list[Call] = []
        for page, psid, entry_id, token in held:
            own = self.keys.for_page(page)
            events = self.keys.events(own.partition(psid))
            keys = [own.lock(psid) if psid else events, events]
            calls.append(
                (self._renew, keys, [token, self.lock_ttl_ms, CONSUMER_GROUP, consumer, entry_id])
            )
        await run_scripts(self._redis, calls)
