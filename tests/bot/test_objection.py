"""An objection typed in free words is asked back before anything is restricted or opened:
signed webhooks in, fake Graph out, real Redis."""

from __future__ import annotations

from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from bot.pipeline.outbox import deliver_or_hold
from bot.pipeline.replies import Reply
from bot.rights.operations import requests
from bot.settings import Settings
from tests.helpers import Person, joined, payloads
from webhook.app import create_app

Client = TestClient[Any, Any]


@pytest.fixture
async def client(settings: Settings, aiohttp_client: Any) -> Client:
    return await aiohttp_client(create_app(settings))


async def onboarded(client: Client, psid: str, lang: str) -> Person:
    person = Person(client, psid)
    locale = "sl_SI" if lang == "sl" else "en_GB"
    person.fake.profiles[psid] = {"first_name": "Ana", "locale": locale, "timezone": 1}
    await person.say("zivjo" if lang == "sl" else "hello there")
    await person.tap("CONSENT:profile:yes")
    await person.tap("CONSENT:marketing:yes")
    return person


async def _state(person: Person) -> tuple[bool, list[str]]:
    """Whether processing is restricted, and the person's objection requests."""
    services = person.services
    user = await services.store.load(person.psid)
    kinds = [r.type for r in await requests(services).for_person(person.psid)]
    return user.restricted, [kind for kind in kinds if kind == "object"]


async def test_a_typed_objection_asks_first_and_a_no_changes_nothing(client: Client) -> None:
    person = await onboarded(client, "p-obj-no", "sl")
    asked = await person.say("ugovarjam obdelavi mojih podatkov za trženje")
    assert "Naj nehamo uporabljati vaše podatke za trženje?" in joined(asked)
    assert payloads(asked) == ["OBJECT:yes", "OBJECT:no"]
    assert await _state(person) == (False, [])
    kept = await person.say("ne")
    assert "nič se ne spremeni" in joined(kept)
    assert await _state(person) == (False, [])
    assert (await person.services.store.load(person.psid)).subscribed


async def test_a_typed_yes_restricts_and_opens_the_request(client: Client) -> None:
    person = await onboarded(client, "p-obj-yes", "sl")
    await person.say("prosim, omejite obdelavo mojih osebnih podatkov")
    assert await _state(person) == (False, [])
    done = await person.say("da")
    assert "omejil" in joined(done)
    assert await _state(person) == (True, ["object"])
    # The staff see the objection as it was written, not an empty request.
    store = requests(person.services)
    (record,) = await store.for_person(person.psid)
    assert store.text_of(record) == "prosim, omejite obdelavo mojih osebnih podatkov"


async def test_an_objection_to_direct_marketing_is_followed_at_once(client: Client) -> None:
    # GDPR Art. 21(3): no review, no restriction of everything "while the staff look".
    person = await onboarded(client, "p-obj-en", "en")
    asked = await person.say("I object to you using my data for marketing")
    assert "stop using your data for marketing" in joined(asked)
    assert "Art. 21(3)" in joined(asked) and "while" not in joined(asked)
    assert await _state(person) == (False, [])
    done = await person.tap("OBJECT:yes", "Yes")
    assert "no longer use your data for marketing" in joined(done)
    services = person.services
    assert not (await services.store.load(person.psid)).restricted  # only marketing stops
    partition = services.keys.partition(person.psid)
    assert (
        await services.redis.zscore(services.keys.marketing_index(partition), person.psid) is None
    )
    store = requests(services)
    (record,) = await store.for_person(person.psid)
    assert (record.type, record.status) == ("object", "done")
    assert store.text_of(record) == "I object to you using my data for marketing"


async def test_a_tapped_yes_in_english_names_what_is_restricted(client: Client) -> None:
    person = await onboarded(client, "p-obj-prof", "en")
    asked = await person.say("I object to the profiling of my personal data")
    assert "Shall I restrict the use of your data for profiling while" in joined(asked)
    assert await _state(person) == (False, [])
    done = await person.tap("OBJECT:yes", "Yes")
    assert "Processing restricted" in joined(done)
    assert await _state(person) == (True, ["object"])


async def test_moving_on_abandons_the_question(client: Client) -> None:
    """Something else typed while the question waits drops it: a later "yes" is not an
    objection."""
    person = await onboarded(client, "p-obj-away", "en")
    await person.say("Please restrict the processing of my personal data")
    await person.say("how long do you keep my data?")
    await person.say("yes")
    assert await _state(person) == (False, [])


async def test_a_yes_after_something_else_was_said_asks_again_instead_of_restricting(
    client: Client,
) -> None:
    person = await onboarded(client, "p-obj-stale", "sl")
    await person.say("ugovarjam profiliranju mojih podatkov")
    # The bot says something else (a staff outcome): the question is no longer on screen.
    await deliver_or_hold(person.services, person.psid, Reply("Vaša zahteva je rešena."))
    again = await person.say("da")
    assert "Naj omejim uporabo vaših podatkov za profiliranje, dokler" in joined(again)
    assert await _state(person) == (False, [])
    await person.say("da")  # now it is the current question
    assert await _state(person) == (True, ["object"])
