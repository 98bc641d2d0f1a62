"""A person stored with an impossible time (by an older version) still shows, exports and
erases: readers never fail on a stored timestamp."""

from __future__ import annotations

from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from bot.rights.operations import erase_person
from bot.settings import Settings
from tests.helpers import next_ts, record_contact
from tests.webhook.console_helpers import seed_person, signed_in
from webhook.app import create_app
from webhook.keys import SERVICES

Client = TestClient[Any, Any]
FAR = 10**30  # what a body with timestamp 1e30 left behind before ingest checked it


@pytest.fixture
async def client(settings: Settings, aiohttp_client: Any) -> Client:
    return await aiohttp_client(create_app(settings, with_worker=False))


async def _stored_badly(client: Client, psid: str) -> None:
    services = client.app[SERVICES]
    await seed_person(services, psid, next_ts(), name=("Ana", "Novak"), marketing="granted")
    await record_contact(services, psid, FAR)
    await services.store.update(psid, {"mm:token": "tok", "mm:expiry": str(FAR)})


async def test_people_list_person_page_and_export_survive_an_impossible_time(
    client: Client,
) -> None:
    await _stored_badly(client, "p-far")
    token = await signed_in(client)
    headers = {"Authorization": f"Bearer {token}"}
    for path in ("/admin/api/users", "/admin/api/users/p-far", "/admin/api/users/p-far/export"):
        response = await client.get(path, headers=headers)
        assert response.status == 200, path
    for path in ("/admin/people", "/admin/people/p-far"):
        response = await client.get(path)
        assert response.status == 200, path
        assert "Ana" in await response.text()


async def test_erasure_by_api_and_by_the_cli_path_survive_an_impossible_time(
    client: Client,
) -> None:
    services = client.app[SERVICES]
    await _stored_badly(client, "p-far-api")
    await _stored_badly(client, "p-far-cli")
    token = await signed_in(client)
    erased = await client.delete(
        "/admin/api/users/p-far-api", headers={"Authorization": f"Bearer {token}"}
    )
    assert erased.status == 200
    await erase_person(services, "p-far-cli", actor="cli", role="admin")  # what the CLI runs
    assert not await services.redis.exists(services.keys.user("p-far-cli"))
