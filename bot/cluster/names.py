"""What a stored key is, read back from its name: for the moves between layouts (the migration
from the unpartitioned layout, bot/cluster/migrate.py, and the one-Page -> PAGES_FILE upgrade,
bot/pages/upgrade.py), which must find every key and rebuild its name under other `Keys`.

Two layouts are read (docs/partitions.md):
- version 1, before partitions (no layout record): a person's keys `<own>:user:{psid}...`, one
  index of each kind per Page, one events stream `<p>:events` shared by every Page;
- version 2, partitioned: `<own>:{p<n>}:user:<psid>...`, an index slice per partition.
The names of version 1 exist only here: nothing writes them any more.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from bot.keys import SHARED_SUFFIXES


class Kind(enum.Enum):
    PERSON = "person"  # one of a person's keys: `part` the PSID, `rest` its suffix
    PEOPLE = "people"  # an index of PSIDs with scores (ZSET): `part` users | marketing
    NAMES = "names"  # a name-index SET of PSIDs: `part` the term hash
    COUNTS = "counts"  # a partition's audience counters (HASH)
    REQUEST = "request"  # a request's record: `part` its id
    DUE = "due"  # request ids by due date (ZSET)
    DIGESTS = "digests"  # keyed PSID hashes: `part` suppressed (SET) | erased_at (HASH)
    JOURNAL = "journal"  # the erasure journal (STREAM)
    JOURNAL_MARK = "journal_mark"  # how far the journal was replayed (HASH)
    PLAIN = "plain"  # a Page's key whose name only changes its Page: `rest` after `<own>:`
    EVENTS = "events"  # an events stream (shared)
    ATTEMPTS = "attempts"  # handling attempts by entry id (shared, version 1)
    SEEN = "seen"  # a dedupe marker (shared): `part` the event key
    SHARED = "shared"  # the deployment's, kept as it is


@dataclass(frozen=True, slots=True)
class Found:
    kind: Kind
    page: str = ""  # the Page owning it ("" = the unscoped one-Page layout)
    part: str = ""
    rest: str = ""
    n: int = 0  # the partition it sits in (version 2; 0 in version 1)


def _owner(prefix: str, key: str) -> tuple[str, str] | None:
    """(Page, tail after `<own>:`), or None for a shared key."""
    rest = key[len(prefix) + 1 :]
    if rest.startswith("pg:"):
        page, _, tail = rest[3:].partition(":")
        return (page, tail) if tail else None
    if rest.startswith(SHARED_SUFFIXES):
        return None
    return "", rest


_EXACT = {
    "idx:users": (Kind.PEOPLE, "users"),
    "idx:marketing": (Kind.PEOPLE, "marketing"),
    "idx:counts": (Kind.COUNTS, ""),
    "idx:dsar_due": (Kind.DUE, ""),
    "suppressed": (Kind.DIGESTS, "suppressed"),
    "erased_at": (Kind.DIGESTS, "erased_at"),
    "erasures": (Kind.JOURNAL, ""),
    "erasures:replayed": (Kind.JOURNAL_MARK, ""),
}
_STARTS = (("idx:name:", Kind.NAMES), ("dsar:", Kind.REQUEST))


def _owned(tail: str, page: str, n: int) -> Found:
    """A Page's key, named by its tail (the same in both versions once the person is known)."""
    if tail in _EXACT:
        kind, part = _EXACT[tail]
        return Found(kind, page, part, n=n)
    for start, kind in _STARTS:
        if tail.startswith(start):
            return Found(kind, page, tail[len(start) :], n=n)
    return Found(Kind.PLAIN, page, rest=tail, n=n)


def unpartitioned(prefix: str, key: str) -> Found:
    """A key of version 1."""
    owner = _owner(prefix, key)
    if owner is None:
        rest = key[len(prefix) + 1 :]
        if rest == "events":
            return Found(Kind.EVENTS)
        if rest == "events:attempts":
            return Found(Kind.ATTEMPTS)
        if rest.startswith("seen:"):
            return Found(Kind.SEEN, part=rest[5:])
        return Found(Kind.SHARED)
    page, tail = owner
    if tail.startswith("user:{") and "}" in tail:
        psid, _, suffix = tail[6:].partition("}")
        return Found(Kind.PERSON, page, psid, suffix)
    return _owned(tail, page, 0)


def partitioned(prefix: str, key: str) -> Found:
    """A key of version 2."""
    owner = _owner(prefix, key)
    if owner is None:
        rest = key[len(prefix) + 1 :]
        if rest.startswith("pt:{p") and rest.endswith("}:events"):
            return Found(Kind.EVENTS, n=int(rest[5 : -len("}:events")]))
        return Found(Kind.SHARED)
    page, tail = owner
    if not tail.startswith("{p") or "}:" not in tail:
        return Found(Kind.PLAIN, page, rest=tail)  # the Page's own, outside the partitions
    number, _, inner = tail[2:].partition("}:")
    if inner.startswith("user:"):
        psid, colon, suffix = inner[5:].partition(":")
        return Found(Kind.PERSON, page, psid, colon + suffix, n=int(number))
    found = _owned(inner, page, int(number))
    return found if found.kind is not Kind.PLAIN else Found(Kind.PLAIN, page, rest=tail)


# Version 1's shared keys: the one events stream, its attempt counts, its dedupe markers.
def unpartitioned_events(prefix: str) -> str:
    return f"{prefix}:events"


def unpartitioned_attempts(prefix: str) -> str:
    return f"{prefix}:events:attempts"


def unpartitioned_markers(prefix: str) -> str:
    """A SCAN pattern; the event key follows `:seen:`."""
    return f"{prefix}:seen:*"


def partitioned_markers(prefix: str) -> str:
    """A SCAN pattern of version 2's markers (every partition); the event key follows `:seen:`."""
    return f"{prefix}:pt:*:seen:*"


def marked_event(marker: str) -> str:
    return marker.split(":seen:", 1)[1]
