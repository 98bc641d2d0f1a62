"""The right of access and request outcomes in the person's own words, end to end: what is
held and where it came from, what the policy says of purposes, recipients and retention,
consents as current decisions, open requests, and the notice when the staff close one."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient
from redis.asyncio import Redis

from bot.settings import Settings
from bot.texts.dates import human_date
from tests.bot.test_rights import onboarded
from tests.conftest import make_settings
from tests.helpers import Person, joined, payloads
from webhook.app import create_app
from webhook.keys import SERVICES

Client = TestClient[Any, Any]
# Internal ids that must never reach a person (purposes, decisions, request types, statuses).
RAW_IDS = re.compile(
    r"^• (profile|marketing|object|access|question)\b|: (granted|refused|withdrawn|open|done)\b",
    re.MULTILINE,
)


@pytest.fixture
async def client(settings: Settings, aiohttp_client: Any) -> Client:
    return await aiohttp_client(create_app(settings))


async def admin_headers(client: Client) -> dict[str, str]:
    token = await client.app[SERVICES].admins.add("Petra", "admin")
    return {"Authorization": f"Bearer {token}"}


async def test_the_summary_is_complete_localised_and_split_under_2000(client: Client) -> None:
    person = await onboarded(client, "p-sum-sl")
    for _ in range(5):  # changes of mind: receipts pile up, the summary shows the latest
        await person.tap("CONSENT:marketing:no")
        await person.tap("CONSENT:marketing:yes")
    await person.press("INTENT:object_processing")
    replies = await person.press("INTENT:access")
    text = joined(replies)
    assert "Ime: Urška (s Facebooka)" in text and "Časovni pas: UTC+1" in text
    # Purposes, recipients and retention: a tap away, as the policy says them.
    assert {"INTENT:data_use", "INTENT:third_parties", "INTENT:retention"} <= set(
        payloads(replies[-1:])
    )
    assert "»UPORABA OSEBNIH PODATKOV«" in joined(await person.tap("INTENT:data_use"))
    assert "»RAZKRITJE PODATKOV«" in joined(await person.tap("INTENT:third_parties"))
    assert "Politika ne pove, kako dolgo" in joined(await person.tap("INTENT:retention"))
    # One line per purpose: the current decision, its date and policy version, and a count.
    assert text.count("Novice in ponudbe: dovoljeno") == 1
    assert "različica politike 2018-09-03" in text and "prejšnje odločitve: 10" in text
    assert "Profil s Facebooka: dovoljeno" in text
    assert re.search(r"Ugovor obdelavi: odprta, rok \d{1,2}\. \d{1,2}\. \d{4}", text)
    assert not RAW_IDS.search(text), RAW_IDS.search(text)
    assert len(replies[0]["text"]) <= 640 and all(len(m.get("text", "")) <= 640 for m in replies)
    assert {"INTENT:export", "INTENT:erase", "ASK:retention"} <= set(payloads(replies[-1:]))


async def test_the_summary_in_english_names_purposes_and_statuses_in_english(
    client: Client,
) -> None:
    person = await onboarded(client, "p-sum-en", "en")
    await person.tap("LANG:en")
    await person.press("INTENT:object_processing")
    replies = await person.press("INTENT:access")
    text = joined(replies)
    assert "Facebook profile: granted" in text and "policy version 2018-09-03" in text
    assert "INTENT:data_use" in payloads(replies[-1:])
    assert re.search(r"Objection to processing: open, due \d{1,2} [A-Z][a-z]+ \d{4}", text)
    assert "Tole hranimo" not in text


@pytest.fixture
async def bg_client(
    redis_url: str, prefix: str, tmp_path: Path, redis: Redis, aiohttp_client: Any
) -> Client:
    settings = make_settings(redis_url, prefix, tmp_path, policy_pack="balevski")
    return await aiohttp_client(create_app(settings))


async def test_the_summary_in_bulgarian_has_no_english_ids(bg_client: Client) -> None:
    person = Person(bg_client, "p-sum-bg")
    person.fake.profiles[person.psid] = {"first_name": "Иван", "locale": "bg_BG"}
    await person.say("здравейте")
    await person.tap("CONSENT:profile:yes")
    await person.tap("CONSENT:marketing:no")
    replies = await person.press("INTENT:access")
    text = joined(replies)
    assert "Ето какво пазим за вас:" in text and "Иван (от Facebook)" in text
    assert "Профил от Facebook: дадено" in text and "Новини и оферти: отказано" in text
    assert "Срок на съхранение" in joined(await person.tap("INTENT:retention"))
    assert not RAW_IDS.search(text) and "granted" not in text and "refused" not in text


async def test_a_closed_request_is_announced_in_the_persons_language(client: Client) -> None:
    headers = await admin_headers(client)
    person = await onboarded(client, "p-close-sl")
    await person.press("INTENT:object_processing")
    (record,) = (await (await client.get("/admin/api/dsar", headers=headers)).json())["requests"]
    closing = {"outcome": "done", "reason": "Ugovor smo upoštevali."}
    await client.post(f"/admin/api/dsar/{record['id']}/close", json=closing, headers=headers)
    told = person.fake.sent_to(person.psid)[-1]["message"]["text"]
    assert told.startswith(
        f"Vaša zahteva »ugovor obdelavi« z dne {human_date(record['received'], 'sl')}"
    )
    assert "je rešena" in told and "Ugovor smo upoštevali." in told
    assert "(object)" not in told and "done" not in told


async def test_a_refusal_is_announced_in_english_to_an_english_speaker(client: Client) -> None:
    headers = await admin_headers(client)
    person = await onboarded(client, "p-close-en", "en")
    await person.tap("LANG:en")
    await person.press("INTENT:object_processing")
    (record,) = (await (await client.get("/admin/api/dsar", headers=headers)).json())["requests"]
    closing = {"outcome": "refused", "reason": "The contract needs this processing."}
    await client.post(f"/admin/api/dsar/{record['id']}/close", json=closing, headers=headers)
    told = person.fake.sent_to(person.psid)[-1]["message"]["text"]
    assert "Your request “objection to processing”" in told and "has been refused" in told
    assert "The contract needs this processing." in told
