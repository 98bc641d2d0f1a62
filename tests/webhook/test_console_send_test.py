""" "Send a test to me": a staff member links their own chat once with a one-time code typed
to the bot, then the broadcast confirmation sends the message to that chat only, counted in
no broadcast and written to the audit log."""

from __future__ import annotations

import re
import time
from typing import Any

import pytest

from bot.broadcast import actions as broadcast_admin
from bot.settings import Settings
from bot.texts.catalog import catalogue
from tests.helpers import Person
from tests.webhook.console_helpers import Client, post_form, seed_person, signed_in
from webhook.app import create_app
from webhook.keys import SERVICES

PAGE = "/admin/marketing"
LINKED = set(catalogue()["staff_linked"].values())


@pytest.fixture
async def client(settings: Settings, aiohttp_client: Any) -> Client:
    client = await aiohttp_client(create_app(settings))
    services = client.app[SERVICES]
    now = int(time.time() * 1000)
    await seed_person(services, "t-in", now, marketing="granted")
    await signed_in(client, "marketing", "Marko")
    return client


async def link_code(client: Client) -> str:
    answer = await post_form(client, f"{PAGE}/link", PAGE)
    assert answer.status == 200
    found = re.search(r'id="code">(PB-[A-Z0-9]{8})<', await answer.text())
    assert found
    return found.group(1)


async def audited(client: Client, what: str) -> list[dict[str, Any]]:
    return [e for e in await client.app[SERVICES].audit.entries() if e["what"] == what]


async def test_linking_once_then_a_test_reaches_only_the_staff_chat(client: Client) -> None:
    services = client.app[SERVICES]
    assert 'id="link-button"' in await (await client.get(PAGE)).text()
    code = await link_code(client)
    me = Person(client, "staff-marko")
    linked = await me.say(code.lower())  # typed on a phone: any case
    assert linked[0]["text"] in LINKED  # (then, for someone new, the open consent question)
    assert await services.admins.linked_psid("Marko") == "staff-marko"
    [entry] = await audited(client, "link own Messenger chat")
    assert entry["who"] == "Marko" and entry["record"] == services.pseudonym("staff-marko")

    # The code works once: someone else typing it links nothing.
    stranger = Person(client, "stranger")
    assert not LINKED & {m.get("text") for m in await stranger.say(code)}
    assert await services.admins.linked_psid("Marko") == "staff-marko"

    review = await post_form(client, PAGE, PAGE, text="Black Friday!", when="now")
    assert 'id="send-test"' in await review.text()
    tested = await post_form(client, f"{PAGE}/test", PAGE, text="Black Friday!", when="now")
    html = await tested.text()
    assert tested.status == 200 and 'id="test-sent"' in html and 'id="confirm-send"' in html
    assert me.fake.sent_to("staff-marko")[-1]["message"]["text"] == "Black Friday!"
    assert me.fake.sent_to("t-in") == []  # the audience gets nothing
    assert await broadcast_admin.recent(services, 5) == []  # no broadcast, nothing counted
    [sent] = await audited(client, "send broadcast test: sent")
    assert sent["who"] == "Marko"


async def test_without_a_linked_chat_no_test_goes_anywhere(client: Client) -> None:
    review = await post_form(client, PAGE, PAGE, text="Hello", when="now")
    html = await review.text()
    assert 'id="test-not-linked"' in html and 'id="send-test"' not in html
    before = client.app[SERVICES].fake_graph.calls  # type: ignore[union-attr]
    tested = await post_form(client, f"{PAGE}/test", PAGE, text="Hello", when="now")
    assert tested.status == 200 and 'id="test-sent"' not in await tested.text()
    assert client.app[SERVICES].fake_graph.calls == before  # type: ignore[union-attr]


async def test_an_expired_or_unknown_code_is_an_ordinary_message(client: Client) -> None:
    person = Person(client, "p-not-staff")
    replies = await person.say("PB-ABCDEFGH")
    assert replies and not LINKED & {m.get("text") for m in replies}  # answered as usual
    assert await client.app[SERVICES].admins.linked_psid("Marko") == ""
