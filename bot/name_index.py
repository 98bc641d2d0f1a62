"""The blind index of names: people found by name without opening every encrypted name.

For each person with a stored name, each word of their first and last name is folded (lower
case, Latin diacritics dropped: "Urška Novak-Žagar" -> urska, novak, zagar), and the word and
each of its starts of three letters or more ("urs", "ursk", "urska") is hashed under a key
derived from DATA_KEY (`bot.pseudonym`, with a purpose of its own). Each partition holds its
slice: `<own>:{p<n>}:idx:name:<hash>` is the SET of the partition's PSIDs whose name has that
term. A search intersects, in every partition, the sets of its words with that partition's
people index (which also orders them by first contact), all partitions in one pipeline, and
merges. Redis learns which people share a term, never the term.

Every change of a stored name moves its index entries in the same transaction, after reading
the name it replaces under WATCH: `Store.update` (a profile stored or refreshed, a
correction), `ConsentStore.record` (profile consent refused or withdrawn deletes the name)
and `Eraser` (erasure). After a DATA_KEY rotation, or on the first start with this index,
one process rebuilds it (`ensure_built`).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from typing import cast

from redis.asyncio import Redis
from redis.asyncio.client import Pipeline

from bot.crypto import DecryptError, FieldCipher, key_id
from bot.keys import Keys
from bot.lua import source
from bot.pseudonym import Pseudonymizer
from intents.normalize import fold

log = logging.getLogger("privacybot.name_index")

NAME_FIELDS = ("profile:first_name", "profile:last_name")
MIN_PREFIX = 3
_PURPOSE = b"privacybot/name-term/v1"
_BATCH = 500
_BUILD_LOCK_S = 600


def _words(text: str) -> list[str]:
    # The uncached `fold`: names must not linger in a process-wide cache after an erasure.
    return fold.__wrapped__(text).split()


def name_terms(*names: str) -> set[str]:
    """What a name is found by: each folded word and each of its starts of MIN_PREFIX
    letters or more (a shorter word only whole)."""
    terms: set[str] = set()
    for word in (word for name in names for word in _words(name)):
        terms.update(word[:end] for end in range(min(MIN_PREFIX, len(word)), len(word) + 1))
    return terms


def query_terms(query: str) -> list[str]:
    """The folded words of a search; each must be a term of a name that matches."""
    return sorted(set(_words(query)))


async def each_set(
    redis: Redis,
    keys: Keys,
    handle: Callable[[list[str]], Awaitable[None]],
    partitions: Iterable[int] | None = None,
) -> None:
    """Every set of the index (of the partitions given, else all), a thousand keys at a time."""
    for n in keys.every_partition if partitions is None else partitions:
        batch: list[str] = []
        async for key in redis.scan_iter(match=keys.name_index(n, "*"), count=1000):
            batch.append(key)
            if len(batch) == 1000:
                await handle(batch)
                batch = []
        if batch:
            await handle(batch)


def by_partition(keys: Keys, psids: Iterable[str]) -> dict[int, list[str]]:
    grouped: dict[int, list[str]] = {}
    for psid in psids:
        grouped.setdefault(keys.partition(psid), []).append(psid)
    return grouped


async def forget_people(redis: Redis, keys: Keys, psids: list[str]) -> None:
    """Take people out of every set of their partition: for people whose hash expired, whose
    name (gone with it) can no longer say which sets hold them."""
    for n, people in by_partition(keys, psids).items():

        async def remove(batch: list[str], people: list[str] = people) -> None:
            pipe = redis.pipeline(transaction=False)
            for key in batch:
                pipe.srem(key, *people)
            await pipe.execute()

        await each_set(redis, keys, remove, [n])


Match = tuple[str, float]  # PSID, first contact


def _key(row: Match) -> tuple[float, str]:
    """The order of a sorted set (score, then member); a search shows it newest first."""
    return row[1], row[0]


def _newest(found: dict[int, tuple[int, list[Match]]], limit: int) -> list[Match]:
    rows = [row for _, got in found.values() for row in got]
    return sorted(rows, key=_key, reverse=True)[:limit]


@dataclass(frozen=True)
class Held:
    """A person's name as stored before a change, and the index sets that hold them."""

    names: tuple[str, ...] | None  # None: the stored name cannot be opened
    keys: frozenset[str]


class NameIndex:
    def __init__(
        self,
        redis: Redis,
        keys: Keys,
        cipher: FieldCipher,
        data_key: bytes,
        older_keys: tuple[bytes, ...] = (),
    ) -> None:
        self.redis = redis
        self.keys = keys
        self.cipher = cipher
        self.version = key_id(data_key)
        self._hash = Pseudonymizer(data_key, _PURPOSE)
        # The keyed PSID hash (the suppression set's): a person write that keeps the name
        # index in step also keeps the audience counts (bot.indexes.audience), which ask it.
        self.person_hash = Pseudonymizer(data_key)
        # Entries made under an older DATA_KEY may remain until the rebuild: removals try them.
        self._older = tuple(Pseudonymizer(key, _PURPOSE) for key in older_keys)

    def index_keys(self, n: int, *names: str) -> set[str]:
        """The sets of partition n that hold a person of that name."""
        return {self.keys.name_index(n, self._hash(term)) for term in name_terms(*names)}

    def search_terms(self, query: str) -> list[str]:
        """The term hashes to intersect for a search (in every partition); [] when it has no
        word to look for."""
        return [self._hash(term) for term in query_terms(query)]

    async def search(self, query: str, limit: int) -> tuple[int, list[tuple[str, float]]]:
        """How many people's names have every word of `query`, and the newest `limit` of them
        with their first contact: in each partition its term sets intersected with its people
        index (name_search.lua), every partition in one pipeline, merged. Each partition is
        first asked for a little over its share of `limit`; only one whose every row made the
        cut and that holds more is asked again, for the rest."""
        terms = self.search_terms(query)
        if not terms or limit <= 0:  # no word in it: no name can match
            return 0, []
        share = min(limit, 2 * limit // self.keys.partitions + 8)
        found = await self._search(terms, dict.fromkeys(self.keys.every_partition, share))
        merged = _newest(found, limit)
        cut = merged[-1] if len(merged) == limit else None
        again = {
            n: limit
            for n, (count, rows) in found.items()
            if len(rows) == share < count and (cut is None or _key(rows[-1]) >= _key(cut))
        }
        if again:
            found |= await self._search(terms, again)
            merged = _newest(found, limit)
        return sum(count for count, _ in found.values()), merged

    async def _search(
        self, terms: list[str], limits: dict[int, int]
    ) -> dict[int, tuple[int, list[tuple[str, float]]]]:
        pipe = self.redis.pipeline(transaction=False)
        for n, limit in limits.items():
            sets = [self.keys.name_index(n, term) for term in terms]
            # The source, not its SHA: a console search is rare, and never meets NOSCRIPT.
            pipe.eval(source("name_search"), 1 + len(sets), self.keys.users_index(n), *sets, limit)
        found = {}
        for n, (count, flat) in zip(limits, await pipe.execute(), strict=True):
            pairs = zip(flat[::2], flat[1::2], strict=True)
            found[n] = (int(count), [(psid, float(score)) for psid, score in pairs])
        return found

    def _open(self, raw: list[str | None]) -> tuple[str, ...] | None:
        try:
            return tuple(
                self.cipher.decrypt(value, field) if value else ""
                for field, value in zip(NAME_FIELDS, raw, strict=True)
            )
        except DecryptError:
            return None

    async def held(self, pipe: Pipeline, psid: str) -> Held:
        """Read through `pipe` while it watches the person's hash (so the name cannot change
        before the transaction that uses this runs)."""
        raw = cast(list[str | None], await pipe.hmget(self.keys.user(psid), list(NAME_FIELDS)))
        names = self._open(raw)
        if names is None:  # cannot tell which words: look in every set of their partition
            return Held(None, frozenset(await self._sets_holding(psid)))
        terms = name_terms(*names)
        hashes = (self._hash, *self._older)
        n = self.keys.partition(psid)
        return Held(names, frozenset(self.keys.name_index(n, h(t)) for h in hashes for t in terms))

    def stage(self, pipe: Pipeline, psid: str, held: Held, names: Iterable[str]) -> None:
        """Queue, inside the caller's MULTI, the move from the sets that hold the person to
        those of `names` (none: out of the index). All in the person's partition."""
        wanted = self.index_keys(self.keys.partition(psid), *names)
        for key in held.keys - wanted:
            pipe.srem(key, psid)
        for key in wanted:
            pipe.sadd(key, psid)

    async def _sets_holding(self, psid: str) -> set[str]:
        found: set[str] = set()

        async def check(batch: list[str]) -> None:
            pipe = self.redis.pipeline(transaction=False)
            for key in batch:
                pipe.sismember(key, psid)
            answers = await pipe.execute()
            found.update(key for key, member in zip(batch, answers, strict=True) if member)

        await each_set(self.redis, self.keys, check, [self.keys.partition(psid)])
        return found

    async def ensure_built(self) -> int | None:
        """Rebuild the index when it was built under another DATA_KEY, or never: drop every
        set, then index everyone with a stored name. One process does it (a lock); returns how
        many people it indexed, None when nothing needed doing or another process is on it."""
        if await self.redis.get(self.keys.name_index_built) == self.version:
            return None
        if not await self.redis.set(self.keys.name_index_lock, "1", nx=True, ex=_BUILD_LOCK_S):
            return None
        try:
            await each_set(self.redis, self.keys, self._drop)
            indexed = 0
            for n in self.keys.every_partition:
                indexed += await self._index_partition(n)
            await self.redis.set(self.keys.name_index_built, self.version)
        finally:
            await self.redis.delete(self.keys.name_index_lock)
        log.info("name index built: %d people", indexed)
        return indexed

    async def _drop(self, batch: list[str]) -> None:
        pipe = self.redis.pipeline(transaction=False)
        for key in batch:  # one key per command: a batch may span cluster slots
            pipe.delete(key)  # (a cluster pipeline's UNLINK must be awaited one by one)
        await pipe.execute()

    async def _index_partition(self, n: int) -> int:
        indexed = 0
        batch: list[str] = []
        async for psid, _ in self.redis.zscan_iter(self.keys.users_index(n), count=_BATCH):
            batch.append(psid)
            if len(batch) == _BATCH:
                indexed += await self._index_batch(n, batch)
                batch = []
        return indexed + (await self._index_batch(n, batch) if batch else 0)

    async def _index_batch(self, n: int, psids: list[str]) -> int:
        """Index a batch of partition n in one transaction that watches their hashes: a name
        changed or erased meanwhile makes it run again with what is stored then."""

        async def index(pipe: Pipeline) -> int:
            reader = self.redis.pipeline(transaction=False)
            for psid in psids:
                reader.hmget(self.keys.user(psid), list(NAME_FIELDS))
            rows = cast(list[list[str | None]], await reader.execute())
            pipe.multi()  # type: ignore[no-untyped-call]  # redis-py leaves it unannotated
            indexed = 0
            for psid, raw in zip(psids, rows, strict=True):
                names = self._open(raw)
                keys = self.index_keys(n, *names) if names is not None else set()
                for key in keys:
                    pipe.sadd(key, psid)
                indexed += bool(keys)
            return indexed

        watched = [self.keys.user(psid) for psid in psids]
        return cast(int, await self.redis.transaction(index, *watched, value_from_callable=True))
