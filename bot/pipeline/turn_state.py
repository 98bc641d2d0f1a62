"""Opening a turn: everything the handler needs about the person, in one round trip.

One Lua script (bot/lua/open_turn.lua) checks that the event is not older than the person's
erasure, records the contact, and returns their hash, results held for them (taken out of the
outbox) and their open flow; every key it touches is in the person's partition. The Page's
breach-mode flag is one key in a slot of its own, so it is read beside the script in the same
pipeline (one round trip on one server; a cluster client asks both nodes at once). In breach
mode held results are not sent: the rare turn that took some puts them back, in order, ahead
of anything held meanwhile (held results are appended at the tail). Before the script, the
hot path made seven separate calls.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, cast

from redis.asyncio import Redis
from redis.asyncio.client import Pipeline

from bot.constants import IDLE_USER_TTL_S
from bot.crypto import FieldCipher
from bot.keys import Keys
from bot.lua import Scripts
from bot.pipeline.flows import Flow, parse_flow
from bot.pipeline.scripted import run_scripts
from bot.store import UserRecord, open_fields


@dataclass(frozen=True)
class OpenedTurn:
    user: UserRecord
    first_contact: bool
    breach: bool
    flow: Flow | None
    held: list[dict[str, Any]] = field(default_factory=list)


class TurnOpener:
    def __init__(self, scripts: Scripts, keys: Keys, cipher: FieldCipher) -> None:
        self.keys = keys
        self.cipher = cipher
        self._open = scripts.open_turn
        self._redis = cast(Redis, scripts.open_turn.registered_client)  # the one Scripts uses

    async def open(
        self, psid: str, timestamp_ms: int, *, action: bool, digest: str, known_only: bool = False
    ) -> OpenedTurn | None:
        """None when the event predates the person's erasure (handling it would bring their
        data back), or when `known_only` (a receipt, an echo) and nobody is stored: such
        events must not create a person, nor recreate an erased one."""
        n = self.keys.partition(psid)
        keys = [
            self.keys.user(psid),
            self.keys.users_index(n),
            self.keys.erased_at(n),
            self.keys.outbox(psid),
            self.keys.flow(psid),
            self.keys.consents(psid),
            self.keys.audience_counts(n),
        ]
        args: list[str | int] = [
            psid,
            timestamp_ms,
            "1" if action else "0",
            digest,
            IDLE_USER_TTL_S,
            "1" if known_only else "0",
        ]

        def breach_flag(pipe: Pipeline) -> None:
            pipe.exists(self.keys.breach)

        (breach,), (reply,) = await run_scripts(
            self._redis, [(self._open, keys, args)], first=breach_flag
        )
        if not reply:
            return None
        first, flat, held, flow = reply
        if breach and held:
            await self._redis.lpush(self.keys.outbox(psid), *reversed(held))
            held = []
        raw = dict(zip(flat[::2], flat[1::2], strict=True))
        return OpenedTurn(
            user=UserRecord(psid, open_fields(self.cipher, raw)),
            first_contact=bool(first),
            breach=bool(breach),
            flow=parse_flow(flow),
            held=[json.loads(item) for item in held],
        )
