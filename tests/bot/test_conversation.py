"""Conversations that hold together (issue 12), end to end: signed webhooks in, the fake
Graph out, a real Redis in between; in Slovene (btc) and Bulgarian (infopartner)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from bot.consent.flow import typed_answer
from bot.pipeline.outbox import deliver_or_hold
from bot.pipeline.replies import Reply
from bot.rights.operations import requests
from bot.settings import Settings
from bot.texts import text
from bot.texts.dates import human_date
from tests.conftest import make_settings
from tests.helpers import Person, joined, payloads, text_event
from webhook.app import create_app

Client = TestClient[Any, Any]
URSKA = {"first_name": "Tester", "last_name": "Testni", "locale": "sl_SI", "timezone": 1}
MARIA = {"first_name": "Мария", "last_name": "Петрова", "locale": "bg_BG", "timezone": 2}


@pytest.fixture
async def client(settings: Settings, aiohttp_client: Any) -> Client:
    return await aiohttp_client(create_app(settings))


@pytest.fixture
async def bg_client(redis_url: str, prefix: str, tmp_path: Path, aiohttp_client: Any) -> Client:
    settings = make_settings(redis_url, prefix, tmp_path, policy_pack="infopartner")
    return await aiohttp_client(create_app(settings))


def asked(messages: list[dict[str, Any]], purpose: str) -> bool:
    """The last bubble is the consent question for `purpose`, with its buttons."""
    return f"CONSENT:{purpose}:yes" in payloads(messages[-1:])


async def test_a_yes_after_something_else_was_said_asks_again_instead_of_consenting(
    client: Client,
) -> None:
    ana = Person(client, "c-sl-stale")
    assert asked(await ana.say("zivjo"), "profile")
    # An unrelated question: answered, and the open question is put again after it (an
    # answer that offers to ask the staff, or asks its own question, leaves it for later).
    replies = await ana.say("komu posredujete moje podatke?")
    assert "BTC" in joined(replies) and asked(replies, "profile")
    # The bot then says something else (a staff outcome reaching the person): the
    # question is no longer the last thing on screen, so "ja" is not consent.
    await deliver_or_hold(ana.services, ana.psid, Reply("Vaša zahteva je rešena."))
    again = await ana.say("ja")
    assert asked(again, "profile")
    assert (await ana.services.store.load(ana.psid)).consent("profile") is None
    assert not [r for r in ana.fake.requests if r.method == "GET"]  # no profile fetched
    # Now the question is current again: the same word decides.
    await ana.say("ja")
    assert (await ana.services.store.load(ana.psid)).consent("profile") == "granted"


async def test_did_you_mean_keeps_its_choices_while_consent_is_open(client: Client) -> None:
    ana = Person(client, "c-sl-choices")
    await ana.say("zivjo")
    # "my data" alone: the bot asks which topic, and those topics are the last bubble's
    # buttons (Messenger shows quick replies of the last message only).
    replies = await ana.say("moji podatki")
    assert replies[-1]["text"] == text("did_you_mean", "sl")
    assert payloads(replies[-1:]) and all(p.startswith("INTENT:") for p in payloads(replies))
    # The consent question is not lost: the next answer ends with it again.
    assert asked(await ana.say("za kaj uporabljate moje podatke"), "profile")


async def test_a_no_after_something_else_was_said_refuses_at_once(client: Client) -> None:
    ana = Person(client, "c-sl-stale-no")
    await ana.say("zivjo")
    await ana.say("komu posredujete moje podatke?")
    await deliver_or_hold(ana.services, ana.psid, Reply("Vaša zahteva je rešena."))
    # Not the last thing said, but a no is safe to take: nothing is allowed by it.
    replies = await ana.say("ne")
    assert (await ana.services.store.load(ana.psid)).consent("profile") == "refused"
    assert asked(replies, "marketing")  # on to the next question, not the same one again


@pytest.mark.parametrize("nod", ["ok", "ok hvala", "okej"])
async def test_a_nod_is_no_consent(client: Client, nod: str) -> None:
    ana = Person(client, f"c-sl-nod-{nod.replace(' ', '-')}")
    await ana.say("zivjo")
    replies = await ana.say(nod)
    assert (await ana.services.store.load(ana.psid)).consent("profile") is None
    assert "Da bo zagotovo prav" in joined(replies) and asked(replies, "profile")
    assert not [r for r in ana.fake.requests if r.method == "GET"]  # no profile fetched


async def test_a_typed_answer_to_the_current_question_keeps_both_ids_as_evidence(
    client: Client,
) -> None:
    ana = Person(client, "c-sl-evidence")
    await ana.say("zivjo")
    flow = await ana.services.redis.get(ana.services.keys.flow(ana.psid))
    question_id = json.loads(flow)["question"]
    assert question_id.startswith("m_fake")  # what the Send API answered for the question
    await ana.send(text_event(ana.psid, "ja, seveda", mid="m_answer_1"))
    (receipt,) = await ana.services.consents.receipts(ana.psid)
    assert receipt.decision == "granted" and receipt.purpose == "profile"
    assert receipt.evidence == "m_answer_1"
    assert receipt.question == question_id


@pytest.mark.parametrize(
    ("words", "decision"),
    [
        ("ja seveda", "granted"),
        ("ja, lahko", "granted"),
        ("seveda", "granted"),
        ("ok, lahko", "granted"),
        ("ne hvala", "refused"),
        ("raje ne", "refused"),
        ("sure", "granted"),
        ("no thanks", "refused"),
    ],
)
async def test_natural_yes_and_no_answer_consent_in_slovene(
    client: Client, words: str, decision: str
) -> None:
    person = Person(client, f"c-sl-yn-{words}")
    await person.say("zivjo")
    replies = await person.say(words)
    assert asked(replies, "marketing")
    assert (await person.services.store.load(person.psid)).consent("profile") == decision


@pytest.mark.parametrize(
    ("words", "decision"),
    [
        ("да, разбира се", "granted"),
        ("не, благодаря", "refused"),
        ("da, razbira se", "granted"),
        ("ne blagodarya", "refused"),
    ],
)
async def test_natural_yes_and_no_answer_consent_in_bulgarian(
    bg_client: Client, words: str, decision: str
) -> None:
    person = Person(bg_client, f"c-bg-yn-{words}")
    person.fake.profiles[person.psid] = MARIA
    await person.say("здравейте")
    replies = await person.say(words)
    assert asked(replies, "marketing")
    assert (await person.services.store.load(person.psid)).consent("profile") == decision


@pytest.mark.parametrize("words", ["da, sigur", "nu, mulțumesc", "nu, multumesc"])
def test_romanian_answers_are_understood(words: str) -> None:
    assert typed_answer(words) == ("yes" if words.startswith("da") else "no")


async def test_a_message_that_is_neither_is_answered_and_the_question_shown_again(
    bg_client: Client,
) -> None:
    person = Person(bg_client, "c-bg-neither")
    await person.say("здравейте")
    replies = await person.say("какви данни събирате?")
    assert len(replies) >= 2 and asked(replies, "profile")
    assert "CONSENT:profile:no" in payloads(replies[-1:])


async def test_the_greeting_comes_once_and_later_turns_get_the_question_alone(
    client: Client,
) -> None:
    ana = Person(client, "c-sl-greet")
    first = joined(await ana.say("zivjo"))
    assert "avtomatski pomočnik" in first
    # The flow is gone (expired, or a correction ended it): no second greeting.
    await ana.services.store.clear_flow(ana.psid)
    later = await ana.say("komu posredujete moje podatke?")
    assert "avtomatski pomočnik (robot)" not in joined(later)
    assert asked(later, "profile")
    # After an erasure the person is new again: greeted again.
    await ana.tap("CONSENT:profile:no")
    await ana.tap("CONSENT:marketing:no")
    await ana.press("INTENT:erase")
    await ana.tap("ERASE:yes")
    assert "avtomatski pomočnik" in joined(await ana.say("zivjo"))


async def test_thanks_and_goodbye_are_not_followed_by_the_consent_question(
    client: Client,
) -> None:
    ana = Person(client, "c-sl-leaving")
    await ana.say("zivjo")
    for leaving in ("hvala lepa", "adijo"):
        replies = await ana.say(leaving)
        assert not asked(replies, "profile") and "CONSENT:profile:yes" not in payloads(replies)
    # Writing again, a question still gets its answer and then the open question.
    assert asked(await ana.say("komu posredujete moje podatke?"), "profile")


async def test_a_hello_after_get_started_is_no_second_greeting(client: Client) -> None:
    ana = Person(client, "c-sl-hello")
    first = await ana.press("GET_STARTED")
    assert "avtomatski pomočnik" in joined(first) and asked(first, "profile")
    # Typing "živjo" then: a hello, and the same question again, not the whole greeting.
    replies = await ana.say("zivjo")
    assert replies[0]["text"] == text("hello_again", "sl")
    assert "pomočnik" not in joined(replies) and "klepetalnik" not in joined(replies)
    assert asked(replies, "profile")


async def test_get_started_again_is_a_hello_not_a_dead_end(client: Client) -> None:
    ana = Person(client, "c-sl-again")
    await ana.press("GET_STARTED")
    again = await ana.press("GET_STARTED")  # the thread deleted, the button tapped again
    assert "Na to žal ne znam" not in joined(again)
    assert asked(again, "profile")


async def test_a_correction_lasts_over_a_profile_fetch_and_says_its_true_source(
    client: Client,
) -> None:
    spela = Person(client, "c-sl-correct")
    spela.fake.profiles[spela.psid] = URSKA
    await spela.say("zivjo")
    await spela.tap("CONSENT:profile:no")
    await spela.tap("CONSENT:marketing:no")
    confirm = await spela.say("moje ime je Spela")
    assert "»Spela«" in joined(confirm) and "RECTIFY:yes" in payloads(confirm)
    assert "Popravljeno" in joined(await spela.say("ja"))
    await spela.tap("CONSENT:profile:yes")  # withdrawn "no" changed to a yes from the menu
    user = await spela.services.store.load(spela.psid)
    assert user.get("profile:first_name") == "Spela"
    assert user.get("profile:last_name") == "Testni"  # Facebook's, where she set nothing
    view = joined(await spela.say("pokaži, kaj hranite o meni"))
    assert "Spela (vpisali ste sami)" in view
    assert "Testni (s Facebooka)" in view


@pytest.mark.parametrize(
    ("sentence", "field", "shown"),
    [
        ("moj priimek je Kovač", "Priimek", "Kovač"),
        ("pa priimek je Kovac", "Priimek", "Kovac"),
        ("moj priimek ni prav, je Kovac", "Priimek", "Kovac"),
        ("jezik naj bo angleščina", "Jezik", "English"),
        ("časovni pas je ljubljana", "Časovni pas", "UTC+1 (Europe/Ljubljana)"),
    ],
)
async def test_a_correction_in_one_sentence_goes_straight_to_its_confirmation(
    client: Client, sentence: str, field: str, shown: str
) -> None:
    person = Person(client, f"c-sl-one-{sentence}")
    await person.say("zivjo")
    await person.tap("CONSENT:profile:no")
    await person.tap("CONSENT:marketing:no")
    replies = await person.say(sentence)
    assert f"»{field}« spremenim v »{shown}«?" in joined(replies)
    assert "RECTIFY:yes" in payloads(replies[-1:])
    done = joined(await person.say("ja, lahko"))
    assert "Popravljeno" in done or "Corrected" in done  # a new language speaks at once


async def test_naming_a_field_asks_for_its_value_and_zones_are_found_by_city(
    client: Client,
) -> None:
    person = Person(client, "c-sl-field")
    await person.say("zivjo")
    await person.tap("CONSENT:profile:no")
    await person.tap("CONSENT:marketing:no")
    assert "»Ime«" in joined(await person.say("popravi mi ime"))
    assert "»Ana«" in joined(await person.say("Ana"))
    await person.say("ja")
    await person.tap("RECTIFY:timezone")
    assert "UTC+1 (Europe/Ljubljana)" in joined(await person.say("ljubljana"))
    await person.say("ja")
    view = joined(await person.press("INTENT:access"))
    assert "Časovni pas: UTC+1 (Europe/Ljubljana) (vpisali ste sami)" in view


async def test_one_sentence_corrections_in_english_and_bulgarian(bg_client: Client) -> None:
    person = Person(bg_client, "c-bg-one")
    await person.say("здравейте")
    await person.tap("CONSENT:profile:no")
    await person.tap("CONSENT:marketing:no")
    replies = await person.say("името ми е Мария")
    assert "„Име“ на „Мария“" in joined(replies)
    await person.say("да")
    assert (await person.services.store.load(person.psid)).get("profile:first_name") == "Мария"
    zone = await person.say("часовата зона е Sofia")
    assert "UTC+2 (Europe/Sofia)" in joined(zone) or "UTC+3 (Europe/Sofia)" in joined(zone)
    english = await person.say("my name is Ana")
    assert "Ana" in joined(english) and "RECTIFY:yes" in payloads(english)


async def _objection(person: Person, hello: str) -> tuple[str, dt.date]:
    """What the bot says to an objection, and the request's due date."""
    await person.say(hello)
    await person.tap("CONSENT:profile:no")
    await person.tap("CONSENT:marketing:no")
    replies = joined(await person.press("INTENT:object_processing"))
    (record,) = await requests(person.services).for_person(person.psid)
    return replies, dt.date.fromisoformat(record.due[:10])


async def test_dates_in_sentences_are_written_as_slovene_writes_them(client: Client) -> None:
    replies, due = await _objection(Person(client, "c-date-sl"), "zivjo")
    assert f"najpozneje {due.day}. {due.month}. {due.year}" in replies
    assert due.isoformat() not in replies


async def test_dates_in_sentences_are_written_as_bulgarian_writes_them(bg_client: Client) -> None:
    replies, due = await _objection(Person(bg_client, "c-date-bg"), "здравейте")
    assert f"{due.day:02d}.{due.month:02d}.{due.year} г." in replies
    assert due.isoformat() not in replies


def test_the_four_date_forms() -> None:
    written = [human_date("2027-01-05T09:00:00Z", lang) for lang in ("sl", "en", "bg", "ro")]
    assert written == ["5. 1. 2027", "5 January 2027", "05.01.2027 г.", "5 ianuarie 2027"]


async def test_the_bots_own_words_are_proofread(client: Client) -> None:
    eva = Person(client, "c-sl-words")
    await eva.say("zivjo")
    await eva.tap("CONSENT:profile:no")
    assert "z besedo STOP" in joined(await eva.tap("CONSENT:marketing:yes"))
    menu = text("menu", "ro", controller="Registratura SRL")
    assert "al companiei Registratura SRL" in menu  # a genitive, not "al Registratura SRL"


async def test_the_section_label_sits_with_the_policys_words_not_the_law(client: Client) -> None:
    ana = Person(client, "c-sl-source")
    await ana.say("zivjo")
    await ana.tap("CONSENT:profile:no")
    await ana.tap("CONSENT:marketing:no")
    said = joined(await ana.tap("INTENT:erase"))
    assert said.index("Vir: politika zasebnosti") < said.index("Po zakonu (GDPR)")
    children = joined(await ana.tap("INTENT:children"))
    assert "le svoje podatke" in children and "lahko tudi pogledate" not in children


async def test_the_section_label_sits_with_the_policys_words_in_bulgarian(
    bg_client: Client,
) -> None:
    person = Person(bg_client, "c-bg-source")
    await person.say("здравейте")
    await person.tap("CONSENT:profile:no")
    await person.tap("CONSENT:marketing:no")
    said = joined(await person.tap("INTENT:rights_overview"))
    assert said.index("Източник:") < said.index("По закон (GDPR)")
