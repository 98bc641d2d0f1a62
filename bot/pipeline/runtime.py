"""What a process runs beside its HTTP routes: the events stream it needs, the background
loops (stream consumer, broadcast sender, housekeeping), and whether it is ready."""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
from typing import TYPE_CHECKING

from redis.exceptions import RedisError

from bot.broadcast.sender import run_broadcasts
from bot.constants import CONSUMER_GROUP
from bot.pipeline.handler import Handler
from bot.pipeline.housekeeping import Housekeeper, run_housekeeping
from bot.pipeline.stream import ensure_group
from bot.pipeline.worker import Worker

if TYPE_CHECKING:
    from bot.services import Services


def consumer_name() -> str:
    """This process's name in the consumer group: unique per host and process."""
    return f"{socket.gethostname()}-{os.getpid()}"


async def prepare_stream(services: Services) -> None:
    """The events stream and its consumer group exist before the first event is taken in."""
    await ensure_group(services.redis, services.keys)


async def run_background(services: Services, stop: asyncio.Event, consumer: str) -> None:
    """Consume events, send broadcasts and keep house until `stop` is set."""
    worker = Worker(
        services.redis,
        services.keys,
        handle=Handler(services),
        metrics=services.metrics,
        name=consumer,
        seal=services.ingest.seal,
        scripts=services.scripts,
    )
    await asyncio.gather(
        worker.run(stop),
        run_broadcasts(services, stop),
        run_housekeeping(
            Housekeeper(services.redis, services.keys, scripts=services.scripts, owner=consumer),
            stop,
        ),
    )


async def readiness(services: Services) -> dict[str, bool]:
    """Whether Redis answers and the consumer group exists (both False when Redis is down)."""
    checks = {"redis": False, "consumer_group": False}
    with contextlib.suppress(RedisError):  # reported as not ready
        checks["redis"] = bool(await services.redis.ping())
        groups = await services.redis.xinfo_groups(services.keys.events)
        checks["consumer_group"] = any(g["name"] == CONSUMER_GROUP for g in groups)
    return checks
