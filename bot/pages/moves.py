"""Moving the one-Page layout's keys under the adopting Page (bot/pages/upgrade.py).

A person's keys and their entries in the people, audience and name indexes go to the
partition the Page gives them. The audience counts are dropped (counted again on the next dry
run, bot/audience_counts.py). Erasure marks name a keyed hash, not a PSID, so their new
partition cannot be told: the erasure times go to every partition (an event of an erased
person is dropped wherever they now live), the suppression set and journal keep their
partition number, as requests and their due dates do.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any, cast

from redis.asyncio import Redis
from redis.asyncio.client import Pipeline

from bot.keys import Keys

_PARTITIONED = re.compile(r"\{p(\d+)\}:(.*)")
Members = dict[int, dict[str, float]]


def _user_suffixes(keys: Keys) -> list[str]:
    """What follows a PSID in a person's keys ("" for their hash), longest first."""
    head = keys.user("x")
    return sorted((key[len(head) :] for key in keys.user_keys("x")), key=len, reverse=True)


def _person(tail: str, suffixes: list[str]) -> tuple[str, str]:
    """`user:<psid><suffix>` -> (psid, suffix)."""
    rest = tail.removeprefix("user:")
    for suffix in suffixes:
        if suffix and rest.endswith(suffix):
            return rest[: -len(suffix)], suffix
    return rest, ""


async def move_keys(redis: Redis, old: Keys, new: Keys, batch: list[str]) -> None:
    suffixes = _user_suffixes(old)
    plain: list[tuple[str, str]] = []  # key -> its new name, value moved as it is
    merged: list[tuple[str, str, str]] = []  # key, kind, name term (regrouped by member)
    dropped: list[str] = []
    for key in batch:
        rest = key[len(old.prefix) + 1 :]
        found = _PARTITIONED.fullmatch(rest)
        if found is None:
            plain.append((key, new.own + key[len(old.prefix) :]))
            continue
        n, tail = int(found[1]), found[2]
        if tail.startswith("user:"):
            psid, suffix = _person(tail, suffixes)
            plain.append((key, new.user(psid) + suffix))
        elif tail in ("idx:users", "idx:marketing", "erased_at"):
            merged.append((key, tail, ""))
        elif tail.startswith("idx:name:"):
            merged.append((key, "name", tail.removeprefix("idx:name:")))
        elif tail == "idx:counts":
            dropped.append(key)
        else:  # suppressed, erasures, a request and the due dates: the same partition
            plain.append((key, f"{new.own_part(n)}:{tail}"))
    await _dump_restore(redis, plain)
    await _regroup(redis, new, merged)
    if dropped:
        pipe = redis.pipeline(transaction=False)
        for key in dropped:
            pipe.delete(key)
        await pipe.execute()


async def _dump_restore(redis: Redis, moves: list[tuple[str, str]]) -> None:
    """Each key's value and time to live, restored under its new name, then the old gone."""
    if not moves:
        return
    pipe = redis.pipeline(transaction=False)
    for key, _ in moves:
        pipe.dump(key)
        pipe.pttl(key)
    found = await pipe.execute()
    pipe = redis.pipeline(transaction=False)
    for (key, target), value, ttl in zip(moves, found[::2], found[1::2], strict=True):
        if value is not None:
            pipe.restore(target, max(int(ttl), 0), value, replace=True)
            pipe.delete(key)
    await pipe.execute()


async def _regroup(redis: Redis, new: Keys, merged: list[tuple[str, str, str]]) -> None:
    """Index entries to the partition of their PSID; erasure times to every partition."""
    if not merged:
        return
    pipe = redis.pipeline(transaction=False)
    for key, kind, _ in merged:
        if kind == "name":
            pipe.smembers(key)
        elif kind == "erased_at":
            pipe.hgetall(key)
        else:
            pipe.zrange(key, 0, -1, withscores=True)
    found = await pipe.execute()
    pipe = redis.pipeline(transaction=False)
    for (key, kind, term), value in zip(merged, found, strict=True):
        _stage_regrouped(pipe, new, kind, term, value)
        pipe.delete(key)
    await pipe.execute()


def _stage_regrouped(pipe: Pipeline, new: Keys, kind: str, term: str, value: Any) -> None:
    if kind == "erased_at":
        for n in new.every_partition if value else ():
            pipe.hset(new.erased_at(n), mapping=value)
    elif kind == "name":
        for n, psids in _by_partition(new, list(value)).items():
            pipe.sadd(new.name_index(n, term), *psids)
    else:
        scored: Members = defaultdict(dict)
        for psid, score in value:
            scored[new.partition(psid)][psid] = score
        for part, members in scored.items():
            index = new.users_index(part) if kind == "idx:users" else new.marketing_index(part)
            pipe.zadd(index, cast(Any, members))


def _by_partition(keys: Keys, psids: list[str]) -> dict[int, list[str]]:
    grouped: dict[int, list[str]] = defaultdict(list)
    for psid in psids:
        grouped[keys.partition(psid)].append(psid)
    return grouped
