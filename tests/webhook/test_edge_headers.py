"""Headers at the edge: admin API JSON is never cached; public pages get the console's CSP and
frame headers."""

from __future__ import annotations

from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from bot.rights.signed_request import make_signed_request
from bot.settings import Settings
from tests.helpers import APP_SECRET
from tests.webhook.console_helpers import add_user
from tests.webhook.test_deletion_callback import payload
from webhook.app import create_app

Client = TestClient[Any, Any]


@pytest.fixture
async def client(settings: Settings, aiohttp_client: Any) -> Client:
    return await aiohttp_client(create_app(settings, with_worker=False))


async def test_admin_api_json_is_not_stored_by_caches(client: Client) -> None:
    token = await add_user(client)
    response = await client.get("/admin/api/users", headers={"Authorization": f"Bearer {token}"})
    assert response.status == 200
    assert response.headers["Cache-Control"] == "no-store"


async def test_public_pages_cannot_be_framed_and_load_only_their_own_scripts(
    client: Client,
) -> None:
    answer = await client.post(
        "/meta/data-deletion",
        data={"signed_request": make_signed_request(payload(), APP_SECRET)},
    )
    code = (await answer.json())["confirmation_code"]
    for path in ("/policy", f"/meta/deletion-status?code={code}", "/simulator"):
        response = await client.get(path)
        assert response.status == 200, path
        assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"], path
        assert response.headers["X-Frame-Options"] == "DENY", path
