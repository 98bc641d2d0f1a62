"""No plaintext personal data at rest: events are sealed at ingest, and after an erasure the
append-only file is rewritten within ERASURE_COMPACT_S, so no copy of the person stays on disk."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from redis.asyncio import Redis

from bot.keys import Keys
from bot.pipeline.events import Envelope
from bot.pipeline.housekeeping import Housekeeper
from bot.pipeline.ingest import enqueue, queue_items
from bot.redis_server import EmbeddedRedis
from bot.services import Services
from tests.bot.test_rights import URSKA
from tests.conftest import make_settings
from tests.helpers import Person, envelope, eventually, text_event
from webhook.app import create_app
from webhook.keys import SERVICES

pytestmark = pytest.mark.single_server("reads the embedded server's append-only files")

PSID = "4711000042"
TYPED = "Zofija Kovacic z Vrhnike"


def on_disk(directory: Path) -> bytes:
    return b"".join(p.read_bytes() for p in directory.glob("*.aof"))


async def test_after_an_erasure_and_the_compaction_the_files_hold_nothing_of_the_person(
    tmp_path: Path, prefix: str, aiohttp_client: Any
) -> None:
    server = EmbeddedRedis(tmp_path / "redis")  # append-only, as the app runs it
    server.start()
    try:
        settings = make_settings(server.url, prefix, tmp_path, erasure_compact_s=0.2)
        client = await aiohttp_client(create_app(settings))
        person = Person(client, PSID)
        person.fake.profiles[PSID] = {**URSKA, "locale": "sl_SI"}
        await person.say("zivjo")
        await person.tap("CONSENT:profile:yes")
        await person.say(TYPED)
        await sealed_at_ingest(client.app[SERVICES], prefix)
        assert PSID.encode() in on_disk(server.directory)  # e.g. in its keys' names
        await person.press("INTENT:erase")
        await person.tap("ERASE:yes")
        services = client.app[SERVICES]
        await services.redis.delete(services.keys.housekeeping_lease)  # as if another's lapsed
        await asyncio.sleep(0.2)
        keeper = Housekeeper(services.redis, services.keys, scripts=services.scripts, owner="test")
        await keeper.tick()
        await eventually(lambda: rewritten(services.redis), timeout=10)
        disk = on_disk(server.directory)
        for clue in (PSID, TYPED, URSKA["first_name"], URSKA["last_name"]):
            assert clue.encode() not in disk, clue
    finally:
        server.stop()


async def rewritten(redis: Redis) -> bool:
    info = await redis.info("persistence")
    return not info["aof_rewrite_in_progress"] and not info["aof_rewrite_scheduled"]


async def sealed_at_ingest(services: Services, prefix: str) -> None:
    """An event waiting in the stream names nobody and holds no typed text in clear."""
    keys = Keys(f"{prefix}-idle")  # a stream no worker reads
    queued, invalid = queue_items(Envelope.model_validate(envelope(text_event(PSID, TYPED))))
    await enqueue(services.redis, keys, queued, invalid=invalid, seal=services.ingest.seal)
    stream = keys.events(keys.partition(PSID))
    ((_, fields),) = await services.redis.xrange(stream)
    assert PSID not in str(fields) and TYPED not in str(fields)
    await services.redis.delete(stream, keys.inbox(PSID))
