"""Breach mode end to end: switched on in the console, the bot answers with a notice only,
fetches no profile and takes no decisions; switched off, it works as before."""

from __future__ import annotations

import time
from typing import Any

import pytest

from bot.settings import Settings
from bot.staff.breach import BreachMode
from tests.helpers import Person, joined, post_events
from tests.webhook.console_helpers import Client, post_form, seed_person, signed_in
from webhook.app import create_app
from webhook.keys import SERVICES


@pytest.fixture
async def client(settings: Settings, aiohttp_client: Any) -> Client:
    client = await aiohttp_client(create_app(settings))
    await signed_in(client)
    return client


def graph_profile_reads(person: Person) -> int:
    return sum(1 for r in person.fake.requests if r.method == "GET" and person.psid in r.path)


async def switch(client: Client, on: bool) -> None:
    fields = {"on": "1", "confirm": "BREACH", "reason": "laptop stolen"} if on else {"on": "0"}
    response = await post_form(client, "/admin/breach", "/admin/breach", **fields)
    assert response.status == 303


async def test_in_breach_mode_every_message_gets_the_notice_and_nothing_else(
    client: Client,
) -> None:
    services = client.app[SERVICES]
    await switch(client, on=True)
    assert "ON since" in await (await client.get("/admin/breach")).text()
    assert "Breach mode is ON" in await (await client.get("/admin/")).text()
    new = Person(client, "p-breach-new")
    new.fake.profiles[new.psid] = {"first_name": "Eva", "last_name": "Zupan"}
    replies = await new.say("Zivjo, katere podatke zbirate?")
    assert len(replies) == 1 and "začasno izklopljen" in joined(replies)
    replies = await new.tap("CONSENT:profile:yes", "Da")  # a decision is not taken either
    assert len(replies) == 1 and "začasno izklopljen" in joined(replies)
    assert await new.press("GET_STARTED") and graph_profile_reads(new) == 0
    assert await services.consents.receipts(new.psid) == []
    english = Person(client, "p-breach-en")
    assert "paused for now" in joined(await english.say("Hello, what data do you keep?"))


async def test_switching_off_brings_the_bot_back_and_both_switches_are_audited(
    client: Client,
) -> None:
    services = client.app[SERVICES]
    await switch(client, on=True)
    await switch(client, on=False)
    assert not await BreachMode(services.redis, services.keys, services.audit).is_on()
    person = Person(client, "p-breach-after")
    replies = await person.say("Zivjo")
    assert "izklopljen" not in joined(replies) and "CONSENT:profile:yes" in str(replies)
    whats = [e["what"] for e in await services.audit.entries() if e["who"] == "Petra"]
    assert "breach mode on" in whats and "breach mode off" in whats


async def test_breach_mode_needs_the_typed_confirmation(client: Client) -> None:
    response = await post_form(client, "/admin/breach", "/admin/breach", on="1")
    assert response.status == 400
    services = client.app[SERVICES]
    assert not await services.redis.exists(services.keys.breach)


async def test_receipts_and_echoes_get_no_notice_in_breach_mode(client: Client) -> None:
    services = client.app[SERVICES]
    await BreachMode(services.redis, services.keys, services.audit).set(actor="t", role="admin")
    person = Person(client, "p-breach-read")
    read = {
        "sender": {"id": person.psid},
        "recipient": {"id": "1"},
        "timestamp": 1,
        "read": {"watermark": 1},
    }
    assert await post_events(client, read) == 200
    await person.say("hi")  # handled after the read receipt (same person, in order)
    assert len(person.fake.sent_to(person.psid)) == 1


async def test_a_due_profile_refresh_does_not_happen_in_breach_mode(client: Client) -> None:
    services = client.app[SERVICES]
    eva = Person(client, "p-breach-stale")
    eva.fake.profiles[eva.psid] = {"first_name": "Eva", "last_name": "Zupan"}
    await eva.say("zivjo")
    await eva.tap("CONSENT:profile:yes", "Da")
    assert graph_profile_reads(eva) == 1
    week_ago = str(int(time.time()) - 8 * 86400)  # the weekly refresh is due
    await services.redis.hset(services.keys.user(eva.psid), "profile_fetched_at", week_ago)
    await switch(client, on=True)
    replies = await eva.say("Kaj hranite o meni?")
    assert "začasno izklopljen" in joined(replies)
    assert graph_profile_reads(eva) == 1


async def test_stop_still_works_in_breach_mode_and_start_waits(client: Client) -> None:
    services = client.app[SERVICES]
    await seed_person(services, "p-breach-stop", int(time.time() * 1000), marketing="granted")
    assert await services.redis.zscore(
        services.keys.marketing_index(services.keys.partition("p-breach-stop")), "p-breach-stop"
    )
    await switch(client, on=True)
    person = Person(client, "p-breach-stop")
    assert "Odjavljeni ste" in joined(await person.say("STOP"))
    assert (
        await services.redis.zscore(
            services.keys.marketing_index(services.keys.partition(person.psid)), person.psid
        )
        is None
    )
    assert "začasno izklopljen" in joined(await person.say("START"))
    assert (
        await services.redis.zscore(
            services.keys.marketing_index(services.keys.partition(person.psid)), person.psid
        )
        is None
    )
