"""Broadcast audience counts kept with every change, so a dry run need not read everyone.

Each person is counted in their partition's counters (`Keys.audience_counts(n)`, a HASH) under
their class: `<class>|<in people index: 1/0>|<marketing rights version>|<language>`, class
being the first of the broadcast rules (bot/broadcast/rules.py) that does not depend on the
broadcast or the clock: suppressed, no_consent, unsubscribed, restricted, unreachable, or ok.
bot/lua/reclass.lua recomputes one person's class from their hash and moves the count; every
write that can change it queues that script in its own transaction (same partition), and the
hash keeps the class counted (`bc`), so a repeat or a late sweep counts nobody twice.

People in the index without marketing consent are not counted one by one (the bot creates
people at first contact without asking for this): they are the index's size less everyone
counted in it. A partition's counters are trusted once a sweep has reclassed everyone in it
(`built`); the first dry run sweeps the partitions not yet built, and housekeeping's pass
sweeps them all again (it also catches what changes without a write of ours: an expired
hash, or `unreachable` cleared when the person writes again).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import cast

from redis.asyncio import Redis
from redis.asyncio.client import Pipeline

from bot.keys import Keys
from bot.lua import source

BUILT = "built"
# The user fields a class is made of: a write of any of them reclasses the person.
COUNTED_FIELDS = frozenset(
    {
        "consent:marketing",
        "consent_version:marketing",
        "subscribed",
        "restricted",
        "unreachable",
        "language",
    }
)
CLASSES = ("suppressed", "no_consent", "unsubscribed", "restricted", "unreachable", "ok")


def touches(values: Mapping[str, object]) -> bool:
    return not COUNTED_FIELDS.isdisjoint(values)


def _reclass_args(keys: Keys, psid: str, digest: str) -> list[str]:
    n = keys.partition(psid)
    return [
        keys.user(psid),
        keys.audience_counts(n),
        keys.suppressed(n),
        keys.users_index(n),
        keys.marketing_index(n),
        psid,
        digest,
    ]


def stage_reclass(pipe: Pipeline, keys: Keys, psid: str, digest: str) -> None:
    """Queue the person's reclassing in the caller's transaction, after its writes. EVAL with
    the source (not EVALSHA): inside a MULTI and on any cluster node it never meets NOSCRIPT;
    Redis compiles it once and caches it by its hash."""
    pipe.eval(source("reclass"), 5, *_reclass_args(keys, psid, digest))


async def reclass_many(redis: Redis, keys: Keys, people: list[tuple[str, str]]) -> None:
    """Count (PSID, keyed hash) people again, one pipeline: each call atomic on its own. By
    SHA (loaded first: a sweep sends thousands, the source each time would cost more)."""
    if not people:
        return
    sha = str(await redis.script_load(source("reclass")))
    pipe = redis.pipeline(transaction=False)
    for psid, digest in people:
        pipe.evalsha(sha, 5, *_reclass_args(keys, psid, digest))
    await pipe.execute()


@dataclass(frozen=True, slots=True)
class Counted:
    """One class of people as counted: how many, and what the broadcast's side decides on."""

    kind: str  # one of CLASSES
    version: str
    language: str
    people: int


@dataclass
class Tally:
    """Every partition's counters merged."""

    counted: list[Counted] = field(default_factory=list)
    uncounted: int = 0  # in the people index, counted nowhere: no marketing consent
    suppressed_set: int = 0  # members of the suppression sets: every person erased
    unbuilt: list[int] = field(default_factory=list)  # partitions never swept

    def add(self, raw: Mapping[str, str], people: int, suppressed: int) -> None:
        grouped: Counter[tuple[str, str, str, str]] = Counter()
        for name, value in raw.items():
            if name == BUILT:
                continue
            kind, in_index, version, language = [*name.split("|", 3), "", "", ""][:4]
            grouped[kind, in_index, version, language] += int(value)
            people -= int(value) if in_index == "1" else 0
        self.counted.extend(Counted(k, v, lang, c) for (k, _, v, lang), c in grouped.items())
        self.uncounted += max(people, 0)
        self.suppressed_set += suppressed


async def read_tally(redis: Redis, keys: Keys) -> Tally:
    """Every partition's counters, index size and suppression set size: one pipeline."""
    pipe = redis.pipeline(transaction=False)
    for n in keys.every_partition:
        pipe.hgetall(keys.audience_counts(n))
        pipe.zcard(keys.users_index(n))
        pipe.scard(keys.suppressed(n))
    answers = await pipe.execute()
    tally = Tally()
    for n in keys.every_partition:
        raw, people, suppressed = answers[3 * n : 3 * n + 3]
        raw = cast(dict[str, str], raw)
        if BUILT not in raw:
            tally.unbuilt.append(n)
        tally.add(raw, int(people), int(suppressed))
    return tally


async def audience_size(redis: Redis, keys: Keys) -> int:
    """People in the marketing audience index, every partition's slice (ZCARDs, one pipeline)."""
    pipe = redis.pipeline(transaction=False)
    for n in keys.every_partition:
        pipe.zcard(keys.marketing_index(n))
    return sum(int(size) for size in await pipe.execute())


async def mark_built(redis: Redis, keys: Keys, n: int) -> None:
    await redis.hset(keys.audience_counts(n), BUILT, "1")
