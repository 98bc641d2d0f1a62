"""Events that are not the person talking to us: echoes of the Page's own messages, receipts,
and `standby` items (another app, a human agent, owns the thread). None of them may speak
for the person (a human agent typing "STOP" in Page Inbox must not unsubscribe them), create
them, bring them back after an erasure, or make us answer."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest

from bot.settings import Settings
from tests.bot.test_rights import onboarded
from tests.helpers import (
    PAGE_ID,
    Person,
    eventually,
    joined,
    post_events,
    seen_key,
    signed,
    text_event,
)
from tests.webhook.console_helpers import Client, seed_person
from webhook.app import create_app
from webhook.keys import SERVICES


@pytest.fixture
async def client(settings: Settings, aiohttp_client: Any) -> Client:
    return await aiohttp_client(create_app(settings))


def echo(psid: str, text: str) -> dict[str, Any]:
    event = text_event(PAGE_ID, text)
    event["recipient"] = {"id": psid}
    event["message"]["is_echo"] = True
    return event


def delivery(psid: str) -> dict[str, Any]:
    return {
        "sender": {"id": psid},
        "recipient": {"id": PAGE_ID},
        "timestamp": int(time.time() * 1000) + 5,
        "delivery": {"mids": ["m_x"], "watermark": 1},
    }


async def handled(person: Person, event: dict[str, Any]) -> None:
    key = seen_key(person.services.keys, event)
    await eventually(lambda: person.services.redis.exists(key))


async def in_standby(person: Person, text: str) -> list[dict[str, Any]]:
    """The person writes while a human agent's app owns the thread: Meta sends `standby[]`."""
    event = text_event(person.psid, text)
    entry = {"id": PAGE_ID, "time": int(time.time() * 1000), "standby": [event]}
    body = json.dumps({"object": "page", "entry": [entry]}).encode()
    before = len(person.fake.sent_to(person.psid))
    assert (await person.client.post("/webhook", data=body, headers=signed(body))).status == 200
    await handled(person, event)
    return person.fake.sent_to(person.psid)[before:]


async def test_the_echo_of_our_own_words_does_not_choose_the_language(client: Client) -> None:
    person = Person(client, "p-echo-lang")
    await person.press("GET_STARTED")
    # Meta echoes what the Page sent: the bot's Slovene, or staff typing in Page Inbox.
    staff = echo(person.psid, "Pozdravljeni, kako vam lahko pomagam pri vasih podatkih?")
    assert await post_events(client, staff) == 200
    await handled(person, staff)
    assert (await person.services.store.load(person.psid)).language is None
    replies = await person.say("Hello, what data do you collect about me?")
    assert "Source:" in joined(replies) or "policy" in joined(replies).lower()
    assert "Vir:" not in joined(replies)
    assert (await person.services.store.load(person.psid)).language == "en"


async def test_a_blocked_reply_does_not_run_the_event_again(client: Client) -> None:
    person = Person(client, "p-blocked")
    await person.say("zivjo")
    person.fake.fail_next("551", 3)  # the person blocked the Page meanwhile
    await person.tap("CONSENT:profile:no", "Ne")
    receipts = await person.services.consents.receipts(person.psid)
    assert [r.decision for r in receipts] == ["refused"]
    assert await person.services.redis.xlen(person.services.keys.dead_letters) == 0


async def test_receipts_and_echoes_do_not_bring_an_erased_person_back(
    client: Client, prefix: str
) -> None:
    person = await onboarded(client, "p-echo-erased")
    await person.say("izbrisi moje podatke")
    done = await person.tap("ERASE:yes")
    for event in (echo(person.psid, joined(done)), delivery(person.psid)):
        assert await post_events(client, event) == 200
        await handled(person, event)
    redis = person.services.redis
    assert not await redis.exists(person.services.keys.user(person.psid))
    index = person.services.keys.users_index(person.services.keys.partition(person.psid))
    assert await redis.zscore(index, person.psid) is None


async def test_a_receipt_about_someone_unknown_stores_nothing(client: Client) -> None:
    person = Person(client, "p-never-wrote")
    event = delivery(person.psid)
    assert await post_events(client, event) == 200
    await handled(person, event)
    assert not await person.services.redis.exists(person.services.keys.user(person.psid))


async def test_in_standby_the_bot_answers_nothing_and_decides_nothing(client: Client) -> None:
    person = Person(client, "p-standby")
    await person.say("zivjo")  # asked for profile consent
    assert await in_standby(person, "da") == []  # said to the human agent, not to us
    assert await person.services.consents.receipts(person.psid) == []


async def test_stop_in_standby_is_honoured_silently(client: Client) -> None:
    person = await onboarded(client, "p-standby-stop")
    services = person.services
    index = services.keys.marketing_index(services.keys.partition(person.psid))
    assert await services.redis.zscore(index, person.psid)
    assert await in_standby(person, "STOP") == []
    assert await services.redis.zscore(index, person.psid) is None


async def test_a_refusers_receipts_expire_with_them_not_before(client: Client) -> None:
    person = Person(client, "p-ttl-both")
    await person.answer_consents("no", "no")
    keys, redis = person.services.keys, person.services.redis
    await redis.expire(keys.consents(person.psid), 60)  # as if weeks had passed
    await person.say("kaj zbirate")  # a new contact renews both
    assert await redis.ttl(keys.consents(person.psid)) > 60
    assert (
        abs(await redis.ttl(keys.consents(person.psid)) - await redis.ttl(keys.user(person.psid)))
        <= 1
    )


@pytest.mark.parametrize("breach", [False, True])
async def test_an_echoed_stop_does_not_unsubscribe_the_person(client: Client, breach: bool) -> None:
    services = client.app[SERVICES]
    psid = f"p-echo-stop-{breach}"
    await seed_person(services, psid, int(time.time() * 1000), marketing="granted")
    if breach:
        await services.redis.set(services.keys.breach, "1")
    handled = services.metrics.events_handled.labels(kind="echo")
    before = handled._value.get()
    assert await post_events(client, echo(psid, "STOP")) == 200
    await eventually(lambda: handled._value.get() > before)
    index = services.keys.marketing_index(services.keys.partition(psid))
    assert await services.redis.zscore(index, psid) is not None
    assert await services.redis.hget(services.keys.user(psid), "subscribed") != "0"
    assert Person(client, psid).fake.sent_to(psid) == []
