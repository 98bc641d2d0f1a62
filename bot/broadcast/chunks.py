"""One chunk of a partition's audience (or of its people outside it), as the sender, the dry
run's sample and the recount read it: a ZSCAN step, then the people's fields
(scan_audience.lua, every hash declared, all in the partition's slot), their suppression and,
when sending, their outcomes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from bot.broadcast.rules import USER_FIELDS, Verdict

if TYPE_CHECKING:
    from bot.services import Services

BUCKETS = ("eligible_in_window", "eligible_by_token", "quiet_hours")


@dataclass(frozen=True, slots=True)
class Candidate:
    psid: str
    digest: str  # keyed hash of the PSID: the only name the broadcast's records use
    fields: dict[str, str | None]
    suppressed: bool
    outcome: str | None = None


Rows = list[list[str]]  # per person: the PSID, then USER_FIELDS
Chunk = tuple[Rows, list[str], list[bool], list[str]]  # rows, digests, suppressed, outcomes


async def partition_chunk(
    services: Services,
    n: int,
    cursor: int,
    count: int,
    outcomes_key: str | None = None,
    *,
    mode: str = "0",
) -> tuple[int, Chunk]:
    """One ZSCAN step of partition n's audience (mode "0": everyone in it; "2": those whose
    hash is held) or, with mode "1", of its people outside the audience: the next cursor
    (0: the partition is done) and the chunk."""
    keys, redis = services.keys, services.redis
    scanned = keys.users_index(n) if mode == "1" else keys.marketing_index(n)
    cursor, pairs = cast(
        tuple[int, list[tuple[str, float]]], await redis.zscan(scanned, cursor, count=count)
    )
    members = [psid for psid, _ in pairs]
    if not members:
        return int(cursor), ([], [], [], [])
    user_keys = [keys.user(psid) for psid in members]
    args: list[str | int] = [mode, len(USER_FIELDS), *USER_FIELDS, *members]
    packed = await services.scripts.scan_audience(
        keys=[keys.marketing_index(n), *user_keys], args=args
    )
    rows = [row.split("\x1f") for row in str(packed).split("\x1e")] if packed else []
    if not rows:
        return int(cursor), ([], [], [], [])
    digests = [services.pseudonym(row[0]) for row in rows]
    pipe = redis.pipeline(transaction=False)  # two single keys, in their own slots
    pipe.smismember(keys.suppressed(n), digests)
    if outcomes_key:
        pipe.hmget(outcomes_key, digests)
    marks = await pipe.execute()
    flags = [bool(flag) for flag in marks[0]]
    outcomes = [o or "" for o in marks[1]] if outcomes_key else [""] * len(rows)
    return int(cursor), (rows, digests, flags, outcomes)


def fields_of(row: list[str]) -> dict[str, str | None]:
    """An absent field comes back empty; the rules treat "" as absent."""
    return dict(zip(USER_FIELDS, row[1:], strict=True))


def classify(verdict: Verdict) -> str:
    """One dry-run bucket per person."""
    if verdict.route is None:
        return verdict.reason or "no_consent"
    if verdict.wait_until is not None:
        return "quiet_hours"
    return "eligible_in_window" if verdict.route == "window" else "eligible_by_token"
