"""The worker's two atomic steps, each one Redis round trip (Lua, in bot/lua/):

- `claim`: take (or keep) the person's lock, check that the event is the head of their inbox (else
  give the lock back: an earlier event goes first) and whether it was already handled;
- `finish`: mark it handled, take it out of the inbox, acknowledge and delete it from the
  stream, forget its attempt count, and give the lock back if we still hold it;
- `renew`: for events still being handled, extend the lock and reset the entry's idle time.
"""

from __future__ import annotations

import secrets
from enum import IntEnum

from redis.asyncio import Redis

from bot.constants import CONSUMER_GROUP, DEDUPE_TTL_S, USER_LOCK_TTL_MS
from bot.keys import Keys
from bot.lua import Scripts


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

    async def claim(self, psid: str, event_key: str, token: str = "") -> tuple[Claim, str]:
        """The outcome and, when the lock was taken, its owner token. A drainer passes the
        token of the lock it holds: the claim keeps the lock (BUSY if it was lost)."""
        token = token or secrets.token_hex(8)
        keys = [self.keys.lock(psid), self.keys.inbox(psid), self.keys.seen(event_key)]
        outcome = Claim(
            int(await self._claim(keys=keys, args=[token, self.lock_ttl_ms, event_key]))
        )
        return outcome, token if outcome in (Claim.DUPLICATE, Claim.GO) else ""

    async def finish(
        self, psid: str, event_key: str, entry_id: str, *, handled: bool, token: str
    ) -> None:
        keys = [
            self.keys.seen(event_key),
            self.keys.inbox(psid),
            self.keys.events,
            self.keys.attempts,
            self.keys.lock(psid),
        ]
        args = ["1" if handled else "0", DEDUPE_TTL_S, event_key, CONSUMER_GROUP, entry_id, token]
        await self._finish(keys=keys, args=args)

    async def renew(self, consumer: str, held: list[tuple[str, str, str]]) -> None:
        """Still working on these (psid, entry id, lock token): extend each lock and reset
        each entry's idle time (XCLAIM to ourselves), in one round trip."""
        pipe = self._redis.pipeline(transaction=False)
        for psid, entry_id, token in held:
            keys = [self.keys.lock(psid) if psid else self.keys.events, self.keys.events]
            args: list[str | int] = [token, self.lock_ttl_ms, CONSUMER_GROUP, consumer, entry_id]
            await self._renew(keys=keys, args=args, client=pipe)
        await pipe.execute()
