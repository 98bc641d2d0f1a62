"""The console's people list: newest first contact first.

Names are encrypted at rest: a search by name goes through the blind index
(`bot.name_index`), which finds every match at once, newest first; consent and subscription
filters then apply to those matches only. Filters without a name open people a bounded batch
at a time: at most SCAN per page, and the page says which ones it examined. A PSID is found
exactly. Every partition's slice is read and merged (bot.indexes.people); the cursor of a list
says how far each slice was read, that of a name search how many matches were shown."""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from bot.crypto import DecryptError
from bot.indexes.people import Cursor, first_contact, parse_cursor, total, window
from bot.moments import moment_ms
from bot.name_index import name_terms, query_terms
from bot.services import Services
from bot.store import is_subscribed

PAGE = 50
SCAN = 500
_STATE = ("consent:profile", "consent:marketing", "subscribed")
_FIELDS = ("profile:first_name", "profile:last_name", "language", *_STATE)


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
        return _passes(filters, self.consent_profile, self.consent_marketing, self.subscribed)


def _passes(filters: Filters, profile: str, marketing: str, subscribed: bool) -> bool:
    """The consent and subscription filters (the name is matched by the index)."""
    purpose, _, decision = filters.consent.partition(":")
    current = {"profile": profile, "marketing": marketing}
    if filters.consent and current.get(purpose, "") != (decision or "none"):
        return False
    return not filters.subscribed or subscribed == (filters.subscribed == "yes")


@dataclass(frozen=True)
class Listing:
    rows: list[Row]
    total: int
    examined_from: int
    examined_to: int
    next_cursor: str | None
    matched: int | None = None  # people whose name matches a name search (None: no such search)


def _day(score: float) -> str:
    moment = moment_ms(score)  # a time stored out of range shows as unknown, not a 500
    return moment.strftime("%Y-%m-%d %H:%M") if moment else "?"


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
            part
            for part in (
                _open(services, "profile:first_name", first_name),
                _open(services, "profile:last_name", last_name),
            )
            if part
        )
        rows.append(
            Row(
                psid=psid,
                name=name,
                language=lang or "",
                first_contact=_day(first),
                consent_profile=c_profile or "none",
                consent_marketing=c_marketing or "none",
                subscribed=is_subscribed({"consent:marketing": c_marketing, "subscribed": sub}),
            )
        )
    return rows


async def is_listed(services: Services, psid: str) -> bool:
    """Whether the people index holds this PSID (erased and unknown people are not)."""
    return await first_contact(services.redis, services.keys, psid) is not None


async def list_people(services: Services, filters: Filters, cursor: str) -> Listing:
    redis, keys = services.redis, services.keys
    everyone = await total(redis, keys)
    score = await first_contact(redis, keys, filters.q) if filters.q else None
    if score is not None:  # an exact PSID
        rows = await _rows(services, [(filters.q, score)])
        return Listing([r for r in rows if r.matches(filters)], everyone, 0, 0, None)
    if filters.q:
        shown = int(cursor) if cursor.isdigit() else 0
        return await _by_name(services, filters, shown, everyone)
    at = await parse_cursor(redis, keys, cursor, newest_first=True)
    if not filters.narrowing:
        taken = await window(redis, keys, at, PAGE, newest_first=True)
        rows = await _rows(services, [row for _, row in taken])
        after = at.after(taken)
        more = after.encode() if after.position < everyone else None
        return Listing(rows, everyone, at.position, after.position, more)
    # One window of at most SCAN people in one round trip; stop at a full page.
    taken = await window(redis, keys, at, SCAN, newest_first=True)
    found: list[Row] = []
    examined = 0
    for row in await _rows(services, [row for _, row in taken]):
        examined += 1
        if row.matches(filters):
            found.append(row)
            if len(found) == PAGE:
                break
    moved: Cursor = at.after(taken[:examined])
    further = moved.encode() if moved.position < everyone else None
    return Listing(found, everyone, at.position, moved.position, further)


async def _by_name(services: Services, filters: Filters, cursor: int, total: int) -> Listing:
    """Every person whose name has all the words searched, newest first, a page at a time;
    `cursor` counts matches. Only the matches up to the page are read (bot.name_index)."""
    if filters.consent or filters.subscribed:
        matched, page, position = await _filtered(services, filters, cursor)
    else:
        matched, found = await services.store.names.search(filters.q, cursor + PAGE)
        page = found[cursor : cursor + PAGE]
        position = cursor + len(page)
    wanted = set(query_terms(filters.q))
    # Opening the page's names anyway: a leftover index entry (a name since gone) shows nobody.
    rows = [row for row in await _rows(services, page) if wanted <= name_terms(row.name)]
    more = str(position) if position < matched else None
    return Listing(rows, total, cursor, position, more, matched=matched)


async def _filtered(
    services: Services, filters: Filters, cursor: int
) -> tuple[int, list[tuple[str, float]], int]:
    """How many names match, the next page of them that pass the filters, reading only the
    unencrypted state, SCAN at a time; and the position after the last one examined."""
    page: list[tuple[str, float]] = []
    position, limit = cursor, cursor + SCAN
    matched, matches = await services.store.names.search(filters.q, limit)
    while position < matched and len(page) < PAGE:
        if position >= len(matches):  # the matches read so far are used up: read further
            limit += SCAN
            matched, matches = await services.store.names.search(filters.q, limit)
        batch = matches[position : position + SCAN]
        if not batch:
            break
        pipe = services.redis.pipeline(transaction=False)
        for psid, _ in batch:
            pipe.hmget(services.keys.user(psid), list(_STATE))
        states = cast(list[list[str | None]], await pipe.execute())
        for person, (profile, marketing, subscribed) in zip(batch, states, strict=True):
            position += 1
            state = {"consent:marketing": marketing, "subscribed": subscribed}
            if _passes(filters, profile or "none", marketing or "none", is_subscribed(state)):
                page.append(person)
                if len(page) == PAGE:
                    break
    return matched, page, position
