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
from bot.pipeline.stream import ensure_groups
from bot.pipeline.worker import Worker

if TYPE_CHECKING:
    from bot.services import Services


def consumer_name() -> str:
    """This process's name in the consumer group: unique per host and process."""
    return f"{socket.gethostname()}-{os.getpid()}"


async def prepare_stream(services: Services) -> None:
    """Every partition's events stream and its consumer group exist before the first event is
    taken in (a worker also creates its partitions' groups when it first leases them)."""
    await ensure_groups(services.redis, services.keys, services.keys.every_partition)


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
    pages = services.every_page()  # each Page sends its own broadcasts at its own pace
    await asyncio.gather(
        worker.run(stop),
        *(run_broadcasts(page, stop) for page in pages),
        *(
            run_housekeeping(
                Housekeeper(
                    page.redis,
                    page.keys,
                    scripts=page.scripts,
                    owner=consumer,
                    pseudonym=page.pseudonym,
                ),
                stop,
            )
            for page in pages
        ),
    )


async def readiness(services: Services) -> dict[str, bool]:
    """Whether Redis answers and every partition's stream has its consumer group (both False
    when Redis is down). One round trip: a pipeline of one XINFO per partition."""
    checks = {"redis": False, "consumer_group": False}
    with contextlib.suppress(RedisError):  # reported as not ready
        checks["redis"] = bool(await services.redis.ping())
        pipe = services.redis.pipeline(transaction=False)
        for n in services.keys.every_partition:
            pipe.xinfo_groups(services.keys.events(n))
        answers = await pipe.execute(raise_on_error=False)  # a missing stream: an error
        checks["consumer_group"] = all(
            not isinstance(groups, Exception) and any(g["name"] == CONSUMER_GROUP for g in groups)
            for groups in answers
        )
    return checks
