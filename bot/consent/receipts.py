"""Consent is a receipt, not a flag: per purpose, every decision is appended as evidence.

The user hash holds the current decision and the policy version it was given under; the
receipts list is append-only. Indexes follow the decision in the same transaction.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Literal, cast

from pydantic import BaseModel, ConfigDict
from redis.asyncio import Redis
from redis.asyncio.client import Pipeline

from bot.constants import IDLE_USER_TTL_S
from bot.indexes.audience import stage_reclass
from bot.keys import Keys
from bot.name_index import NameIndex
from bot.store import PROFILE_FIELDS

Purpose = Literal["profile", "marketing"]
Decision = Literal["granted", "refused", "withdrawn"]
PURPOSES: tuple[Purpose, ...] = ("profile", "marketing")


class ConsentReceipt(BaseModel):
    model_config = ConfigDict(frozen=True)

    purpose: Purpose
    decision: Decision
    policy: str
    policy_version: str
    language: str
    at: str
    channel: str = "messenger"
    evidence: str
    fields: tuple[str, ...] | None = None
    # The Send API's message id of the question this decision answered (None: a decision
    # not given in answer to a question of ours, e.g. withdrawn from the menu, or older rows).
    question: str | None = None

    def stored(self) -> str:
        """A compact JSON array: receipts are the bulk of what is kept per person, so the
        purpose, decision and fields are one-letter codes, the time unix seconds, and the
        usual channel is left out. `from_stored` also reads the older, spelled-out rows."""
        channel = "" if self.channel == "messenger" else self.channel
        row: list[object] = [
            _CODES[self.purpose],
            _CODES[self.decision],
            self.policy,
            self.policy_version,
            self.language,
            _unix(self.at),
            channel,
            self.evidence,
        ]
        if self.fields is not None or self.question is not None:
            row.append(None if self.fields is None else _field_codes(self.fields))
        if self.question is not None:
            row.append(self.question)
        return json.dumps(row, ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_stored(cls, raw: str) -> ConsentReceipt:
        row = json.loads(raw)
        names = (
            "purpose",
            "decision",
            "policy",
            "policy_version",
            "language",
            "at",
            "channel",
            "evidence",
        )
        values: dict[str, object] = dict(zip(names, row, strict=False))
        values["purpose"] = _WORDS.get(row[0], row[0])
        values["decision"] = _WORDS.get(row[1], row[1])
        if isinstance(row[5], int):
            values["at"] = iso_utc(row[5] * 1000)
        values["channel"] = row[6] or "messenger"
        if len(row) > len(names) and row[len(names)] is not None:
            values["fields"] = _field_names(row[len(names)])
        if len(row) > len(names) + 1:
            values["question"] = row[len(names) + 1]
        return cls.model_validate(values)


_CODES = {"profile": "p", "marketing": "m", "granted": "g", "refused": "r", "withdrawn": "w"}
_WORDS = {code: word for word, code in _CODES.items()}
_FIELD_CODES = {"first_name": "f", "last_name": "l", "locale": "o", "timezone": "t"}
_FIELD_NAMES = {code: name for name, code in _FIELD_CODES.items()}


def _unix(iso: str) -> int:
    return int(dt.datetime.fromisoformat(iso.replace("Z", "+00:00")).timestamp())


def _field_codes(fields: tuple[str, ...]) -> str:
    if all(name in _FIELD_CODES for name in fields):
        return "".join(_FIELD_CODES[name] for name in fields)
    return ",".join(fields)  # a field without a code: spelled out, as older rows are


def _field_names(stored: str) -> tuple[str, ...]:
    if stored and all(code in _FIELD_NAMES for code in stored):
        return tuple(_FIELD_NAMES[code] for code in stored)
    return tuple(name for name in stored.split(",") if name)


def iso_utc(timestamp_ms: int) -> str:
    moment = dt.datetime.fromtimestamp(timestamp_ms / 1000, tz=dt.UTC)
    return moment.isoformat(timespec="seconds").replace("+00:00", "Z")


def version_key(version: str) -> tuple[int, ...]:
    """Order "2018-09-03" or "1.2" versions by their numbers."""
    return tuple(int(part) for part in re.findall(r"\d+", version)) or (0,)


def needs_reconsent(given_under: str | None, rights_version: str) -> bool:
    """A decision given under a version older than the last rights-affecting change."""
    return given_under is not None and version_key(given_under) < version_key(rights_version)


def state_field(purpose: str) -> str:
    return f"consent:{purpose}"


def version_field(purpose: str) -> str:
    return f"consent_version:{purpose}"


class ConsentStore:
    def __init__(self, redis: Redis, keys: Keys, names: NameIndex) -> None:
        self.redis = redis
        self.keys = keys
        self.names = names

    async def record(
        self, psid: str, receipt: ConsentReceipt, *, granted_any: bool, restricted: bool = False
    ) -> None:
        """Append the receipt and apply the decision everywhere, in one transaction.

        `granted_any`: whether, after this decision, any purpose is granted; a person who
        consented to nothing is kept only 30 days after their last contact."""
        if receipt.purpose == "profile" and receipt.decision != "granted":
            await self._forget_profile(psid, receipt, granted_any=granted_any)
            return
        pipe = self.redis.pipeline(transaction=True)
        self._apply(pipe, psid, receipt, granted_any=granted_any)
        if restricted:  # consent is recorded; the audience waits until the restriction is lifted
            pipe.zrem(self._audience(psid), psid)
        self._recount(pipe, psid)
        await pipe.execute()

    def _audience(self, psid: str) -> str:
        return self.keys.marketing_index(self.keys.partition(psid))

    def _recount(self, pipe: Pipeline, psid: str) -> None:
        """Last in the transaction: the person's audience count follows the decision."""
        stage_reclass(pipe, self.keys, psid, self.names.person_hash(psid))

    async def _forget_profile(
        self, psid: str, receipt: ConsentReceipt, *, granted_any: bool
    ) -> None:
        """The profile fields go, and the name's index entries with them (bot.name_index):
        which those are is read from the name, watched until the transaction runs."""

        async def forget(pipe: Pipeline) -> None:
            held = await self.names.held(pipe, psid)
            source = await pipe.hget(self.keys.user(psid), "language_source")
            pipe.multi()  # type: ignore[no-untyped-call]  # redis-py leaves it unannotated
            self._apply(pipe, psid, receipt, granted_any=granted_any)
            self.names.stage(pipe, psid, held=held, names=())
            if source == "locale":  # taken from the Facebook profile: it goes with it
                pipe.hdel(self.keys.user(psid), "language", "language_source")
            self._recount(pipe, psid)

        await self.redis.transaction(forget, self.keys.user(psid))

    def _apply(
        self, pipe: Pipeline, psid: str, receipt: ConsentReceipt, *, granted_any: bool
    ) -> None:
        user, consents = self.keys.user(psid), self.keys.consents(psid)
        pipe.rpush(consents, receipt.stored())
        pipe.hset(user, state_field(receipt.purpose), receipt.decision)
        pipe.hset(user, version_field(receipt.purpose), receipt.policy_version)
        if receipt.purpose == "marketing":
            self._marketing(pipe, psid, receipt)
        elif receipt.decision != "granted":
            fields = (f"profile:{name}" for name in PROFILE_FIELDS)
            pipe.hdel(user, *fields, "profile_fetched_at", "profile_zone")
        for key in (user, consents):
            if granted_any:
                pipe.persist(key)
            else:
                pipe.expire(key, IDLE_USER_TTL_S)

    def _marketing(self, pipe: Pipeline, psid: str, receipt: ConsentReceipt) -> None:
        if receipt.decision == "granted":
            at = dt.datetime.fromisoformat(receipt.at.replace("Z", "+00:00")).timestamp()
            pipe.hset(self.keys.user(psid), "subscribed", "1")
            pipe.zadd(self._audience(psid), {psid: at})
        else:
            pipe.zrem(self._audience(psid), psid)

    async def receipts(self, psid: str) -> list[ConsentReceipt]:
        raw = cast(list[str], await self.redis.lrange(self.keys.consents(psid), 0, -1))
        return [ConsentReceipt.from_stored(item) for item in raw]

    async def leave_audience(self, psid: str) -> None:
        """Out of marketing audiences until the person answers again (policy change)."""
        pipe = self.redis.pipeline(transaction=True)
        pipe.zrem(self._audience(psid), psid)
        self._recount(pipe, psid)
        await pipe.execute()
