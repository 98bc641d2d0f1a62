"""Consent end to end: signed webhooks in, the fake Graph out, a real Redis in between."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient
from redis.crc import key_slot

from bot.settings import Settings
from intents.pack import PACKS_DIR
from tests.helpers import Person, joined, payloads, text_event
from webhook.app import create_app

Client = TestClient[Any, Any]
URSKA = {"first_name": "Urška", "last_name": "Žagar", "locale": "sl_SI", "timezone": 1}


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """Marketing Messages on (MARKETING_MESSAGES=on): these tests cover the token route."""
    return settings.model_copy(update={"marketing_messages": "on"})


@pytest.fixture
async def client(settings: Settings, aiohttp_client: Any) -> Client:
    return await aiohttp_client(create_app(settings))


def profile_requests(person: Person) -> list[Any]:
    return [r for r in person.fake.requests if r.method == "GET" and r.path.endswith(person.psid)]


async def test_first_contact_in_slovene_asks_profile_consent_and_fetches_nothing(
    client: Client,
) -> None:
    ana = Person(client, "p-sl-first")
    replies = await ana.say("Zivjo, katere podatke zbirate o meni?")
    text = joined(replies)
    assert "avtomatski pomočnik" in text and "BTC, d.d." in text
    assert "/policy" in text
    assert "CONSENT:profile:yes" in payloads(replies[-1:])
    assert "Vir:" in text  # the question asked on the way is answered, with its section
    assert profile_requests(ana) == []


async def test_profile_consent_fetches_the_profile_and_records_a_receipt(client: Client) -> None:
    urska = Person(client, "p-sl-yes")
    urska.fake.profiles[urska.psid] = URSKA
    await urska.say("zdravo")
    replies = await urska.tap("CONSENT:profile:yes", "Da")
    assert "Urška" in joined(replies)
    assert "CONSENT:marketing:yes" in payloads(replies)
    (request,) = profile_requests(urska)
    assert request.query["fields"] == "first_name,last_name,locale,timezone"
    (receipt,) = await urska.services.consents.receipts(urska.psid)
    assert receipt.decision == "granted" and receipt.purpose == "profile"
    assert receipt.policy == "btc" and receipt.language == "sl"
    assert receipt.fields == ("first_name", "last_name", "locale", "timezone")
    assert receipt.evidence.startswith("m_test_")


async def test_a_refusal_is_kept_and_nothing_is_ever_fetched(client: Client) -> None:
    bob = Person(client, "p-en-no")
    first = await bob.say("Hello, what data do you collect about me?")
    assert "automated assistant" in joined(first)
    await bob.tap("CONSENT:profile:no", "No")
    await bob.tap("CONSENT:marketing:no", "No")
    later = await bob.say("how long do you keep my data")
    assert later
    assert profile_requests(bob) == []
    receipts = await bob.services.consents.receipts(bob.psid)
    assert [(r.purpose, r.decision) for r in receipts] == [
        ("profile", "refused"),
        ("marketing", "refused"),
    ]
    ttl = await bob.services.redis.ttl(bob.services.keys.user(bob.psid))
    assert 0 < ttl <= 30 * 24 * 3600


async def test_tell_me_more_explains_from_the_policy_and_asks_again(client: Client) -> None:
    cene = Person(client, "p-more")
    await cene.say("zivjo")
    replies = await cene.tap("CONSENT:profile:more", "Povej več")
    assert "Vir:" in joined(replies)
    assert "CONSENT:profile:yes" in payloads(replies)


async def test_a_typed_yes_answers_the_open_question(client: Client) -> None:
    dana = Person(client, "p-typed")
    await dana.say("zivjo")
    replies = await dana.say("da")
    assert "CONSENT:marketing:yes" in payloads(replies)


async def test_marketing_consent_joins_the_audience_and_offers_marketing_messages(
    client: Client,
) -> None:
    eva = Person(client, "p-mkt")
    await eva.say("zivjo")
    await eva.tap("CONSENT:profile:no")
    replies = await eva.tap("CONSENT:marketing:yes")
    template = next(m for m in replies if "attachment" in m)["attachment"]["payload"]
    assert template["template_type"] == "notification_messages"
    assert len(template["title"]) <= 65
    keys = eva.services.keys
    assert (
        await eva.services.redis.zscore(keys.marketing_index(keys.partition(eva.psid)), eva.psid)
        is not None
    )
    assert await eva.services.redis.ttl(keys.user(eva.psid)) == -1  # consented: kept


async def test_withdrawing_deletes_fields_and_leaves_the_audience(client: Client) -> None:
    fran = Person(client, "p-withdraw")
    fran.fake.profiles[fran.psid] = URSKA
    await fran.press("GET_STARTED")  # nothing typed: her language comes from the locale
    await fran.tap("CONSENT:profile:yes")
    await fran.tap("CONSENT:marketing:yes")
    services = fran.services
    asked = await fran.say("preklicujem soglasje")
    assert "WITHDRAW:all" in payloads(asked)
    await fran.tap("WITHDRAW:all")
    user = await services.store.load(fran.psid)
    assert user.profile() is None
    assert user.language is None  # it came from her Facebook locale, so it went too
    assert (
        await services.redis.zscore(
            services.keys.marketing_index(services.keys.partition(fran.psid)), fran.psid
        )
        is None
    )
    decisions = [(r.purpose, r.decision) for r in await services.consents.receipts(fran.psid)]
    assert ("profile", "withdrawn") in decisions and ("marketing", "withdrawn") in decisions


@pytest.mark.parametrize(
    ("given", "stored"),
    [({"first_name": "Ana"}, ("first_name",)), ({}, ()), (None, ())],
)
async def test_missing_permissions_store_what_came(
    client: Client, given: dict[str, Any] | None, stored: tuple[str, ...]
) -> None:
    gal = Person(client, "p-perm")
    if given is None:
        gal.fake.fail_next("2018218")  # phone-number account: no profile at all
    else:
        gal.fake.profiles[gal.psid] = given
    await gal.say("zivjo")
    if given is None:
        gal.fake.fail_next("2018218")
    await gal.tap("CONSENT:profile:yes")
    (receipt,) = await gal.services.consents.receipts(gal.psid)
    assert receipt.fields == stored


async def test_names_are_encrypted_at_rest(client: Client, prefix: str) -> None:
    urska = Person(client, "p-enc")
    urska.fake.profiles[urska.psid] = URSKA
    await urska.say("zivjo")
    await urska.tap("CONSENT:profile:yes")
    redis = urska.services.redis
    dump = []
    async for key in redis.scan_iter(match=f"{prefix}:*"):
        dump.append(repr(await redis.dump(key)))
    everything = "\n".join(dump)
    assert "Ur" in "Urška" and "Urška".encode() not in everything.encode()
    assert "\\xc5\\xbeagar" not in everything and "Žagar" not in everything
    assert (await urska.services.store.load(urska.psid)).profile() == URSKA


async def test_every_key_of_a_person_is_in_one_cluster_slot(client: Client) -> None:
    keys = Person(client, "p-slot").services.keys
    slots = {key_slot(k.encode()) for k in keys.user_keys("p-slot")}
    assert len(slots) == 1


async def test_a_rights_affecting_policy_change_asks_again(
    settings: Settings, aiohttp_client: Any, tmp_path: Path
) -> None:
    first = await aiohttp_client(create_app(settings))
    iva = Person(first, "p-bump")
    await iva.say("zivjo")
    await iva.tap("CONSENT:profile:no")
    await iva.tap("CONSENT:marketing:yes")
    await first.close()

    packs = tmp_path / "packs"
    packs.mkdir()
    source = (PACKS_DIR / "btc.toml").read_text(encoding="utf-8")
    version = tomllib.loads(source)["pack"]["policy_version"]
    (packs / "btc.toml").write_text(source.replace(version, "2030-01-01"), encoding="utf-8")
    shutil.copy(PACKS_DIR / "btc.sl.txt", packs)
    bumped = settings.model_copy(update={"policy_pack_dir": packs})
    second = await aiohttp_client(create_app(bumped))
    iva = Person(second, "p-bump")
    replies = await iva.say("kaj je novega")
    assert "spremenila" in joined(replies)
    # Only her consent is asked again; her refusal of the profile stands.
    assert "CONSENT:marketing:yes" in payloads(replies)
    assert "CONSENT:profile:yes" not in payloads(replies)
    assert (
        await iva.services.redis.zscore(
            iva.services.keys.marketing_index(iva.services.keys.partition(iva.psid)), iva.psid
        )
        is None
    )
    await iva.tap("CONSENT:marketing:yes")
    latest = (await iva.services.consents.receipts(iva.psid))[-1]
    assert latest.policy_version == "2030-01-01" and latest.decision == "granted"


async def test_marketing_messages_optin_and_its_stop(client: Client) -> None:
    jan = Person(client, "p-optin")
    await jan.say("zivjo")
    await jan.tap("CONSENT:profile:no")
    await jan.tap("CONSENT:marketing:yes")
    optin = {
        "type": "notification_messages",
        "payload": "MM_OPTIN",
        "notification_messages_token": "tok-123",
        "token_expiry_timestamp": "1900000000",
        "notification_messages_timezone": "Europe/Ljubljana",
        "user_token_status": "NOT_REFRESHED",
    }
    event = text_event(jan.psid, "")
    del event["message"]
    await jan.send({**event, "optin": optin})
    user = await jan.services.store.load(jan.psid)
    assert user.get("mm:token") == "tok-123" and user.get("mm:status") == "active"
    stop = {
        **event,
        "timestamp": event["timestamp"] + 1,
        "optin": {**optin, "notification_messages_status": "STOP_NOTIFICATIONS"},
    }
    await jan.send(stop)
    user = await jan.services.store.load(jan.psid)
    assert user.get("mm:status") == "stopped" and not user.subscribed
    latest = (await jan.services.consents.receipts(jan.psid))[-1]
    assert (latest.decision, latest.channel) == ("withdrawn", "messenger_marketing_messages")
