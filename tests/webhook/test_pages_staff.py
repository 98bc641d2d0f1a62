"""Staff per Page: a user of one Page never sees or changes another Page's people, requests,
audit or broadcasts; a broadcast reaches only its own Page's audience."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient
from redis.asyncio import Redis

from bot.settings import Settings
from tests.bot.broadcast_support import Clock, add_people
from tests.conftest import make_settings
from tests.helpers import Person, eventually
from tests.webhook.pages_support import BTC, INFO, page_view, write_pages
from webhook.app import create_app
from webhook.keys import SERVICES

Client = TestClient[Any, Any]


@pytest.fixture
async def client(
    redis_url: str, prefix: str, tmp_path: Path, redis: Redis, aiohttp_client: Any
) -> Client:
    settings: Settings = make_settings(
        redis_url, prefix, tmp_path, pages_file=write_pages(tmp_path)
    )
    return await aiohttp_client(create_app(settings))


async def bearer(client: Client, role: str, *pages: str) -> dict[str, str]:
    admins = client.app[SERVICES].admins
    token = await admins.add(f"{role}-{'-'.join(pages)}", role, pages)  # type: ignore[arg-type]
    return {"Authorization": f"Bearer {token}"}


PERSON_ROUTES = [
    ("GET", "/admin/api/users/psid-ana"),
    ("GET", "/admin/api/users/psid-ana/export"),
    ("DELETE", "/admin/api/users/psid-ana"),
]


async def test_a_user_of_one_page_never_sees_another_pages_people(
    client: Client, tmp_path: Path
) -> None:
    await Person(client, "psid-ana", page=BTC).answer_consents("yes", "no")
    info_admin = await bearer(client, "admin", INFO)
    listed = await (await client.get("/admin/api/users", headers=info_admin)).json()
    assert "psid-ana" not in str(listed)
    for method, path in PERSON_ROUTES:
        own = await client.request(method, path, headers=info_admin)
        assert own.status == 404, path  # not a person of their Page
        other = await client.request(method, f"{path}?page={BTC}", headers=info_admin)
        assert other.status == 403, path
    for path in ("/admin/api/dsar", "/admin/api/audit", "/admin/api/broadcasts"):
        assert (await client.get(f"{path}?page={BTC}", headers=info_admin)).status == 403
    btc_admin = await bearer(client, "admin", BTC)
    mine = await client.get("/admin/api/users/psid-ana", headers=btc_admin)
    assert mine.status == 200 and (await mine.json())["psid"] == "psid-ana"
    audit = await (await client.get("/admin/api/audit", headers=btc_admin)).json()
    assert audit["entries"][0]["page"] == BTC
    assert any(
        e["what"] == "refused: read user" and e["who"] == "admin-" + INFO for e in audit["entries"]
    )
    erased = await client.delete("/admin/api/users/psid-ana", headers=btc_admin)
    assert erased.status == 200
    assert (tmp_path / f"erasure-journal.{BTC}.jsonl").exists()  # replayed for BTC at start


async def test_a_user_of_every_page_picks_one_with_the_page_parameter(client: Client) -> None:
    await Person(client, "psid-ivan", page=INFO).say("здравейте")
    everyone = await bearer(client, "admin")
    default = await (await client.get("/admin/api/users", headers=everyone)).json()
    assert "psid-ivan" not in str(default)  # the first Page of the file
    info = await (await client.get(f"/admin/api/users?page={INFO}", headers=everyone)).json()
    assert "psid-ivan" in str(info)
    assert (await client.get("/admin/api/users?page=999", headers=everyone)).status == 404


async def test_a_broadcast_reaches_only_its_pages_audience(client: Client) -> None:
    clock = Clock(time.time())
    on_btc = await add_people(page_view(client, BTC), clock, 3, "btc", **_noon())
    on_info = await add_people(page_view(client, INFO), clock, 3, "info", language="bg", **_noon())
    marketing = await bearer(client, "marketing", BTC)
    made = await client.post("/admin/api/broadcasts", json={"text": "Akcija!"}, headers=marketing)
    assert made.status == 202, await made.text()
    created = await made.json()
    assert created["audience"] == 3

    async def done() -> bool:
        view = await client.get(f"/admin/api/broadcasts/{created['id']}", headers=marketing)
        return bool((await view.json())["status"] == "done")

    await eventually(done, timeout=15)
    fake = page_view(client, BTC).fake_graph
    assert fake is not None
    assert all(fake.sent_to(psid) for psid in on_btc)
    assert not any(fake.sent_to(psid) for psid in on_info)
    other = await bearer(client, "marketing", INFO)
    seen = await client.get(f"/admin/api/broadcasts/{created['id']}", headers=other)
    assert seen.status == 404


def _noon() -> dict[str, str]:
    """A profile time zone in which it is about noon now (no quiet hours)."""
    return {"profile:timezone": str(12 - dt.datetime.now(dt.UTC).hour)}
