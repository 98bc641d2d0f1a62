"""The people index read across partitions: pages in first-contact order, merged.

Each partition holds its slice of the people index (`Keys.users_index(n)`, PSID -> first
contact). A page reads the next rows of every slice in one pipeline and merges them; the
cursor says how far each slice has been read (`Cursor`), so a page costs the same at any
depth and equal first-contact times neither repeat nor skip anyone.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import cast

from redis.asyncio import Redis

from bot.errors import BadRequest
from bot.keys import Keys

Row = tuple[str, float]  # PSID, first contact (ms)
_MARK = "o"  # a cursor of per-partition offsets; a bare number is the older overall position


@dataclass(frozen=True, slots=True)
class Cursor:
    """How many rows of each partition's slice the pages so far have shown."""

    offsets: tuple[int, ...]

    @property
    def position(self) -> int:
        """Rows shown so far, all partitions together."""
        return sum(self.offsets)

    def encode(self) -> str:
        return _MARK + ".".join(str(offset) for offset in self.offsets)

    def after(self, taken: list[tuple[int, Row]]) -> Cursor:
        """The cursor once `taken` (partition, row) have been shown too."""
        moved = Counter(n for n, _ in taken)
        return Cursor(tuple(offset + moved[n] for n, offset in enumerate(self.offsets)))


def start(keys: Keys) -> Cursor:
    return Cursor((0,) * keys.partitions)


async def parse_cursor(redis: Redis, keys: Keys, raw: str, *, newest_first: bool) -> Cursor:
    """A cursor from a request: "" or "0" is the start; `o<n>.<n>...` as `encode` wrote it;
    a bare number (the cursor before partitions: an overall position) is found again by
    merging that many rows, so a client holding one goes on where it was."""
    if raw in ("", "0"):
        return start(keys)
    if raw.isdigit() and int(raw) <= 10**9:
        return await _at_position(redis, keys, int(raw), newest_first)
    parts = raw.removeprefix(_MARK).split(".")
    if not raw.startswith(_MARK) or len(parts) != keys.partitions:
        raise BadRequest("cursor must be a next_cursor given by an earlier page")
    if not all(part.isdigit() and len(part) <= 10 for part in parts):
        raise BadRequest("cursor must be a next_cursor given by an earlier page")
    return Cursor(tuple(int(part) for part in parts))


async def _at_position(redis: Redis, keys: Keys, position: int, newest_first: bool) -> Cursor:
    taken = await window(redis, keys, start(keys), position, newest_first=newest_first)
    return start(keys).after(taken)


async def window(
    redis: Redis, keys: Keys, cursor: Cursor, count: int, *, newest_first: bool
) -> list[tuple[int, Row]]:
    """The next `count` rows after `cursor` (each with its partition), merged. People are
    spread evenly over the partitions, so each slice is first read for a little over its
    share; a slice whose every row read made the page may hold more that belong on it, and
    only those are read again, for the rest."""
    if count <= 0:
        return []
    share = min(count, 2 * count // keys.partitions + 8)
    first = dict.fromkeys(keys.every_partition, (0, share))
    slices = await _read(redis, keys, cursor, first, newest_first)
    rows = _merged(slices, count, newest_first)
    cut = rows[-1][1] if len(rows) == count else None
    more = {
        n: (share, count)
        for n, got in slices.items()
        if len(got) == share < count and (cut is None or _before(got[-1], cut, newest_first))
    }
    if more:
        for n, extra in (await _read(redis, keys, cursor, more, newest_first)).items():
            slices[n] = slices[n] + extra
        rows = _merged(slices, count, newest_first)
    return rows


def _before(row: Row, cut: Row, newest_first: bool) -> bool:
    """Whether `row` comes no later than `cut` in the page's order."""
    key, limit = row[::-1], cut[::-1]
    return key >= limit if newest_first else key <= limit


async def _read(
    redis: Redis, keys: Keys, cursor: Cursor, spans: dict[int, tuple[int, int]], newest_first: bool
) -> dict[int, list[Row]]:
    """Rows [start, end) after the cursor of each slice named, one pipeline."""
    pipe = redis.pipeline(transaction=False)
    for n, (begin, end) in spans.items():
        at = cursor.offsets[n] + begin
        read = pipe.zrevrange if newest_first else pipe.zrange
        read(keys.users_index(n), at, at + end - begin - 1, withscores=True)
    found = cast(list[list[Row]], await pipe.execute())
    return {
        n: [(psid, float(score)) for psid, score in got]
        for n, got in zip(spans, found, strict=True)
    }


def _merged(slices: dict[int, list[Row]], count: int, newest_first: bool) -> list[tuple[int, Row]]:
    rows = [(n, row) for n, got in slices.items() for row in got]
    # The order ZRANGE keeps within a slice (score, then PSID), across slices.
    rows.sort(key=lambda item: item[1][::-1], reverse=newest_first)
    return rows[:count]


async def total(redis: Redis, keys: Keys) -> int:
    """Everyone in the index: the slices' sizes, one pipeline."""
    pipe = redis.pipeline(transaction=False)
    for n in keys.every_partition:
        pipe.zcard(keys.users_index(n))
    return sum(int(size) for size in await pipe.execute())


async def first_contact(redis: Redis, keys: Keys, psid: str) -> float | None:
    """The person's first contact, None when the index does not hold them."""
    score = await redis.zscore(keys.users_index(keys.partition(psid)), psid)
    return None if score is None else float(score)
