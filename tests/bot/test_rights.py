"""Data-subject rights in the chat, end to end: signed webhooks in, fake Graph out, real Redis."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from bot.rights.operations import requests
from bot.settings import Settings
from tests.helpers import Person, eventually, joined, payloads, post_events, text_event
from webhook.app import create_app

Client = TestClient[Any, Any]
URSKA = {"first_name": "Urška", "last_name": "Žagar", "locale": "sl_SI", "timezone": 1}


@pytest.fixture
async def client(settings: Settings, aiohttp_client: Any) -> Client:
    return await aiohttp_client(create_app(settings))


async def onboarded(client: Client, psid: str, lang: str = "sl") -> Person:
    """Someone who said hello, allowed the profile and marketing."""
    person = Person(client, psid)
    person.fake.profiles[psid] = {**URSKA, "locale": "sl_SI" if lang == "sl" else "en_GB"}
    await person.say("zivjo" if lang == "sl" else "hello there")
    await person.tap("CONSENT:profile:yes")
    await person.tap("CONSENT:marketing:yes")
    return person


async def everything(person: Person, prefix: str) -> str:
    """Every key name and every value under the test's prefix, as one string."""
    redis = person.services.redis
    out = []
    async for key in redis.scan_iter(match=f"{prefix}:*"):
        out.append(key)
        out.append(repr(await redis.dump(key)))
    return "\n".join(out)


@pytest.mark.parametrize(("lang", "heading"), [("sl", "Tole hranimo"), ("en", "Here's what")])
async def test_access_shows_what_is_held_and_where_it_came_from(
    client: Client, lang: str, heading: str
) -> None:
    person = await onboarded(client, f"p-access-{lang}", lang)
    replies = await person.press("INTENT:access")
    text = joined(replies)
    assert heading in text and "Urška" in text
    assert ("s Facebooka" if lang == "sl" else "from Facebook") in text
    granted = "Profil s Facebooka: dovoljeno" if lang == "sl" else "Facebook profile: granted"
    assert granted in text and "2018-09-03" in text
    assert all(len(m.get("text", "")) < 2000 for m in replies)
    records = await person.services.redis.smembers(person.services.keys.requests_of(person.psid))
    assert len(records) == 1


async def test_export_is_a_single_use_link_to_a_json_document(client: Client) -> None:
    person = await onboarded(client, "p-export")
    replies = await person.say("izvozi moje podatke")
    url = next(w for w in joined(replies).split() if "/export/" in w)
    path = url.split("http://bot.test", 1)[1]
    first = await client.get(path)
    assert first.status == 200
    document = json.loads(await first.text())
    assert document["schema"] == "privacybot.export/v1" and document["psid"] == person.psid
    assert document["profile"]["first_name"] == {"value": "Urška", "source": "facebook"}
    assert {c["purpose"] for c in document["consents"]} == {"profile", "marketing"}
    again = await client.get(path)
    assert again.status == 404


@pytest.mark.parametrize(
    ("typed", "complaint"),
    [("   ", "prazna"), ("x" * 101, "100 znakov"), ("😀😀😀", "ni črk")],
)
async def test_invalid_corrections_are_refused_and_the_old_value_stays(
    client: Client, typed: str, complaint: str
) -> None:
    person = await onboarded(client, "p-rectify-bad")
    await person.press("INTENT:rectify")
    await person.tap("RECTIFY:first_name")
    replies = await person.say(typed)
    assert complaint in joined(replies)
    user = await person.services.store.load(person.psid)
    assert user.get("profile:first_name") == "Urška"


async def test_a_time_zone_that_does_not_exist_is_refused(client: Client) -> None:
    person = await onboarded(client, "p-rectify-tz", "en")
    await person.tap("LANG:en")
    await person.press("INTENT:rectify")
    await person.tap("RECTIFY:timezone")
    assert "no such time zone" in joined(await person.say("Mars/Olympus_Mons"))
    await person.say("Europe/London")
    await person.tap("RECTIFY:yes")
    user = await person.services.store.load(person.psid)
    assert user.get("profile:timezone") in ("0", "1")


async def test_a_correction_is_confirmed_stored_encrypted_and_recorded(
    client: Client, prefix: str
) -> None:
    person = await onboarded(client, "p-rectify")
    await person.press("INTENT:rectify")
    await person.tap("RECTIFY:first_name")
    confirm = await person.say("Ana-Marija")
    assert "Ana-Marija" in joined(confirm) and "RECTIFY:yes" in payloads(confirm)
    done = await person.tap("RECTIFY:yes")
    assert "Popravljeno" in joined(done)
    user = await person.services.store.load(person.psid)
    assert user.get("profile:first_name") == "Ana-Marija"
    assert user.get("source:first_name") == "person"
    assert "Ana-Marija" not in await everything(person, prefix)


async def test_a_typed_value_is_the_value_not_the_sentence_around_it(client: Client) -> None:
    person = await onboarded(client, "p-rectify-typed")
    await person.press("INTENT:rectify")
    await person.tap("RECTIFY:last_name")
    # A question while the value is asked: answered, never proposed as the surname.
    question = await person.say("a pa veste kdaj je odprt hervis v btc?")
    assert "RECTIFY:yes" not in payloads(question)
    # "ja, Kovačič, ne Kovač": the value is Kovačič.
    confirm = await person.say("ja, Kovačič, ne Kovač")
    assert "»Kovačič«" in joined(confirm) and "RECTIFY:yes" in payloads(confirm)
    kept = await person.tap("RECTIFY:no")
    assert "ničesar ne spremenim" in joined(kept)  # a correction, not an erasure, kept
    assert (await person.services.store.load(person.psid)).get("profile:last_name") != "Kovačič"


@pytest.mark.parametrize(
    ("lang", "ask"), [("sl", "izbrisi moje podatke"), ("en", "delete my data")]
)
async def test_erasure_leaves_nothing_that_names_the_person(
    client: Client, prefix: str, lang: str, ask: str
) -> None:
    person = await onboarded(client, f"p-erase-{lang}", lang)
    if lang == "en":
        await person.tap("LANG:en")
    confirm = await person.say(ask)
    assert "ERASE:yes" in payloads(confirm)
    done = await person.tap("ERASE:yes")
    assert ("Izbrisano" if lang == "sl" else "is deleted") in joined(done)
    dump = await everything(person, prefix)
    assert person.psid not in dump
    assert "Urška" not in dump and "Urška".encode().hex() not in dump
    services = person.services
    assert await services.redis.sismember(
        services.keys.suppressed(services.keys.partition(person.psid)),
        services.pseudonym(person.psid),
    )
    again = await person.say("zivjo")
    assert "CONSENT:profile:yes" in payloads(again)  # a new person; marketing stays off
    assert (
        await services.redis.zscore(
            services.keys.marketing_index(services.keys.partition(person.psid)), person.psid
        )
        is None
    )


async def test_saying_no_to_erasure_keeps_everything(client: Client) -> None:
    person = await onboarded(client, "p-keep")
    await person.press("INTENT:erase")
    assert "ničesar ne izbrišem" in joined(await person.tap("ERASE:no"))
    assert (await person.services.store.load(person.psid)).profile() is not None


async def test_the_erase_button_typed_as_it_reads_confirms(client: Client) -> None:
    person = await onboarded(client, "p-erase-typed")
    await person.press("INTENT:erase")
    # Typed as the button reads, without the diacritics and the comma.
    assert "Izbrisano" in joined(await person.say("da izbrisi"))
    assert not (await person.services.store.load(person.psid)).exists


async def test_events_in_flight_cannot_bring_an_erased_person_back(
    client: Client, prefix: str
) -> None:
    person = await onboarded(client, "p-race")
    await person.press("INTENT:erase")
    now = int(time.time() * 1000)
    confirm = text_event(person.psid, "Da", payload="ERASE:yes", ts=now)
    # Received with the confirmation but stamped a minute later (a sender's clock ahead of
    # ours): still in flight at the erasure, so still dropped.
    later = [text_event(person.psid, f"hello {i}", ts=now + 60_000 + i) for i in range(3)]
    assert await post_events(client, confirm, *later, per_entry=4) == 200
    handled = person.services.metrics.events_handled.labels(kind="message")

    async def settled() -> bool:
        keys, redis = person.services.keys, person.services.redis
        waiting = [await redis.xlen(keys.events(n)) for n in keys.every_partition]
        return handled._value.get() >= 7 and not any(waiting)

    await eventually(settled, timeout=10)
    assert person.psid not in await everything(person, prefix)


@pytest.mark.parametrize(
    "word", ["STOP", "Odjava!", "стоп", "dezabonare", "unsubscribe", "отписване"]
)
async def test_stop_in_every_pack_language(client: Client, word: str) -> None:
    person = await onboarded(client, f"p-stop-{abs(hash(word))}")
    replies = await person.say(word)
    assert "START" in joined(replies) or "СТАРТ" in joined(replies)
    user = await person.services.store.load(person.psid)
    assert not user.subscribed
    keys = person.services.keys
    index = keys.marketing_index(keys.partition(person.psid))
    assert await person.services.redis.zscore(index, person.psid) is None


async def test_a_bus_stop_is_not_an_unsubscribe(client: Client) -> None:
    person = await onboarded(client, "p-bus")
    await person.say("where is the bus stop")
    assert (await person.services.store.load(person.psid)).subscribed


async def test_objection_restricts_and_opens_a_request_due_in_a_month(client: Client) -> None:
    person = await onboarded(client, "p-object")
    replies = await person.press("INTENT:object_processing")
    assert "omejil" in joined(replies)
    services = person.services
    user = await services.store.load(person.psid)
    assert user.restricted
    assert (
        await services.redis.zscore(
            services.keys.marketing_index(services.keys.partition(person.psid)), person.psid
        )
        is None
    )
    (record,) = [r for r in await _requests(services, person.psid) if r.type == "object"]
    assert record.status == "open"
    received, due = record.received[:10], record.due[:10]
    assert (int(due[5:7]) - int(received[5:7])) % 12 == 1
    lifted = await person.tap("RESTRICT:lift")
    assert "odpravljena" in joined(lifted)
    assert not (await services.store.load(person.psid)).restricted


async def _requests(services: Any, psid: str) -> list[Any]:
    return await requests(services).for_person(psid)


async def test_a_language_the_bot_does_not_speak_is_refused_with_the_ones_it_does(
    client: Client,
) -> None:
    person = await onboarded(client, "p-rectify-lang")
    await person.press("INTENT:rectify")
    await person.tap("RECTIFY:language")
    replies = await person.say("nemščina")
    said = joined(replies)
    assert "tega jezika ne govorim" in said and "Slovenščina, English" in said
    assert "prazna" not in said
    assert (await person.services.store.load(person.psid)).language == "sl"
    confirm = await person.say("angleščina")
    assert "RECTIFY:yes" in payloads(confirm)
