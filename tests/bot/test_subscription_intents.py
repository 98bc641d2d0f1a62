"""Promotional messages change only when the person clearly asks, end to end: a typed
request is asked back first ("Stop promotional messages? Yes / No"), a bare STOP acts at
once, and sentences about buses, brake lights or events never change anything."""

from __future__ import annotations

from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from bot.routers.actions import KEEP_SUBSCRIPTION
from bot.settings import Settings
from tests.conftest import make_settings
from tests.helpers import Person, joined, payloads
from tests.intents.near_misses import NOT_RESUBSCRIBE, NOT_UNSUBSCRIBE
from webhook.app import create_app

Client = TestClient[Any, Any]
GREETING = {"sl": "zivjo", "en": "hello there", "bg": "здравейте", "ro": "buna ziua"}


@pytest.fixture
async def client(settings: Settings, aiohttp_client: Any) -> Client:
    return await aiohttp_client(create_app(settings))


async def subscribed(client: Client, psid: str, lang: str) -> Person:
    """Someone who said hello in `lang`, chose it, and allowed marketing."""
    person = Person(client, psid)
    await person.say(GREETING[lang])
    await person.tap("CONSENT:profile:no")
    await person.tap("CONSENT:marketing:yes")
    await person.tap(f"LANG:{lang}")
    assert await is_subscribed(person)
    return person


async def is_subscribed(person: Person) -> bool:
    return (await person.services.store.load(person.psid)).subscribed


async def test_a_typed_request_to_stop_is_asked_back_and_yes_unsubscribes(client: Client) -> None:
    person = await subscribed(client, "p-sub-yes", "sl")
    asked = await person.say("prosim, nehajte mi pošiljati reklame")
    assert "promocijskih sporočil?" in joined(asked)
    assert payloads(asked) == ["INTENT:unsubscribe", KEEP_SUBSCRIPTION]
    assert await is_subscribed(person)  # nothing changes before the tap
    done = await person.tap("INTENT:unsubscribe", "Da")
    assert "Odjavljeni ste" in joined(done)
    assert not await is_subscribed(person)


async def test_no_keeps_promotional_messages_as_they_are(client: Client) -> None:
    person = await subscribed(client, "p-sub-no", "en")
    asked = await person.say("cancel my subscription")
    assert "Stop promotional messages?" in joined(asked)
    kept = await person.tap(KEEP_SUBSCRIPTION, "No")
    assert "nothing changes" in joined(kept)
    assert await is_subscribed(person)


async def test_a_typed_request_to_start_again_is_asked_back_too(client: Client) -> None:
    person = await subscribed(client, "p-sub-again", "en")
    assert "unsubscribed" in joined(await person.say("STOP"))  # a bare STOP acts at once
    assert not await is_subscribed(person)
    asked = await person.say("i'd like to get your offers again")
    assert "promotional messages again?" in joined(asked)
    assert not await is_subscribed(person)
    done = await person.tap("INTENT:resubscribe", "Yes")
    assert "on again" in joined(done)
    assert await is_subscribed(person)


async def test_asking_for_offers_while_they_come_says_so(client: Client) -> None:
    # Before: "Get promotional messages again?" to someone who gets them.
    person = await subscribed(client, "p-sub-on", "en")
    replies = await person.say("am i subscribed now?")
    assert "You're subscribed" in joined(replies) and "STOP" in joined(replies)
    assert "INTENT:resubscribe" not in payloads(replies)


@pytest.mark.parametrize(
    ("pack", "lang"), [("btc", "sl"), ("btc", "en"), ("infopartner", "bg"), ("registratura", "ro")]
)
async def test_near_misses_never_change_promotional_messages(
    pack: str,
    lang: str,
    redis: Any,
    redis_url: str,
    prefix: str,
    tmp_path: Any,
    aiohttp_client: Any,
) -> None:  # `redis` removes the test's keys afterwards
    app = create_app(make_settings(redis_url, prefix, tmp_path, policy_pack=pack))
    client = await aiohttp_client(app)
    person = await subscribed(client, f"p-near-{pack}-{lang}", lang)
    for sentence in NOT_UNSUBSCRIBE[lang]:
        replies = await person.say(sentence)
        assert KEEP_SUBSCRIPTION not in payloads(replies), sentence  # not even asked
        assert await is_subscribed(person), sentence
    await person.say("STOP")
    for sentence in NOT_RESUBSCRIBE[lang]:
        replies = await person.say(sentence)
        assert KEEP_SUBSCRIPTION not in payloads(replies), sentence
        assert not await is_subscribed(person), sentence


async def test_a_typed_yes_to_stop_the_messages_is_no_consent_to_the_profile(
    client: Client,
) -> None:
    # The consent question is still open when the person asks to stop the ads.
    person = Person(client, "p-sub-open-consent")
    await person.say("zivjo")
    asked = await person.say("nocem vec nobenih reklam, jih lahko ustavite?")
    assert "promocijskih sporočil?" in asked[-1]["text"]  # the last bubble: its own buttons
    assert payloads(asked[-1:]) == ["INTENT:unsubscribe", KEEP_SUBSCRIPTION]
    done = await person.say("da")
    assert "Odjavljeni ste" in joined(done)
    user = await person.services.store.load(person.psid)
    assert user.consent("profile") is None  # the "da" was not about the profile
    assert not [r for r in person.fake.requests if r.method == "GET"]  # no profile fetched


async def test_a_typed_no_keeps_the_messages(client: Client) -> None:
    person = await subscribed(client, "p-sub-typed-no", "en")
    asked = await person.say("please stop sending me your offers")
    assert payloads(asked[-1:]) == ["INTENT:unsubscribe", KEEP_SUBSCRIPTION]
    kept = await person.say("no thanks")
    assert "nothing changes" in joined(kept)
    assert await is_subscribed(person)
