"""Redis going away mid-traffic: the edge answers 503 so Meta retries; nothing is lost."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.redis_server import EmbeddedRedis
from tests.conftest import make_settings
from tests.helpers import envelope, eventually, signed, text_event
from tests.webhook.console_helpers import add_user
from webhook.app import create_app
from webhook.keys import SERVICES

pytestmark = pytest.mark.single_server("stops and restarts its own embedded Redis")


@pytest.fixture
def own_redis(tmp_path: Path) -> Iterator[EmbeddedRedis]:
    server = EmbeddedRedis(tmp_path / "redis", persistent=True)
    server.start()
    yield server
    server.stop()


async def test_redis_down_means_503_and_the_retry_is_handled_once(
    own_redis: EmbeddedRedis, tmp_path: Path, aiohttp_client: Any
) -> None:
    settings = make_settings(own_redis.url, "outage", tmp_path)
    client = await aiohttp_client(create_app(settings))
    services = client.app[SERVICES]
    fake = services.fake_graph
    assert fake is not None
    body = json.dumps(envelope(text_event("p-outage", "zdravo"))).encode()

    own_redis.stop()
    refused = await client.post("/webhook", data=body, headers=signed(body))
    assert refused.status == 503
    assert "Traceback" not in await refused.text()
    ready = await client.get("/readyz")
    assert ready.status == 503

    own_redis.start()

    async def loaded() -> bool:  # while Redis loads its AOF, 503 is the right answer too
        return (await client.get("/readyz")).status == 200

    await eventually(loaded, timeout=10)
    accepted = await client.post("/webhook", data=body, headers=signed(body))
    assert accepted.status == 200
    await eventually(lambda: bool(fake.sent_to("p-outage")), timeout=10)
    await eventually(
        lambda: services.metrics.events_handled.labels(kind="message")._value.get() == 1
    )
    handled_once = len(fake.sent_to("p-outage"))
    again = await client.post("/webhook", data=body, headers=signed(body))  # Meta retries too
    assert again.status == 200
    await eventually(lambda: services.metrics.events_duplicate._value.get() == 1, timeout=10)
    assert len(fake.sent_to("p-outage")) == handled_once


async def test_an_outage_log_line_names_the_route_not_the_person(
    own_redis: EmbeddedRedis, tmp_path: Path, aiohttp_client: Any, caplog: pytest.LogCaptureFixture
) -> None:
    client = await aiohttp_client(create_app(make_settings(own_redis.url, "logs", tmp_path)))
    token = await add_user(client, "admin", "Petra")
    own_redis.stop()
    try:
        answer = await client.get(
            "/admin/api/users/7215550001234567", headers={"Authorization": f"Bearer {token}"}
        )
    finally:
        own_redis.start()
    assert answer.status == 503
    assert "/admin/api/users/{psid}" in caplog.text
    assert "7215550001234567" not in caplog.text
