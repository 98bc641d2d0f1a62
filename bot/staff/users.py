"""Admin and marketing users of the console/API: a random token shown once, only its hash
kept (`<p>:admins`, token hash -> who). A name is non-empty and unique, so revoking and
rotating by name reach exactly one user. Removing the hash ends the user's API access and
every console session at once (sessions carry the hash and are checked on each request)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
from dataclasses import dataclass
from typing import Literal, cast

from redis.asyncio import Redis
from redis.exceptions import WatchError

from bot.errors import BadRequest, NotFound
from bot.keys import Keys

Role = Literal["admin", "marketing"]
ROLES: tuple[Role, ...] = ("admin", "marketing")
NAME_MAX = 60
_TOKEN_PREFIX = "pbt_"  # noqa: S105 - a marker that tells tokens apart, not a secret


@dataclass(frozen=True)
class Admin:
    name: str
    role: Role


@dataclass(frozen=True)
class StaffUser:
    """As the Users page and `admin list-users` show one (never the token or its hash)."""

    name: str
    role: Role
    created: str
    last_sign_in: str  # "" when never signed in to the console
    language: str = ""  # the console language they picked; "" = the Page's default


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def clean_name(name: str) -> str:
    cleaned = " ".join(name.split())
    if not cleaned or len(cleaned) > NAME_MAX or not cleaned.isprintable():
        raise BadRequest(f"a user's name is 1 to {NAME_MAX} printable characters")
    return cleaned


class Admins:
    def __init__(self, redis: Redis, keys: Keys) -> None:
        self.redis = redis
        self.key = keys.admins

    async def add(self, name: str, role: Role) -> str:
        """Create a user; the token is returned once and never stored."""
        name = clean_name(name)
        if role not in ROLES:
            raise BadRequest("the role is admin or marketing")
        record = {"name": name, "role": role, "created": _now()}
        return await self._replace(name, record, must_exist=False)

    async def rotate(self, name: str) -> str:
        """A new token for the user; the old one (and its sessions) stop working at once."""
        current = await self._find(name)
        if current is None:
            raise NotFound(f"no user {name}")
        return await self._replace(name, current[1], must_exist=True)

    async def revoke(self, name: str) -> None:
        current = await self._find(name)
        if current is None:
            raise NotFound(f"no user {name}")
        await self.redis.hdel(self.key, current[0])

    async def _replace(self, name: str, record: dict[str, str], *, must_exist: bool) -> str:
        """Write the user under a new token hash, dropping their old one, in one transaction
        watched against a concurrent add of the same name."""
        token = _TOKEN_PREFIX + secrets.token_urlsafe(32)
        async with self.redis.pipeline(transaction=True) as pipe:
            try:
                await pipe.watch(self.key)
                found = _find_in(cast(dict[str, str], await pipe.hgetall(self.key)), name)
                if found is not None and not must_exist:
                    raise BadRequest(f"a user named {name} exists already")
                pipe.multi()  # type: ignore[no-untyped-call]  # redis-py leaves it unannotated
                if found is not None:
                    pipe.hdel(self.key, found[0])
                pipe.hset(self.key, token_hash(token), json.dumps(record))
                await pipe.execute()
            except WatchError as exc:
                raise BadRequest("users changed meanwhile: try again") from exc
        return token

    async def _find(self, name: str) -> tuple[str, dict[str, str]] | None:
        return _find_in(cast(dict[str, str], await self.redis.hgetall(self.key)), name)

    async def list(self) -> list[StaffUser]:
        stored = cast(dict[str, str], await self.redis.hgetall(self.key))
        users = [json.loads(raw) for raw in stored.values()]
        return sorted(
            (
                StaffUser(
                    u["name"],
                    u["role"],
                    u.get("created", ""),
                    u.get("last_sign_in", ""),
                    u.get("language", ""),
                )
                for u in users
            ),
            key=lambda u: u.name.casefold(),
        )

    async def authenticate(self, token: str) -> Admin | None:
        if not token.startswith(_TOKEN_PREFIX):
            return None
        raw = await self.redis.hget(self.key, token_hash(token))
        if raw is None:
            return None
        record = json.loads(raw)
        return Admin(record["name"], record["role"])

    async def signed_in(self, token: str) -> None:
        """Note the console sign-in on the user's record (shown on the Users page)."""
        await self._note(token_hash(token), {"last_sign_in": _now()})

    async def language(self, digest: str) -> str:
        """The console language the user behind this token hash picked ("" = none yet)."""
        raw = await self.redis.hget(self.key, digest)
        return str(json.loads(raw).get("language", "")) if raw is not None else ""

    async def set_language(self, digest: str, language: str) -> None:
        """Keep the user's pick on their record (it survives a token rotation)."""
        await self._note(digest, {"language": language})

    async def _note(self, digest: str, fields: dict[str, str]) -> None:
        """Merge `fields` into the record under `digest`; watched, so a revoke in between
        is not undone."""
        async with self.redis.pipeline(transaction=True) as pipe:
            try:
                await pipe.watch(self.key)
                raw = await pipe.hget(self.key, digest)
                if raw is None:
                    return
                pipe.multi()  # type: ignore[no-untyped-call]  # redis-py leaves it unannotated
                pipe.hset(self.key, digest, json.dumps(json.loads(raw) | fields))
                await pipe.execute()
            except WatchError:
                return  # users changed meanwhile: the note is not worth a retry


def _find_in(stored: dict[str, str], name: str) -> tuple[str, dict[str, str]] | None:
    for digest, raw in stored.items():
        record: dict[str, str] = json.loads(raw)
        if record["name"] == name:
            return digest, record
    return None
