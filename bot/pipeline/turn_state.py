"""Opening a turn: everything the handler needs about the person, in one round trip.

One Lua script checks that the event is not older than the person's erasure, records the
contact, and returns their hash, the breach-mode flag, results held for them (taken out of
the outbox) and their open flow. Before it, the hot path made seven separate calls.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from redis.asyncio import Redis

from bot.constants import IDLE_USER_TTL_S
from bot.crypto import FieldCipher
from bot.keys import Keys
from bot.pipeline.flows import Flow, parse_flow
from bot.store import UserRecord, open_fields

_OPEN = """
local erased = redis.call('hget', KEYS[3], ARGV[4])
if erased and tonumber(ARGV[2]) <= tonumber(erased) then return false end
if ARGV[6] == '1' and redis.call('exists', KEYS[1]) == 0 then return 0 end
redis.call('hset', KEYS[1], 'last_seen', ARGV[2])
if ARGV[3] == '1' then
  redis.call('hset', KEYS[1], 'last_action', ARGV[2])
  redis.call('hdel', KEYS[1], 'unreachable')  -- they wrote: reachable again for broadcasts
end
local first = redis.call('zadd', KEYS[2], 'NX', ARGV[2], ARGV[1])
if redis.call('hget', KEYS[1], 'consent:profile') ~= 'granted'
   and redis.call('hget', KEYS[1], 'consent:marketing') ~= 'granted' then
  redis.call('expire', KEYS[1], ARGV[5])
  redis.call('expire', KEYS[7], ARGV[5])
end
local held = {}
local breach = redis.call('exists', KEYS[4])
if ARGV[3] == '1' and breach == 0 then
  held = redis.call('lrange', KEYS[5], 0, -1)
  redis.call('del', KEYS[5])
end
return {first, redis.call('hgetall', KEYS[1]), breach, held, redis.call('get', KEYS[6])}
"""


@dataclass(frozen=True)
class OpenedTurn:
    user: UserRecord
    first_contact: bool
    breach: bool
    flow: Flow | None
    held: list[dict[str, Any]] = field(default_factory=list)


class TurnOpener:
    def __init__(self, redis: Redis, keys: Keys, cipher: FieldCipher) -> None:
        self.keys = keys
        self.cipher = cipher
        self._open = redis.register_script(_OPEN)

    async def open(
        self, psid: str, timestamp_ms: int, *, action: bool, digest: str, known_only: bool = False
    ) -> OpenedTurn | None:
        """None when the event predates the person's erasure (handling it would bring their
        data back), or when `known_only` (a receipt, an echo) and nobody is stored: such
        events must not create a person, nor recreate an erased one."""
        keys = [
            self.keys.user(psid),
            self.keys.users_index,
            self.keys.erased_at,
            self.keys.breach,
            self.keys.outbox(psid),
            self.keys.flow(psid),
            self.keys.consents(psid),
        ]
        args: list[str | int] = [
            psid,
            timestamp_ms,
            "1" if action else "0",
            digest,
            IDLE_USER_TTL_S,
            "1" if known_only else "0",
        ]
        reply = await self._open(keys=keys, args=args)
        if not reply:
            return None
        first, flat, breach, held, flow = reply
        raw = dict(zip(flat[::2], flat[1::2], strict=True))
        return OpenedTurn(
            user=UserRecord(psid, open_fields(self.cipher, raw)),
            first_contact=bool(first),
            breach=bool(breach),
            flow=parse_flow(flow),
            held=[json.loads(item) for item in held],
        )
