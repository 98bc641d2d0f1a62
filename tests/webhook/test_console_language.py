"""The console in Slovene and English: a new user starts in the Page's language where the
console speaks it (BTC: Slovene), each user switches in the header and the pick stays on
their record; times read in Ljubljana time with UTC on hover; the JSON API stays English."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from bot.rights.operations import record_request
from bot.settings import Settings
from tests.conftest import make_settings
from tests.webhook.console_helpers import Client, add_user, post_form, sign_in
from webhook.app import create_app
from webhook.keys import SERVICES

PSID = "7100000000000001"


async def _client(settings: Settings, aiohttp_client: Any, language: str = "") -> Client:
    client: Client = await aiohttp_client(create_app(settings, with_worker=False))
    response = await sign_in(client, await add_user(client, language=language))
    assert response.status == 303
    return client


async def test_a_new_user_on_btc_reads_the_console_in_slovene(
    settings: Settings, aiohttp_client: Any
) -> None:
    client = await _client(settings, aiohttp_client)
    html = await (await client.get("/admin/requests")).text()
    assert '<html lang="sl">' in html
    for word in ("Zahteve", "Osebe", "Revizijska sled", "Odjava", "Samo zamujene"):
        assert word in html
    assert "Sign out" not in html and "Overdue only" not in html
    dashboard = await (await client.get("/admin/")).text()
    assert "Privolitve zdaj, po namenu" in dashboard and "brez odgovora" in dashboard
    today = dt.datetime.now(dt.UTC).date()
    assert f">{today.day}. {today.month}.</text>" in dashboard  # the chart's last day, Slovene


async def test_the_switch_in_the_header_keeps_the_pick_on_the_user_record(
    settings: Settings, aiohttp_client: Any
) -> None:
    client = await _client(settings, aiohttp_client)
    picked = await post_form(
        client, "/admin/language", "/admin/people", language="en", back="/admin/people"
    )
    assert picked.status == 303 and picked.headers["Location"] == "/admin/people"
    html = await (await client.get("/admin/people")).text()
    assert '<html lang="en">' in html and "Sign out" in html and "Odjava" not in html
    admins = client.app[SERVICES].admins
    assert [u.language for u in await admins.list()] == ["en"]
    await admins.rotate("Petra")  # a new token keeps the user's language
    assert [u.language for u in await admins.list()] == ["en"]


async def test_a_wrong_pick_or_a_foreign_address_is_refused(
    settings: Settings, aiohttp_client: Any
) -> None:
    client = await _client(settings, aiohttp_client)
    wrong = await post_form(client, "/admin/language", "/admin/", language="de")
    assert wrong.status == 400
    assert "Izberite slovenščino ali angleščino." in await wrong.text()
    away = await post_form(
        client, "/admin/language", "/admin/", language="sl", back="https://evil.test/"
    )
    assert away.headers["Location"] == "/admin/"


async def test_queue_times_are_ljubljana_time_with_utc_on_hover(
    settings: Settings, aiohttp_client: Any
) -> None:
    client = await _client(settings, aiohttp_client)
    record = await record_request(client.app[SERVICES], PSID, "question", done=False, text="?")
    html = await (await client.get("/admin/requests")).text()
    due = dt.datetime.fromisoformat(record.due).astimezone(dt.UTC)
    local = due.astimezone(ZoneInfo("Europe/Ljubljana"))
    months = [
        "jan.",
        "feb.",
        "mar.",
        "apr.",
        "maj",
        "jun.",
        "jul.",
        "avg.",
        "sep.",
        "okt.",
        "nov.",
        "dec.",
    ]
    month = months[local.month - 1]
    expected = (
        f'<time datetime="{due:%Y-%m-%dT%H:%M:%S}Z" title="{due:%Y-%m-%d %H:%M} UTC">'
        f"{local.day}. {month} {local.year}, {local:%H:%M}</time>"
    )
    assert expected in html


async def test_an_error_from_the_bot_reads_in_slovene_and_the_api_stays_english(
    settings: Settings, aiohttp_client: Any
) -> None:
    client = await _client(settings, aiohttp_client)
    record = await record_request(client.app[SERVICES], PSID, "object", done=False, text="Ne")
    refused = await post_form(
        client, f"/admin/requests/{record.id}/close", "/admin/requests", outcome="refused"
    )
    assert refused.status == 400
    assert "Zavrnitev potrebuje razlog, ki ga oseba lahko prebere." in await refused.text()
    token = await add_user(client, name="Api", language="sl")
    api = await client.get("/admin/api/dsar", headers={"Authorization": f"Bearer {token}"})
    (listed,) = (await api.json())["requests"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT[\d:]+(Z|\+00:00)", listed["due"])
    assert listed["type"] == "object" and listed["status"] == "open"
    answer = await client.post(
        f"/admin/api/dsar/{record.id}/close",
        json={"outcome": "refused"},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert answer.status == 400 and "refusal needs a reason" in await answer.text()


async def test_a_page_in_a_language_the_console_lacks_defaults_to_english(
    redis_url: str, prefix: str, tmp_path: Path, aiohttp_client: Any
) -> None:
    settings = make_settings(redis_url, prefix, tmp_path, policy_pack="registratura")
    client = await _client(settings, aiohttp_client)
    html = await (await client.get("/admin/")).text()
    assert '<html lang="en">' in html and "Dashboard" in html


async def test_the_audit_log_reads_in_slovene_with_the_stored_entry_on_hover(
    settings: Settings, aiohttp_client: Any
) -> None:
    client = await _client(settings, aiohttp_client)
    await client.get("/admin/people")
    html = await (await client.get("/admin/audit")).text()
    assert '<span title="list people">seznam oseb</span>' in html
    assert '<span title="console sign-in">prijava v konzolo</span>' in html
    stored = await client.app[SERVICES].audit.entries(count=5)
    assert {e["what"] for e in stored} >= {"list people", "console sign-in"}  # kept as written
