"""Consent receipts are evidence: they record the language the question was asked and
answered in, even when the fetched profile then switches the conversation's language."""

from __future__ import annotations

from typing import Any

import pytest

from bot.settings import Settings
from tests.helpers import Person, joined, payloads
from tests.webhook.console_helpers import Client
from webhook.app import create_app


@pytest.fixture
async def client(settings: Settings, aiohttp_client: Any) -> Client:
    return await aiohttp_client(create_app(settings))


async def test_the_receipt_keeps_the_language_consent_was_given_in(client: Client) -> None:
    person = Person(client, "p-receipt-lang")
    person.fake.profiles[person.psid] = {"first_name": "Bob", "locale": "sl_SI", "timezone": 1}
    asked = await person.say("Hello, what data do you collect about me?")
    assert "CONSENT:profile:yes" in payloads(asked)
    assert "may I use" in joined(asked).lower() or "your name" in joined(asked).lower()
    await person.tap("CONSENT:profile:yes", "Yes")
    receipts = await person.services.consents.receipts(person.psid)
    assert [(r.purpose, r.language) for r in receipts] == [("profile", "en")]
    # He writes in English: that wins over his Slovene Facebook locale.
    assert (await person.services.store.load(person.psid)).language == "en"


async def test_someone_who_said_no_can_say_yes_later(client: Client) -> None:
    person = Person(client, "p-regrant")
    person.fake.profiles[person.psid] = {"first_name": "Ana", "locale": "sl_SI", "timezone": 1}
    await person.answer_consents("no", "yes")
    offered = await person.say("zelim dati soglasje")
    options = payloads(offered)
    # Nothing is withdrawn on a vague "consent": the person picks what to change.
    assert "CONSENT:profile:yes" in options and "WITHDRAW:marketing" in options
    assert (await person.services.store.load(person.psid)).consent("marketing") == "granted"
    await person.tap("CONSENT:profile:yes", "Dovoli profil")
    user = await person.services.store.load(person.psid)
    assert user.consent("profile") == "granted"
    assert (user.profile() or {}).get("first_name") == "Ana"


async def test_with_nothing_granted_the_answer_offers_to_give_consent(client: Client) -> None:
    person = Person(client, "p-none-granted")
    await person.answer_consents("no", "no")
    replies = await person.say("preklici soglasje")
    options = payloads(replies)
    assert "ni česa preklicati" in joined(replies)
    assert {"CONSENT:profile:yes", "CONSENT:marketing:yes"} <= set(options)


async def test_hello_greets_by_first_name_only_with_profile_consent(client: Client) -> None:
    ana = Person(client, "p-greet-ana")
    ana.fake.profiles[ana.psid] = {"first_name": "Ana", "locale": "sl_SI", "timezone": 1}
    await ana.answer_consents("yes", "no")
    assert joined(await ana.say("zivjo")).startswith("Pozdravljeni, Ana!")
    bor = Person(client, "p-greet-bor")
    bor.fake.profiles[bor.psid] = {"first_name": "Bor", "locale": "sl_SI", "timezone": 1}
    await bor.answer_consents("no", "no")
    assert joined(await bor.say("zivjo")).startswith("Pozdravljeni! ")
