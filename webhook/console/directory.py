"""The people list: newest first contact first, filtered and searched a bounded batch at a
time. Names are encrypted at rest, so a name search has to open each candidate's name; it
examines at most SCAN people per page and says which ones it examined."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import cast

from bot.crypto import DecryptError
from bot.services import Services

PAGE = 50
SCAN = 500
_FIELDS = ("profile:first_name", "profile:last_name", "language", "consent:profile",
           "consent:marketing", "subscribed")  # fmt: skip


@dataclass(frozen=True)
class Filters:
    q: str = ""
    consent: str = ""  # "<purpose>:<decision>", e.g. "marketing:granted"
    subscribed: str = ""  # "yes" | "no"

    @property
    def narrowing(self) -> bool:
        return bool(self.q or self.consent or self.subscribed)


@dataclass(frozen=True)
class Row:
    psid: str
    name: str
    language: str
    first_contact: str
    consent_profile: str
    consent_marketing: str
    subscribed: bool

    def matches(self, filters: Filters) -> bool:
        purpose, _, decision = filters.consent.partition(":")
        current = {"profile": self.consent_profile, "marketing": self.consent_marketing}
        if filters.consent and current.get(purpose, "") != (decision or "none"):
            return False
        if filters.subscribed and self.subscribed != (filters.subscribed == "yes"):
            return False
        needle = filters.q.casefold()
        return not needle or needle in self.name.casefold() or needle in self.psid.casefold()


@dataclass(frozen=True)
class Listing:
    rows: list[Row]
    total: int
    examined_from: int
    examined_to: int
    next_cursor: int | None


def _day(score: float) -> str:
    return dt.datetime.fromtimestamp(score / 1000, tz=dt.UTC).strftime("%Y-%m-%d %H:%M")


def _open(services: Services, field: str, value: str | None) -> str:
    if not value:
        return ""
    try:
        return services.store.cipher.decrypt(value, field)
    except DecryptError:
        return "(cannot be decrypted)"


async def _rows(services: Services, people: list[tuple[str, float]]) -> list[Row]:
    pipe = services.redis.pipeline(transaction=False)
    for psid, _ in people:
        pipe.hmget(services.keys.user(psid), list(_FIELDS))
    answers = cast(list[list[str | None]], await pipe.execute())
    rows = []
    for (psid, first), (first_name, last_name, lang, c_profile, c_marketing, sub) in zip(
        people, answers, strict=True
    ):
        name = " ".join(
            part for part in (_open(services, "profile:first_name", first_name),
                              _open(services, "profile:last_name", last_name)) if part
        )  # fmt: skip
        rows.append(Row(
            psid=psid, name=name, language=lang or "", first_contact=_day(first),
            consent_profile=c_profile or "none", consent_marketing=c_marketing or "none",
            subscribed=(sub or "1") == "1",
        ))  # fmt: skip
    return rows


async def _window(services: Services, start: int, count: int) -> list[tuple[str, float]]:
    return cast(
        list[tuple[str, float]],
        await services.redis.zrevrange(
            services.keys.users_index, start, start + count - 1, withscores=True
        ),
    )


async def list_people(services: Services, filters: Filters, cursor: int) -> Listing:
    total = int(await services.redis.zcard(services.keys.users_index))
    score = await services.redis.zscore(services.keys.users_index, filters.q) if filters.q else None
    if score is not None:  # an exact PSID
        rows = await _rows(services, [(filters.q, float(score))])
        return Listing([r for r in rows if r.matches(filters)], total, 0, 0, None)
    if not filters.narrowing:
        rows = await _rows(services, await _window(services, cursor, PAGE))
        more = cursor + PAGE < total
        return Listing(rows, total, cursor, cursor + len(rows), cursor + PAGE if more else None)
    # One window of at most SCAN people in one round trip; stop at a full page.
    window = await _window(services, cursor, SCAN)
    found: list[Row] = []
    examined = 0
    for row in await _rows(services, window):
        examined += 1
        if row.matches(filters):
            found.append(row)
            if len(found) == PAGE:
                break
    position = cursor + examined
    return Listing(found, total, cursor, position, position if position < total else None)
