"""A restart does not walk everyone: the erasure journal is replayed from a checkpoint, so a
second start-up with a non-empty journal sends no command per stored person."""

from __future__ import annotations

import time

from redis.asyncio import Redis

from bot.rights.operations import eraser
from bot.services import open_services
from bot.settings import Settings
from tests.webhook.console_helpers import seed_person

PEOPLE = 300


async def calls(redis: Redis, *commands: str) -> int:
    """How many times the server ran these commands since it started (all clients)."""
    stats = await redis.info("commandstats")
    return sum(int(stats.get(f"cmdstat_{name}", {}).get("calls", 0)) for name in commands)


async def test_a_second_start_up_walks_nobody(settings: Settings, redis: Redis) -> None:
    now = int(time.time() * 1000)
    async with open_services(settings) as services:
        for n in range(PEOPLE):
            await seed_person(services, f"p-walk-{n}", now)
        await eraser(services).erase("p-walk-0")
    assert (settings.var_dir / "erasure-journal.jsonl").read_text().strip()

    walked = ("zscan", "hget", "exists")
    before = await calls(redis, *walked)
    async with open_services(settings) as services:
        assert await services.redis.exists(services.keys.user("p-walk-1"))
    assert await calls(redis, *walked) - before < 10  # not one per person (300)
    assert not await redis.exists(f"{settings.redis_prefix}:user:{{p-walk-0}}")
