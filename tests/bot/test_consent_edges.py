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


async def test_after_stop_the_marketing_question_is_not_put_again(client: Client) -> None:
    person = Person(client, "p-stop-no-ask")
    person.fake.profiles[person.psid] = {"first_name": "Jan", "locale": "en_GB", "timezone": 1}
    await person.say("hello")
    await person.tap("CONSENT:profile:no", "No")  # the marketing question is open now
    await person.say("STOP")
    replies = await person.say("how long do you keep my data")
    assert "CONSENT:marketing:yes" not in payloads(replies)
    assert "news and offers" not in joined(replies)


async def test_after_a_restriction_no_consent_is_asked(client: Client) -> None:
    person = Person(client, "p-restricted-no-ask")
    person.fake.profiles[person.psid] = {"first_name": "Jan", "locale": "en_GB", "timezone": 1}
    await person.say("hello")  # the profile question is open
    await person.press("INTENT:object_processing")  # a tap of the intent restricts at once
    replies = await person.say("do you use cookies")
    assert not any(p.startswith("CONSENT:") for p in payloads(replies))


async def test_an_offer_to_ask_the_staff_stays_in_view(client: Client) -> None:
    person = Person(client, "p-ask-in-view")
    person.fake.profiles[person.psid] = {"first_name": "Jan", "locale": "en_GB", "timezone": 1}
    await person.say("hello")  # the profile question is open
    replies = await person.say("how long do you keep my data")
    # Quick replies show only under the last message: "ask here" must be that message.
    assert "ASK:retention" in [q["payload"] for q in replies[-1].get("quick_replies", [])]
    later = await person.say("what are my rights")
    assert "CONSENT:profile:yes" in payloads(later)  # the question waits for the next turn


async def test_a_yes_meant_for_an_answers_own_question_grants_nothing(client: Client) -> None:
    person = Person(client, "p-two-questions")
    person.fake.profiles[person.psid] = {"first_name": "Urska", "locale": "sl_SI", "timezone": 1}
    await person.say("zivjo")  # the profile question is open
    asked = await person.say("kva mate o men")  # "Želite videti, kaj hranimo prav o vas?"
    assert "CONSENT:profile:yes" not in payloads(asked)  # one question at a time
    await person.say("ja")
    assert (await person.services.store.load(person.psid)).consent("profile") is None


async def test_who_the_bot_is_comes_with_a_person_to_tap(client: Client) -> None:
    person = Person(client, "p-identity")
    person.fake.profiles[person.psid] = {"first_name": "Jan", "locale": "en_GB", "timezone": 1}
    await person.answer_consents("no", "no")
    replies = await person.say("r u a bot")
    # The answer says "I can pass your message to the privacy staff": the button is there.
    assert "staff" in joined(replies) and "INTENT:human_agent" in payloads(replies)


async def test_ya_answers_the_stop_question(client: Client) -> None:
    person = Person(client, "p-ya")
    person.fake.profiles[person.psid] = {"first_name": "Jan", "locale": "en_GB", "timezone": 1}
    await person.answer_consents("no", "yes")
    await person.say("stop spammin me")
    await person.say("ya")
    assert not (await person.services.store.load(person.psid)).subscribed
