"""The broadcast safety catch: the compose form answers with a confirmation whose numbers
(now, later in quiet hours, never by reason) add up to everyone; nothing is sent until the
confirmation's own button; with Marketing Messages off the compose page says that only the
24-hour window reaches people."""

from __future__ import annotations

import re
import time
from typing import Any

import pytest

from bot.broadcast import actions as broadcast_admin
from bot.settings import Settings
from tests.webhook.console_helpers import Client, post_form, seed_person, signed_in, without_tokens
from webhook.app import create_app
from webhook.keys import SERVICES

PAGE = "/admin/marketing"


@pytest.fixture
async def client(settings: Settings, aiohttp_client: Any) -> Client:
    client = await aiohttp_client(create_app(settings, with_worker=False))
    services = client.app[SERVICES]
    now = int(time.time() * 1000)
    await seed_person(services, "c-in", now, name=("Ana", "Novak"), marketing="granted")
    await seed_person(services, "c-in2", now, marketing="granted")
    two_days_ago = now - 48 * 3600 * 1000
    await seed_person(services, "c-out", two_days_ago, marketing="granted")
    await seed_person(services, "c-no", now, marketing="refused")
    await signed_in(client, "marketing", "Marko")
    return client


def cell(html: str, cell_id: str) -> int:
    found = re.search(rf'id="{cell_id}">(?:<strong>)?(\d+)<', html)
    assert found, cell_id
    return int(found.group(1))


async def test_the_confirmation_adds_up_and_nothing_goes_before_it(client: Client) -> None:
    services = client.app[SERVICES]
    review = await post_form(client, PAGE, PAGE, text="Black Friday!", when="now")
    assert review.status == 200
    html = await review.text()
    now, later = cell(html, "c-now"), cell(html, "c-later")
    never = cell(html, "c-no_consent") + cell(html, "c-outside_window_no_token")
    assert cell(html, "c-total") == 4 == now + later + never
    assert never == 2 and "Black Friday!" in html and 'name="confirmed" value="1"' in html
    assert await broadcast_admin.recent(services, 5) == []  # not sent yet
    assert "Ana" not in without_tokens(html) and "c-in" not in without_tokens(html)

    sent = await post_form(client, PAGE, PAGE, text="Black Friday!", when="now", confirmed="1")
    assert sent.status == 303
    assert len(await broadcast_admin.recent(services, 5)) == 1


async def test_the_compose_page_says_only_the_window_reaches_people(client: Client) -> None:
    html = await (await client.get(PAGE)).text()
    assert 'id="window-only"' in html and "last 24 hours" in html
    assert "n-eligible_by_token" not in html  # no token route to count
