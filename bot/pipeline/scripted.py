"""Several Lua calls (and plain commands) in one round trip: a non-transactional pipeline of
EVALSHA, each call atomic on its own.

redis-py's own way (`script(keys, args, client=pipe)`) asks SCRIPT EXISTS before every such
pipeline: a second round trip each time. Here the pipeline sends EVALSHA straight away; a server
that lost its scripts (a restart, a failover, a cluster node that never loaded them) answers
NOSCRIPT for those calls alone, having run nothing of them: they are loaded and sent again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from redis.asyncio import Redis
from redis.asyncio.client import Pipeline
from redis.commands.core import AsyncScript
from redis.exceptions import NoScriptError

Call = tuple[AsyncScript, Sequence[str], Sequence[str | int]]


async def run_scripts(
    redis: Redis,
    calls: Sequence[Call],
    *,
    first: Callable[[Pipeline], None] | None = None,
) -> tuple[list[Any], list[Any]]:
    """(answers of `first`, answers of `calls`, in order). `first` queues plain commands sent
    before the scripts in the same round trip, e.g. reading a flag kept in another slot. Errors
    raise once every call has run; one call's error leaves the others' work done (each call
    stands alone)."""
    pipe = redis.pipeline(transaction=False)
    if first is not None:
        first(pipe)
    before = len(pipe)
    for script, keys, args in calls:
        pipe.evalsha(script.sha, len(keys), *keys, *args)
    answers: list[Any] = await pipe.execute(raise_on_error=False)
    plain, scripted = answers[:before], answers[before:]
    missing = [i for i, answer in enumerate(scripted) if isinstance(answer, NoScriptError)]
    if missing:
        again = await _load_and_run(redis, [calls[i] for i in missing])
        for index, answer in zip(missing, again, strict=True):
            scripted[index] = answer
    for answer in (*plain, *scripted):
        if isinstance(answer, Exception):
            raise answer
    return plain, scripted


async def _load_and_run(redis: Redis, calls: Sequence[Call]) -> list[Any]:
    for script in {id(script): script for script, _, _ in calls}.values():
        await redis.script_load(script.script)
    pipe = redis.pipeline(transaction=False)
    for script, keys, args in calls:
        pipe.evalsha(script.sha, len(keys), *keys, *args)
    return list(await pipe.execute(raise_on_error=False))
