"""The admin API's first routes: bearer tokens, roles, the contract shape, the audit trail."""

from __future__ import annotations

from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from bot.settings import Settings
from tests.helpers import Person
from webhook.app import create_app
from webhook.keys import SERVICES

Client = TestClient[Any, Any]


@pytest.fixture
async def client(settings: Settings, aiohttp_client: Any) -> Client:
    return await aiohttp_client(create_app(settings))


async def tokens(client: Client) -> tuple[str, str]:
    admins = client.app[SERVICES].admins
    return await admins.add("Petra", "admin"), await admins.add("Marko", "marketing")


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.mark.parametrize(
    "header", [{}, {"Authorization": "Bearer pbt_nope"}, {"Authorization": "Basic x"}]
)
async def test_no_valid_token_is_401(client: Client, header: dict[str, str]) -> None:
    response = await client.get("/admin/api/users", headers=header)
    assert response.status == 401


async def test_marketing_cannot_read_personal_data_and_the_attempt_is_audited(
    client: Client,
) -> None:
    _, marketing = await tokens(client)
    await Person(client, "p-admin-1").say("zivjo")
    for path in ("/admin/api/users", "/admin/api/users/p-admin-1"):
        response = await client.get(path, headers=bearer(marketing))
        assert response.status == 403
        assert "p-admin-1" not in await response.text()
    audit = await client.app[SERVICES].audit.entries()
    assert {e["what"] for e in audit} >= {"refused: list users", "refused: read user"}
    assert all("p-admin-1" not in str(e) for e in audit)


async def test_an_admin_reads_a_person_in_the_contract_shape(client: Client) -> None:
    admin, _ = await tokens(client)
    nina = Person(client, "p-admin-2")
    nina.fake.profiles[nina.psid] = {"first_name": "Nina", "last_name": "Kos", "locale": "sl_SI"}
    await nina.say("zivjo")
    await nina.tap("CONSENT:profile:yes")
    await nina.tap("CONSENT:marketing:no")
    response = await client.get("/admin/api/users/p-admin-2", headers=bearer(admin))
    assert response.status == 200
    body = await response.json()
    assert body["psid"] == "p-admin-2" and body["language"] == "sl"
    assert body["profile"] == {
        "first_name": "Nina",
        "last_name": "Kos",
        "locale": "sl_SI",
        "timezone": None,
    }
    assert [c["purpose"] for c in body["consents"]] == ["profile", "marketing"]
    consent = body["consents"][0]
    assert set(consent) >= {
        "purpose",
        "decision",
        "policy",
        "policy_version",
        "language",
        "at",
        "evidence",
    }
    assert consent["at"].endswith("Z")
    assert body["marketing"]["subscribed"] is False and body["restricted"] is False
    audit = await client.app[SERVICES].audit.entries()
    read = next(e for e in audit if e["what"] == "read user")
    assert read["who"] == "Petra" and read["role"] == "admin"
    assert read["record"] == client.app[SERVICES].pseudonym("p-admin-2")


async def test_people_are_paged_with_a_cursor(client: Client) -> None:
    admin, _ = await tokens(client)
    for i in range(5):
        await Person(client, f"p-page-{i}").say("zivjo")
    first = await (await client.get("/admin/api/users?limit=3", headers=bearer(admin))).json()
    assert len(first["users"]) == 3 and first["next_cursor"]
    url = f"/admin/api/users?limit=3&cursor={first['next_cursor']}"
    second = await (await client.get(url, headers=bearer(admin))).json()
    seen = [u["psid"] for u in first["users"] + second["users"]]
    assert sorted(seen) == [f"p-page-{i}" for i in range(5)]
    bad = await client.get("/admin/api/users?limit=lots", headers=bearer(admin))
    assert bad.status == 400


async def test_an_unknown_person_is_404(client: Client) -> None:
    admin, _ = await tokens(client)
    response = await client.get("/admin/api/users/nobody", headers=bearer(admin))
    assert response.status == 404
