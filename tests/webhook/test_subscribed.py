"""One answer to "is this person subscribed?" on every screen: someone who refused marketing
(never said STOP, so the raw flag still reads "1") is not subscribed in the people list, its
filter, the person's page, the admin API or the broadcast audience."""

from __future__ import annotations

import re
import time
from typing import Any

import pytest

from bot.broadcast.audience import estimate
from bot.broadcast.spec import BroadcastSpec
from bot.settings import Settings
from tests.webhook.console_helpers import Client, seed_person, signed_in
from webhook.app import create_app
from webhook.keys import SERVICES


@pytest.fixture
async def client(settings: Settings, aiohttp_client: Any) -> Client:
    client = await aiohttp_client(create_app(settings, with_worker=False))
    await signed_in(client)
    return client


def row_of(html: str, psid: str) -> str:
    start = html.index(f'href="/admin/people/{psid}"')
    return html[start : html.index("</tr>", start)]


def subscribed_cell(html: str, psid: str) -> str:
    found = re.search(r'data-label="subscribed">(\w+)<', row_of(html, psid))
    assert found
    return found.group(1)


async def test_refusing_marketing_is_not_subscribed_anywhere(client: Client) -> None:
    services = client.app[SERVICES]
    now = int(time.time() * 1000)
    await seed_person(services, "refuser", now - 3000, name=("Rok", "Ne"), marketing="refused")
    await seed_person(services, "fan", now - 2000, name=("Ana", "Da"), marketing="granted")
    await seed_person(services, "stopper", now - 1000, name=("Eva", "Stop"), marketing="granted")
    await services.store.set_subscribed("stopper", False)

    listing = await (await client.get("/admin/people")).text()
    shown = {p: subscribed_cell(listing, p) for p in ("refuser", "fan", "stopper")}
    assert shown == {"refuser": "no", "fan": "yes", "stopper": "no"}

    only_yes = await (await client.get("/admin/people?subscribed=yes")).text()
    assert "Ana Da" in only_yes and "Rok Ne" not in only_yes and "Eva Stop" not in only_yes
    only_no = await (await client.get("/admin/people?subscribed=no")).text()
    assert "Rok Ne" in only_no and "Eva Stop" in only_no and "Ana Da" not in only_no

    page = await (await client.get("/admin/people/refuser")).text()
    assert "not subscribed" in page

    token = await services.admins.add("Api", "admin")
    headers = {"Authorization": f"Bearer {token}"}
    api = await (await client.get("/admin/api/users/refuser", headers=headers)).json()
    assert api["marketing"]["subscribed"] is False
    listed = await (await client.get("/admin/api/users", headers=headers)).json()
    by_psid = {u["psid"]: u["subscribed"] for u in listed["users"]}
    assert by_psid == {"refuser": False, "fan": True, "stopper": False}

    counts = await estimate(services, BroadcastSpec(text="-"), time.time())
    assert counts["audience"] == 1
    assert counts["skipped"]["no_consent"] == 1 and counts["skipped"]["unsubscribed"] == 1
