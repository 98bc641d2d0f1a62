"""The user store: one person's state in `<own>:{p<n>}:user:<psid>` (keys from `bot.keys`).

Names and anything a person typed are encrypted before they reach Redis. A write moves the
person's index entries (their partition's slices: name index, marketing audience, audience
counts) in the same transaction.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from redis.asyncio import Redis
from redis.asyncio.client import Pipeline

from bot.constants import FLOW_TTL_S
from bot.crypto import FieldCipher
from bot.indexes.audience import stage_reclass, touches
from bot.keys import Keys
from bot.name_index import NAME_FIELDS, NameIndex

if TYPE_CHECKING:
    from bot.pipeline.flows import Flow

PROFILE_FIELDS = ("first_name", "last_name", "locale", "timezone")
ENCRYPTED_FIELDS = frozenset({"profile:first_name", "profile:last_name"})


@dataclass(frozen=True)
class UserRecord:
    """One person's hash as read, encrypted fields opened."""

    psid: str
    fields: dict[str, str]

    def get(self, name: str) -> str | None:
        return self.fields.get(name)

    @property
    def exists(self) -> bool:
        return bool(self.fields)

    @property
    def language(self) -> str | None:
        return self.fields.get("language")

    @property
    def subscribed(self) -> bool:
        return self.fields.get("subscribed", "1") == "1"

    @property
    def restricted(self) -> bool:
        return self.fields.get("restricted") == "1"

    @property
    def gets_offers(self) -> bool:
        """Whether promotional messages reach this person now."""
        return self.subscribed and self.consent("marketing") == "granted" and not self.restricted

    def consent(self, purpose: str) -> str | None:
        return self.fields.get(f"consent:{purpose}")

    def consent_version(self, purpose: str) -> str | None:
        return self.fields.get(f"consent_version:{purpose}")

    @property
    def granted_any(self) -> bool:
        return any(self.consent(p) == "granted" for p in ("profile", "marketing"))

    def profile(self) -> dict[str, Any] | None:
        """The Facebook profile fields held, or None when none are."""
        held: dict[str, Any] = {
            name: self.fields[f"profile:{name}"]
            for name in PROFILE_FIELDS
            if f"profile:{name}" in self.fields
        }
        if "timezone" in held:
            held["timezone"] = float(held["timezone"])
        return held or None


def open_fields(cipher: FieldCipher, raw: dict[str, str]) -> dict[str, str]:
    """A person's hash as stored -> as used: encrypted fields decrypted."""
    return {
        name: cipher.decrypt(value, name) if name in ENCRYPTED_FIELDS else value
        for name, value in raw.items()
    }


class Store:
    def __init__(self, redis: Redis, keys: Keys, cipher: FieldCipher, names: NameIndex) -> None:
        self.redis = redis
        self.keys = keys
        self.cipher = cipher
        self.names = names

    async def load(self, psid: str) -> UserRecord:
        raw = cast(dict[str, str], await self.redis.hgetall(self.keys.user(psid)))
        return UserRecord(psid, open_fields(self.cipher, raw))

    async def update(self, psid: str, values: dict[str, str]) -> None:
        sealed: dict[Any, str] = {
            name: self.cipher.encrypt(value, name) if name in ENCRYPTED_FIELDS else value
            for name, value in values.items()
        }
        counted = touches(values)
        if not any(field in values for field in NAME_FIELDS):
            if not counted:
                await self.redis.hset(self.keys.user(psid), mapping=sealed)
                return
            pipe = self.redis.pipeline(transaction=True)
            pipe.hset(self.keys.user(psid), mapping=sealed)
            stage_reclass(pipe, self.keys, psid, self.names.person_hash(psid))
            await pipe.execute()
            return

        async def rename(pipe: Pipeline) -> None:
            # The name index follows the name in the same transaction (bot.name_index).
            held = await self.names.held(pipe, psid)
            before = held.names or ("",) * len(NAME_FIELDS)
            after = [values.get(field, old) for field, old in zip(NAME_FIELDS, before, strict=True)]
            pipe.multi()  # type: ignore[no-untyped-call]  # redis-py leaves it unannotated
            pipe.hset(self.keys.user(psid), mapping=sealed)
            self.names.stage(pipe, psid, held, after)
            if counted:
                stage_reclass(pipe, self.keys, psid, self.names.person_hash(psid))

        await self.redis.transaction(rename, self.keys.user(psid))

    async def set_subscribed(self, psid: str, subscribed: bool) -> bool:
        """Stop or restart promotional messages; True when this changed anything. Restarting
        rejoins the audience only where marketing consent is granted and processing is not
        restricted (a restricted person's wish is kept for when they lift it)."""
        user, audience = self.keys.user(psid), self.keys.marketing_index(self.keys.partition(psid))
        digest = self.names.person_hash(psid)
        pipe = self.redis.pipeline(transaction=True)
        pipe.hget(user, "subscribed")
        pipe.hmget(user, ["consent:marketing", "restricted"])
        pipe.hset(user, "subscribed", "1" if subscribed else "0")
        if not subscribed:
            pipe.zrem(audience, psid)
        stage_reclass(pipe, self.keys, psid, digest)
        previous, (consent, restricted), *_ = await pipe.execute()
        if subscribed and consent == "granted" and restricted != "1":
            pipe = self.redis.pipeline(transaction=True)
            pipe.zadd(audience, {psid: await self._now()}, nx=True)
            stage_reclass(pipe, self.keys, psid, digest)
            await pipe.execute()
        return bool((previous or "1") != ("1" if subscribed else "0"))

    async def _now(self) -> float:
        seconds, micros = await self.redis.time()
        return float(seconds) + micros / 1_000_000

    # The open conversation flow (e.g. awaiting "yes, delete"), short-lived; it is read with
    # the rest of the turn (bot.pipeline.turn_state).
    async def set_flow(self, psid: str, flow: Flow) -> None:
        # The same JSON the dict-based code wrote (plus the question's message id once it
        # was sent): flows stored before still read.
        data = flow.model_dump(exclude_none=True)
        if "question" in data:
            data["question"] = data.pop("question")  # last, after the old code's keys
        raw = json.dumps(data)
        await self.redis.set(self.keys.flow(psid), raw, ex=FLOW_TTL_S)

    async def clear_flow(self, psid: str) -> None:
        await self.redis.delete(self.keys.flow(psid))


def is_subscribed(fields: Mapping[str, str | None]) -> bool:
    """What "subscribed" means, in one place: the people list and its filter, the person's
    page, the admin API and the broadcast audience all ask this. Marketing consent granted
    and no STOP since; the raw `subscribed` flag alone is not it (someone who refused
    marketing never said STOP, so their flag still reads "1"). Whether a broadcast can reach
    a subscribed person now (restriction, Meta's window, quiet hours) is bot.broadcast.rules."""
    return fields.get("consent:marketing") == "granted" and fields.get("subscribed") != "0"
