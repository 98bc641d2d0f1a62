"""Admin and marketing users of the console/API: a random token shown once, only its hash
kept (`<p>:admins`, token hash -> who)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
from dataclasses import dataclass
from typing import Literal

from redis.asyncio import Redis

from bot.keys import Keys

Role = Literal["admin", "marketing"]
ROLES: tuple[Role, ...] = ("admin", "marketing")
_TOKEN_PREFIX = "pbt_"  # noqa: S105 - a marker that tells tokens apart, not a secret


@dataclass(frozen=True)
class Admin:
    name: str
    role: Role
    pages: tuple[str, ...] = ()  # the Pages this user works for; () = every Page

    def may_see(self, page_id: str) -> bool:
        return not self.pages or page_id in self.pages


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Admins:
    def __init__(self, redis: Redis, keys: Keys) -> None:
        self.redis = redis
        self.key = keys.admins

    async def add(self, name: str, role: Role, pages: tuple[str, ...] = ()) -> str:
        """Create a user (of these Pages; none: every Page); the token is returned once and
        never stored."""
        token = _TOKEN_PREFIX + secrets.token_urlsafe(32)
        record: dict[str, object] = {
            "name": name,
            "role": role,
            "created": dt.datetime.now(dt.UTC).isoformat(),
        }
        if pages:
            record["pages"] = list(pages)
        await self.redis.hset(self.key, token_hash(token), json.dumps(record))
        return token

    async def authenticate(self, token: str) -> Admin | None:
        if not token.startswith(_TOKEN_PREFIX):
            return None
        raw = await self.redis.hget(self.key, token_hash(token))
        if raw is None:
            return None
        record = json.loads(raw)
        return Admin(record["name"], record["role"], tuple(record.get("pages", ())))
