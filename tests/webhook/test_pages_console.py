"""The console with many Pages: a user of one Page sees none of another Page's people on any
page; the switcher offers only the user's Pages and keeps the choice."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient
from redis.asyncio import Redis

from tests.conftest import make_settings
from tests.helpers import Person
from tests.webhook.console_helpers import sign_in
from tests.webhook.pages_support import BTC, INFO, write_pages
from webhook.app import create_app
from webhook.keys import SERVICES

Client = TestClient[Any, Any]

CONSOLE_PAGES = [
    "/admin/",
    "/admin/people",
    "/admin/people?q=psid-ana",
    "/admin/people/psid-ana",
    "/admin/people/psid-ana/export",
    "/admin/people/psid-ana/erase",
    "/admin/requests",
    "/admin/requests/register.csv",
    "/admin/audit",
    "/admin/marketing",
]


@pytest.fixture
async def client(
    redis_url: str, prefix: str, tmp_path: Path, redis: Redis, aiohttp_client: Any
) -> Client:
    settings = make_settings(redis_url, prefix, tmp_path, pages_file=write_pages(tmp_path))
    return await aiohttp_client(create_app(settings))


async def _sign_in(client: Client, name: str, *pages: str) -> None:
    token = await client.app[SERVICES].admins.add(name, "admin", pages)
    assert (await sign_in(client, token)).status == 303


async def test_no_console_page_shows_another_pages_people(client: Client) -> None:
    await Person(client, "psid-ana", page=BTC).answer_consents("yes", "no")
    await _sign_in(client, "Ivana", INFO)
    for path in CONSOLE_PAGES:
        response = await client.get(path)
        text = await response.text()
        assert 'href="/admin/people/psid-ana' not in text, path  # no row, no link to her
        assert BTC not in text, path  # not even offered in the switcher
        if path.startswith("/admin/people/"):
            assert response.status == 404, path
    asked = await client.get(f"/admin/people/psid-ana?page={BTC}")
    assert asked.status == 403


async def test_the_switcher_changes_the_page_and_keeps_the_choice(client: Client) -> None:
    await Person(client, "psid-ana", page=BTC).answer_consents("yes", "no")
    await _sign_in(client, "Petra")  # every Page
    first = await (await client.get("/admin/")).text()
    assert f'value="{INFO}"' in first and f'value="{BTC}"' in first
    await client.get(f"/admin/?page={INFO}")
    assert (await client.get("/admin/people/psid-ana")).status == 404  # still on INFO
    await client.get(f"/admin/?page={BTC}")
    assert (await client.get("/admin/people/psid-ana")).status == 200


async def test_the_pages_own_admin_finds_the_person_in_the_list(client: Client) -> None:
    await Person(client, "psid-ana", page=BTC).answer_consents("yes", "no")
    await _sign_in(client, "Bojan", BTC)
    listed = await (await client.get("/admin/people")).text()
    assert 'href="/admin/people/psid-ana' in listed
