"""The audit log: who did what to which record, when. Append-only; a person is named by the
keyed hash of their PSID, so the log survives their erasure without naming them."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from redis.asyncio import Redis

from bot.keys import Keys

AUDIT_MAXLEN = 1_000_000


class Audit:
    def __init__(self, redis: Redis, keys: Keys) -> None:
        self.redis = redis
        self.key = keys.audit
        self.page = keys.page  # with PAGES_FILE each entry names its Page

    async def record(self, who: str, role: str, what: str, record: str = "") -> None:
        entry = {
            "who": who,
            "role": role,
            "what": what,
            "record": record,
            "at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        }
        if self.page:
            entry["page"] = self.page
        await self.redis.xadd(self.key, entry, maxlen=AUDIT_MAXLEN, approximate=True)  # type: ignore[arg-type]

    async def entries(self, count: int = 100, before: str = "+") -> list[dict[str, Any]]:
        rows = cast(
            list[tuple[str, dict[str, str]]],
            await self.redis.xrevrange(self.key, max=before, count=count),
        )
        return [{"id": entry_id, **fields} for entry_id, fields in rows]
