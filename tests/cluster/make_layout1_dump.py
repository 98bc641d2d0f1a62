"""Writes `layout1_dump.json`: data of the layout before partitions (layout version 1), made
by that release's own code. Run it from a checkout of that release (commit 3124d0b), e.g.
`cd /work/main && .venv/bin/python /path/to/tests/cluster/make_layout1_dump.py OUT.json`.

It starts a private Redis, lets three people talk to the bot through signed webhooks (Ana and
Bor give consents, Cene is erased), opens a request for Ana, then queues two events no worker
finishes (one delivered to a consumer that died, one never delivered), and dumps every key
(DUMP + PTTL) with what the test checks.
"""

from __future__ import annotations

import asyncio
import json
import sys
import tempfile
from pathlib import Path

from aiohttp.test_utils import TestClient, TestServer
from redis.asyncio import Redis

from bot.redis_server import EmbeddedRedis
from bot.rights.operations import requests
from tests.bot.test_rights import onboarded
from tests.conftest import make_settings
from tests.helpers import envelope, signed, text_event
from webhook.app import create_app
from webhook.keys import SERVICES

PREFIX = "fx"
ANA, BOR, CENE = "7100000000000001", "7100000000000002", "7100000000000003"


async def conversations(settings: object) -> dict[str, object]:
    client = TestClient(TestServer(create_app(settings)))  # type: ignore[arg-type]
    await client.start_server()
    try:
        await onboarded(client, ANA)
        bor = await onboarded(client, BOR, "en")
        await bor.tap("CONSENT:marketing:no")
        cene = await onboarded(client, CENE)
        await cene.say("izbrisi moje podatke")
        await cene.tap("ERASE:yes")
        services = client.app[SERVICES]
        record = await requests(services).open("rectify", psid=ANA, text="Priimek je Zagar")
        return {"request": record.id, "erased_hash": services.pseudonym(CENE)}
    finally:
        await client.close()


async def unfinished(settings: object) -> list[str]:
    """Two events the worker never finishes: the app runs without one."""
    client = TestClient(TestServer(create_app(settings, with_worker=False)))  # type: ignore[arg-type]
    await client.start_server()
    try:
        redis = client.app[SERVICES].redis
        mids = []
        for psid, text, deliver in ((BOR, "kje je moja pošta", True), (ANA, "zivjo", False)):
            event = text_event(psid, text)
            body = json.dumps(envelope(event)).encode()
            assert (await client.post("/webhook", data=body, headers=signed(body))).status == 200
            mids.append(event["message"]["mid"])
            if deliver:  # read by a consumer that then died: pending in the group (made by
                # the worker of the first app)
                await redis.xreadgroup("workers", "gone", {f"{PREFIX}:events": ">"}, count=1)
        return mids
    finally:
        await client.close()


async def dump(url: str) -> dict[str, dict[str, object]]:
    redis = Redis.from_url(url)
    out = {}
    async for key in redis.scan_iter(match=f"{PREFIX}:*"):
        out[key.decode()] = {"pttl": await redis.pttl(key), "dump": (await redis.dump(key)).hex()}
    await redis.aclose()
    return dict(sorted(out.items()))


async def made() -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        server = EmbeddedRedis(Path(tmp) / "redis", persistent=False)
        server.start()
        try:
            settings = make_settings(server.url, PREFIX, Path(tmp))
            facts = await conversations(settings)
            facts["unfinished_mids"] = await unfinished(settings)
            keys = await dump(server.url)
        finally:
            server.stop()
    facts |= {"prefix": PREFIX, "people": {"ana": ANA, "bor": BOR, "cene": CENE}}
    return {"made_by": "3124d0b", "facts": facts, "keys": keys}


if __name__ == "__main__":
    Path(sys.argv[1]).write_text(json.dumps(asyncio.run(made()), indent=1))
