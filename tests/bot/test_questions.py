"""Policy questions through the bot: answers name their section, off-topic gets the menu,
a person who switches language is answered in the language they wrote in."""

from __future__ import annotations

from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from bot.settings import Settings
from tests.helpers import Person, joined, payloads, text_event
from tests.partitions import zmembers_all
from webhook.app import create_app

Client = TestClient[Any, Any]


@pytest.fixture
async def client(settings: Settings, aiohttp_client: Any) -> Client:
    return await aiohttp_client(create_app(settings))


async def settled(client: Client, psid: str) -> Person:
    person = Person(client, psid)
    await person.say("zivjo")
    await person.tap("CONSENT:profile:no")
    await person.tap("CONSENT:marketing:no")
    return person


async def test_a_policy_answer_names_its_section_and_offers_related_topics(client: Client) -> None:
    person = await settled(client, "p-q-section")
    replies = await person.say("komu posredujete moje podatke")
    assert "Vir: politika zasebnosti, razdelek »RAZKRITJE PODATKOV«" in joined(replies)
    assert 2 <= len(payloads(replies[-1:])) <= 4


async def test_where_the_policy_is_silent_the_answer_says_so_and_the_staff_can_be_asked(
    client: Client,
) -> None:
    person = await settled(client, "p-q-silent")
    replies = await person.say("koliko casa hranite moje podatke")
    assert "Politika ne pove" in joined(replies) and "Vir:" not in joined(replies)
    assert "ASK:retention" in payloads(replies)
    recorded = await person.tap("ASK:retention", "Vprašaj osebje")
    assert "zabeleženo" in joined(recorded)
    open_ids = await zmembers_all(
        person.services.redis, person.services.keys, person.services.keys.dsar_due
    )
    assert len(open_ids) == 1


async def test_off_topic_gets_the_menu_not_a_guess(client: Client) -> None:
    person = await settled(client, "p-q-off")
    replies = await person.say("kaksno bo vreme jutri v ljubljani")
    assert "Na to žal ne znam" in joined(replies)
    assert "INTENT:policy_overview" in payloads(replies)
    # And a next step for what the bot does not cover: a person from the staff, first.
    assert "Pogovor z osebo" in joined(replies)
    assert payloads(replies[-1:])[0] == "INTENT:human_agent"


async def test_a_person_writing_in_english_is_answered_in_english(client: Client) -> None:
    person = await settled(client, "p-q-switch")
    replies = await person.say("how long do you keep my data?")
    assert "Source: privacy policy" in joined(replies) or "policy" in joined(replies).lower()
    assert "Vir:" not in joined(replies)


async def test_a_first_message_of_unclear_language_is_understood_in_the_one_it_fits(
    client: Client,
) -> None:
    # "yo" is no word of any language's function words; read in Slovene it was nothing.
    replies = await Person(client, "p-q-yo").say("yo")
    assert "Hi! I'm the automated assistant" in joined(replies)
    assert "Pozdravljeni" not in joined(replies) and "Na to žal ne znam" not in joined(replies)


@pytest.mark.parametrize(
    ("said", "unclear"),
    [
        ("kaj?", "nisem bil dovolj jasen"),
        ("ne razumem", "nisem bil dovolj jasen"),
        ("what??", "I wasn't clear"),
        ("?", "nisem bil dovolj jasen"),
        ("🤔", "nisem bil dovolj jasen"),
    ],
)
async def test_a_puzzled_what_after_an_answer_is_no_off_topic_question(
    client: Client, said: str, unclear: str
) -> None:
    person = await settled(client, f"p-q-what-{len(said)}-{said[0]}")
    await person.say("komu posredujete moje podatke")
    replies = await person.say(said)
    assert unclear in joined(replies) and "Na to žal ne znam" not in joined(replies)
    assert payloads(replies[-1:])[0] == "INTENT:human_agent"


@pytest.mark.parametrize("emoji", ["👍", "🙏🏻", "🤬🤬🤬"])
async def test_emoji_alone_get_small_talk_not_the_menu(client: Client, emoji: str) -> None:
    person = await settled(client, f"p-q-emoji-{len(emoji)}")
    replies = await person.say(emoji)
    assert "Na to žal ne znam" not in joined(replies)
    assert "INTENT:policy_overview" not in payloads(replies)


async def test_the_like_button_is_a_nod_not_an_attachment(client: Client) -> None:
    person = await settled(client, "p-q-like")
    like = text_event(person.psid, "")
    like["message"] = {
        "mid": "m_like_1",
        "sticker_id": 369239263222822,
        "attachments": [{"type": "sticker", "payload": {"sticker_id": 369239263222822}}],
    }
    replies = await person.send(like)
    assert replies and "Priponk ne berem" not in joined(replies)


async def test_the_policy_overview_gives_the_link_to_the_whole_policy(client: Client) -> None:
    person = await settled(client, "p-q-overview")
    replies = await person.say("kje lahko preberem celotno politiko zasebnosti")
    assert "/policy" in joined(replies)
    assert payloads(replies[-1:])  # its topics stay with the last bubble


@pytest.mark.parametrize("said", ["ja", "ne"])
async def test_a_yes_or_no_with_nothing_open_is_a_nod(client: Client, said: str) -> None:
    person = await settled(client, f"p-q-nod-{said}")
    replies = await person.say(said)
    assert replies and "Na to žal ne znam" not in joined(replies)
