"""Meta's data-deletion callback: verified, answered in Meta's shape, recorded, idempotent."""

from __future__ import annotations

import time
from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from bot.settings import Settings
from bot.signed_request import make_signed_request
from tests.helpers import APP_SECRET
from webhook.app import create_app
from webhook.keys import SERVICES

Client = TestClient[Any, Any]


@pytest.fixture
async def client(settings: Settings, aiohttp_client: Any) -> Client:
    return await aiohttp_client(create_app(settings))


def payload(**extra: Any) -> dict[str, Any]:
    now = int(time.time())
    return {"algorithm": "HMAC-SHA256", "issued_at": now, "expires": now + 3600,
            "user_id": "218471"} | extra  # fmt: skip


async def call(client: Client, signed: str) -> Any:
    return await client.post("/meta/data-deletion", data={"signed_request": signed})


async def test_a_genuine_callback_is_answered_recorded_and_explained(client: Client) -> None:
    response = await call(client, make_signed_request(payload(), APP_SECRET))
    assert response.status == 200
    body = await response.json()
    assert body["confirmation_code"].isalnum()
    assert body["url"].startswith("http://bot.test/meta/deletion-status?code=")
    code = body["confirmation_code"]
    page = await client.get("/meta/deletion-status", params={"code": code, "lang": "sl"})
    assert page.status == 200 and "ničesar izbrisati" in await page.text()
    english = await client.get("/meta/deletion-status", params={"code": code, "lang": "en"})
    assert "nothing to delete" in await english.text()
    services = client.app[SERVICES]
    open_ids = await services.redis.zrange(services.keys.dsar_due, 0, -1)
    assert len(open_ids) == 1  # it matched nobody: it stays open for the privacy staff


async def test_a_replayed_callback_gets_the_same_answer_and_changes_nothing(
    client: Client,
) -> None:
    signed = make_signed_request(payload(), APP_SECRET)
    first = await (await call(client, signed)).json()
    second = await (await call(client, signed)).json()
    assert first == second
    services = client.app[SERVICES]
    assert await services.redis.zcard(services.keys.dsar_due) == 1


@pytest.mark.parametrize(
    ("signed", "status"),
    [
        (make_signed_request(payload(), "not-our-secret"), 403),
        (make_signed_request(payload(expires=int(time.time()) - 10), APP_SECRET), 403),
        (make_signed_request(payload(algorithm="HMAC-MD5"), APP_SECRET), 400),
        (make_signed_request(payload(user_id=""), APP_SECRET), 400),
        ("no-dot-here", 400),
        ("!!!.???", 400),
        ("", 400),
    ],
)
async def test_forged_expired_or_malformed_requests_change_nothing(
    client: Client, signed: str, status: int
) -> None:
    response = await call(client, signed)
    assert response.status == status
    services = client.app[SERVICES]
    assert await services.redis.zcard(services.keys.dsar_due) == 0


async def test_an_unknown_status_code_is_404(client: Client) -> None:
    response = await client.get("/meta/deletion-status", params={"code": "abc123"})
    assert response.status == 404
