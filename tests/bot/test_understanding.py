"""Understanding in the conversation (issue 11), end to end through signed webhooks: the
safety net that never loses a request in free words, small talk, traps, vague words and
two questions in one message."""

from __future__ import annotations

from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from bot.pipeline.replies import HUMAN, TO_STAFF
from bot.rights.operations import erase_person, requests
from bot.settings import Settings
from bot.texts import text
from tests.bot.test_questions import settled
from tests.helpers import joined, payloads
from webhook.app import create_app
from webhook.keys import SERVICES

Client = TestClient[Any, Any]
WORDS = "imam vprasanje glede podatkov mojega pokojnega oceta"


@pytest.fixture
async def client(settings: Settings, aiohttp_client: Any) -> Client:
    return await aiohttp_client(create_app(settings))


async def test_a_privacy_message_not_understood_can_be_passed_to_the_staff_in_its_words(
    client: Client,
) -> None:
    person = await settled(client, "p-net")
    offered = await person.say(WORDS)
    assert TO_STAFF in payloads(offered)
    assert WORDS not in str(payloads(offered))  # the words wait in the flow, not the button
    passed = await person.tap(TO_STAFF, "Predaj osebju")
    assert "Predano osebju za zasebnost" in joined(passed)
    store = requests(person.services)
    (record,) = await store.list("open")
    assert record.type == "question" and store.text_of(record) == WORDS
    raw = await person.services.redis.get(person.services.keys.dsar(record.id))
    assert "pokojnega" not in raw  # sealed at rest
    token = await client.app[SERVICES].admins.add("Petra", "admin")
    listed = await client.get("/admin/api/dsar", headers={"Authorization": f"Bearer {token}"})
    (shown,) = (await listed.json())["requests"]
    assert (shown["text"], shown["psid"]) == (WORDS, "p-net")
    await erase_person(person.services, "p-net", actor="person", role="person")
    assert store.text_of(await store.get(record.id)) == ""  # erased with the person


async def test_a_typed_yes_to_the_offer_passes_the_words(client: Client) -> None:
    person = await settled(client, "p-net-da")
    assert TO_STAFF in payloads(await person.say(WORDS))
    passed = await person.say("da")
    assert "Predano osebju za zasebnost" in joined(passed)
    (record,) = await requests(person.services).list("open")
    assert requests(person.services).text_of(record) == WORDS


async def test_an_off_topic_message_gets_no_offer_to_pass_it_on(client: Client) -> None:
    person = await settled(client, "p-net-off")
    replies = await person.say("kdaj imate odprto v nedeljo")
    assert TO_STAFF not in payloads(replies)


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("hvala", "Z veseljem"),
        ("adijo", "Lep dan še naprej"),
        ("si ti robot ali človek", "samodejni klepetalnik"),
        ("kako si kaj", "vedno pripravljen"),
    ],
)
async def test_small_talk_gets_a_short_warm_answer_not_the_menu(
    client: Client, said: str, expected: str
) -> None:
    person = await settled(client, f"p-talk-{len(said)}")
    replies = await person.say(said)
    assert expected in joined(replies)
    assert "Na to žal ne znam" not in joined(replies)


async def test_frustration_gets_a_calm_answer_and_the_offer_of_the_staff(client: Client) -> None:
    person = await settled(client, "p-angry")
    replies = await person.say("ti si neuporaben bedak")
    assert "Žal mi je" in joined(replies) and TO_STAFF in payloads(replies)
    # An angry emoji alone has no words for the staff to read: a person is offered instead.
    replies = await person.say("😡")
    assert "Žal mi je" in joined(replies)
    assert TO_STAFF not in payloads(replies) and HUMAN in payloads(replies)


async def test_deleting_a_photo_is_not_an_erasure(client: Client) -> None:
    person = await settled(client, "p-trap")
    replies = await person.say("izbriši fotografijo, ki sem vam jo poslala")
    assert "ERASE:yes" not in payloads(replies)
    assert await person.services.store.load("p-trap")  # still there
    assert TO_STAFF in payloads(replies)  # a photo is personal data: the staff can help


async def test_a_vague_word_asks_which_topic_was_meant(client: Client) -> None:
    person = await settled(client, "p-vague")
    replies = await person.say("podatki")
    assert text("did_you_mean", "sl") in joined(replies)
    assert 3 <= len([p for p in payloads(replies) if p.startswith("INTENT:")]) <= 4


async def test_a_long_message_with_two_questions_gets_both_answers(client: Client) -> None:
    person = await settled(client, "p-two")
    replies = await person.say(
        "Pozdravljeni, koliko časa hranite moje podatke? In komu jih posredujete? Lep pozdrav"
    )
    assert "kako dolgo hranimo" in joined(replies)  # retention (the policy is silent)
    assert "RAZKRITJE PODATKOV" in joined(replies)  # and third parties, with its section
