"""The open flow as stored: typed models that read and write the JSON the dict-based code
did, so a conversation open across an upgrade goes on; and the turn's language, decided
once, still follows the person where a router switches it."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from bot.pipeline.flows import ConsentFlow, EraseFlow, RectifyConfirm, parse_flow
from bot.settings import Settings
from tests.bot.test_rights import onboarded
from tests.helpers import Person, joined, payloads
from tests.webhook.console_helpers import Client
from webhook.app import create_app

_SEAL = "flow-value"  # the context a typed new value is sealed under in the flow


@pytest.fixture
async def client(settings: Settings, aiohttp_client: Any) -> Client:
    return await aiohttp_client(create_app(settings))


async def _write_old_flow(person: Person, flow: dict[str, str]) -> None:
    """A flow as the earlier code stored it: `json.dumps` of a plain dict."""
    services = person.services
    await services.redis.set(services.keys.flow(person.psid), json.dumps(flow), ex=1800)


def _with_question(old: str) -> re.Pattern[str]:
    """The old code's JSON, with the id of the question as sent (Send API's message_id)."""
    return re.compile(re.escape(old[:-1]) + r', "question": "m_fake\d+"\}')


async def _stored_flow(person: Person) -> str | None:
    services = person.services
    raw: str | None = await services.redis.get(services.keys.flow(person.psid))
    return raw


async def test_a_consent_question_stored_by_the_old_code_is_answered(client: Client) -> None:
    person = Person(client, "p-flow-old-consent")
    await person.say("zivjo")  # the profile question is open
    await _write_old_flow(person, {"name": "consent", "purpose": "marketing"})
    # The old flow holds no id of the question it asked: the question is put again first.
    assert "CONSENT:marketing:yes" in payloads(await person.say("da"))
    await person.say("da")
    user = await person.services.store.load(person.psid)
    assert user.consent("marketing") == "granted"
    assert user.consent("profile") is None


async def test_an_erasure_confirmation_stored_by_the_old_code_erases(client: Client) -> None:
    person = await onboarded(client, "p-flow-old-erase")
    await _write_old_flow(person, {"name": "erase"})
    assert "ERASE:yes" in payloads(await person.say("da"))
    assert "Izbrisano" in joined(await person.say("da"))
    assert not (await person.services.store.load(person.psid)).exists


async def test_a_correction_stored_by_the_old_code_is_applied(client: Client) -> None:
    person = await onboarded(client, "p-flow-old-rectify")
    sealed = person.services.store.cipher.encrypt("Ana-Marija", _SEAL)
    old = {"name": "rectify", "step": "confirm", "field": "first_name", "value": sealed}
    await _write_old_flow(person, old)
    assert "RECTIFY:yes" in payloads(await person.say("da"))
    assert "Popravljeno" in joined(await person.say("da"))
    assert (await person.services.store.load(person.psid)).get("profile:first_name") == (
        "Ana-Marija"
    )
    assert await _stored_flow(person) is None


async def test_each_step_stores_the_json_the_old_code_stored(client: Client) -> None:
    person = Person(client, "p-flow-shape")
    await person.say("zivjo")
    assert _with_question('{"name": "consent", "purpose": "profile"}').fullmatch(
        await _stored_flow(person) or ""
    )
    await person.tap("CONSENT:profile:yes")
    await person.tap("CONSENT:marketing:no")
    await person.press("INTENT:rectify")
    assert _with_question('{"name": "rectify", "step": "field"}').fullmatch(
        await _stored_flow(person) or ""
    )
    await person.tap("RECTIFY:last_name")
    expected = _with_question('{"name": "rectify", "step": "value", "field": "last_name"}')
    assert expected.fullmatch(await _stored_flow(person) or "")
    await person.say("Novak")
    stored = json.loads(await _stored_flow(person) or "{}")
    assert list(stored) == ["name", "step", "field", "value", "question"]
    assert person.services.store.cipher.decrypt(stored["value"], _SEAL) == "Novak"
    ttl = await person.services.redis.ttl(person.services.keys.flow(person.psid))
    assert 0 < ttl <= 1800
    await person.say("ne")
    await person.press("INTENT:erase")
    # "words" joined the erase flow (issue 11); code before it ignores the key.
    erase = _with_question('{"name": "erase", "words": ""}')
    assert erase.fullmatch(await _stored_flow(person) or "")


def test_flows_parse_by_name_and_step_ignoring_unknown_keys() -> None:
    assert parse_flow('{"name": "consent", "purpose": "profile"}') == ConsentFlow(purpose="profile")
    assert parse_flow('{"name": "erase", "later": 1}') == EraseFlow()
    confirm = parse_flow('{"name": "rectify", "step": "confirm", "field": "x", "value": "s"}')
    assert confirm == RectifyConfirm(field="x", value="s")


@pytest.mark.parametrize(
    "raw",
    [None, "", "not json", '{"name": "survey"}', '{"name": "consent", "purpose": "cookies"}'],
)
def test_an_unreadable_flow_is_no_flow(raw: str | None) -> None:
    assert parse_flow(raw) is None


async def test_a_language_tapped_during_consent_repeats_the_question_in_it(
    client: Client,
) -> None:
    person = Person(client, "p-flow-lang-tap")
    await person.say("zivjo")
    replies = await person.tap("LANG:en", "English")
    assert "Okay, let's continue in English." in joined(replies)
    assert "May I use your name" in joined(replies)
    assert [q["title"] for q in replies[-1]["quick_replies"]][:2] == ["Yes", "No"]


async def test_the_profile_locale_sets_the_language_of_the_next_question(
    client: Client,
) -> None:
    # Get Started, nothing typed yet: the locale is all there is to go by.
    person = Person(client, "p-flow-locale")
    person.fake.profiles[person.psid] = {"first_name": "Ana", "locale": "en_GB", "timezone": 1}
    await person.press("GET_STARTED")
    replies = await person.tap("CONSENT:profile:yes")
    assert "Thank you, Ana!" in joined(replies)
    assert "May we send you news and offers here?" in joined(replies)
    assert "CONSENT:marketing:yes" in payloads(replies)


async def test_the_language_someone_writes_in_wins_over_their_locale(client: Client) -> None:
    person = Person(client, "p-flow-writes")
    person.fake.profiles[person.psid] = {"first_name": "Ana", "locale": "sl_SI", "timezone": 1}
    await person.say("hi, do you sell my data to anyone?")
    replies = await person.tap("CONSENT:profile:yes")
    assert "Thank you, Ana!" in joined(replies)
    assert "May we send you news and offers here?" in joined(replies)
