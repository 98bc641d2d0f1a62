"""Meta's data-deletion callback: verified, answered in Meta's shape, recorded, idempotent."""

from __future__ import annotations

import datetime as dt
import json
import time
from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from bot.rights.deletion_status import ERASED
from bot.rights.operations import requests
from bot.rights.signed_request import make_signed_request
from bot.settings import Settings
from tests.helpers import APP_SECRET
from tests.partitions import zcard_all, zmembers_all
from webhook.app import create_app
from webhook.keys import SERVICES

Client = TestClient[Any, Any]


@pytest.fixture
async def client(settings: Settings, aiohttp_client: Any) -> Client:
    return await aiohttp_client(create_app(settings))


def payload(**extra: Any) -> dict[str, Any]:
    now = int(time.time())
    return {
        "algorithm": "HMAC-SHA256",
        "issued_at": now,
        "expires": now + 3600,
        "user_id": "218471",
    } | extra


async def call(client: Client, signed: str) -> Any:
    return await client.post("/meta/data-deletion", data={"signed_request": signed})


async def test_a_genuine_callback_is_answered_recorded_and_explained(client: Client) -> None:
    response = await call(client, make_signed_request(payload(), APP_SECRET))
    assert response.status == 200
    body = await response.json()
    assert body["confirmation_code"].isalnum()
    assert body["url"].startswith("http://bot.test/meta/deletion-status?code=")
    code = body["confirmation_code"]
    page = await client.get("/meta/deletion-status", params={"code": code, "lang": "sl"})
    assert page.status == 200 and "ničesar izbrisati" in await page.text()
    english = await client.get("/meta/deletion-status", params={"code": code, "lang": "en"})
    assert "nothing to delete" in await english.text()
    services = client.app[SERVICES]
    open_ids = await zmembers_all(services.redis, services.keys, services.keys.dsar_due)
    assert len(open_ids) == 1  # it matched nobody: it stays open for the privacy staff


async def test_a_replayed_callback_gets_the_same_answer_and_changes_nothing(
    client: Client,
) -> None:
    signed = make_signed_request(payload(), APP_SECRET)
    first = await (await call(client, signed)).json()
    second = await (await call(client, signed)).json()
    assert first == second
    services = client.app[SERVICES]
    assert await zcard_all(services.redis, services.keys, services.keys.dsar_due) == 1


@pytest.mark.parametrize(
    ("signed", "status"),
    [
        (make_signed_request(payload(), "not-our-secret"), 403),
        (make_signed_request(payload(expires=int(time.time()) - 10), APP_SECRET), 403),
        (
            make_signed_request(
                payload(expires=None, issued_at=int(time.time()) - 7200), APP_SECRET
            ),
            403,
        ),
        (make_signed_request(payload(expires=None, issued_at=None), APP_SECRET), 403),
        (make_signed_request(payload(algorithm="HMAC-MD5"), APP_SECRET), 400),
        (make_signed_request(payload(user_id=""), APP_SECRET), 400),
        ("no-dot-here", 400),
        ("!!!.???", 400),
        ("", 400),
    ],
)
async def test_forged_expired_or_malformed_requests_change_nothing(
    client: Client, signed: str, status: int
) -> None:
    response = await call(client, signed)
    assert response.status == status
    services = client.app[SERVICES]
    assert await zcard_all(services.redis, services.keys, services.keys.dsar_due) == 0


async def test_an_unknown_status_code_is_404(client: Client) -> None:
    response = await client.get("/meta/deletion-status", params={"code": "abc123"})
    assert response.status == 404


async def deletion_request(client: Client) -> tuple[str, str]:
    """A genuine callback: (confirmation code, request id)."""
    body = await (await call(client, make_signed_request(payload(), APP_SECRET))).json()
    services = client.app[SERVICES]
    request_id = await services.redis.get(services.keys.deletion(body["confirmation_code"]))
    return body["confirmation_code"], request_id


async def page(client: Client, code: str, lang: str = "en", **headers: str) -> str:
    response = await client.get(
        "/meta/deletion-status", params={"code": code, "lang": lang}, headers=headers
    )
    assert response.status == 200 and response.content_type == "text/html"
    return await response.text()


async def status_json(client: Client, code: str, lang: str = "en") -> Any:
    response = await client.get(
        "/meta/deletion-status",
        params={"code": code, "lang": lang},
        headers={"Accept": "application/json"},
    )
    assert response.status == 200 and response.content_type == "application/json"
    return await response.json()


def today(lang: str) -> str:
    now = dt.datetime.now(dt.UTC)
    return (
        f"{now.day}. {now.month}. {now.year}" if lang == "sl" else f"{now.day} {now:%B} {now.year}"
    )


async def staff_token(client: Client) -> dict[str, str]:
    token = await client.app[SERVICES].admins.add("Petra Novak", "admin")
    return {"Authorization": f"Bearer {token}"}


@pytest.mark.parametrize(
    ("lang", "received", "found", "status"),
    [
        ("sl", "Zahtevo smo prejeli", "ne hranimo nobenih podatkov", "Stanje: prejeta"),
        ("en", "We received your request on", "We hold no data", "Status: received"),
    ],
)
async def test_the_status_page_says_when_what_was_found_and_where_it_stands(
    client: Client, lang: str, received: str, found: str, status: str
) -> None:
    code, _ = await deletion_request(client)
    html = await page(client, code, lang)
    assert f"{received} {today(lang)}" in html
    assert found in html and status in html
    assert ("velja samo za aplikacijo" if lang == "sl" else "app-scoped") in html
    assert ("najpozneje do" if lang == "sl" else "We will answer by") in html
    assert "BTC, d.d." in html  # whose page this is
    assert "218471" not in html  # nothing beyond what the code implies
    state = await status_json(client, code, lang)
    assert state["status"] == "open" and state["found"] == "nothing_held"
    assert state["confirmation_code"] == code and state["language"] == lang
    assert state["explanation"][0].startswith(received) and state["reason"] == ""
    assert "218471" not in json.dumps(state) and "psid_hash" not in state


async def test_a_refusal_shows_the_staff_reason_but_not_who_gave_it(client: Client) -> None:
    code, request_id = await deletion_request(client)
    reason = "We must keep invoices for 10 years under the Accounting Act."
    closed = await client.post(
        f"/admin/api/dsar/{request_id}/close",
        json={"outcome": "refused", "reason": reason},
        headers=await staff_token(client),
    )
    assert closed.status == 200
    html = await page(client, code, "en")
    assert f"Status: refused on {today('en')}." in html
    assert f"The reason our privacy staff gave for refusing: {reason}" in html
    assert "supervisory authority" in html and "We will answer by" not in html
    assert "Petra" not in html
    sl = await page(client, code, "sl")
    assert "Stanje: zavrnjena" in sl and reason in sl
    state = await status_json(client, code)
    assert state["status"] == "refused" and state["reason"] == reason
    assert state["closed"] and "Petra" not in json.dumps(state)


async def test_waiting_for_the_person_and_done_are_said_in_words(client: Client) -> None:
    code, request_id = await deletion_request(client)
    headers = await staff_token(client)
    need = "Write to us on Messenger so we can find your conversation."
    moved = await client.post(
        f"/admin/api/dsar/{request_id}/status",
        json={"status": "waiting_for_person", "note": need},
        headers=headers,
    )
    assert moved.status == 200
    html = await page(client, code, "en")
    assert "waiting for information from you" in html and f"What we need: {need}" in html
    assert "We will answer by" not in html  # the clock is paused
    await client.post(
        f"/admin/api/dsar/{request_id}/status", json={"status": "in_progress"}, headers=headers
    )
    assert "Status: our privacy staff are working on it." in await page(client, code, "en")
    note = "We checked every system: nothing is held about you."
    await client.post(
        f"/admin/api/dsar/{request_id}/close",
        json={"outcome": "done", "reason": note},
        headers=headers,
    )
    html = await page(client, code, "en")
    assert f"Status: closed on {today('en')}." in html and note in html
    sl = await page(client, code, "sl")
    assert "Stanje: zaključena" in sl


async def test_the_language_follows_the_browser_and_json_can_be_asked_by_query(
    client: Client,
) -> None:
    code, _ = await deletion_request(client)
    response = await client.get(
        "/meta/deletion-status",
        params={"code": code},
        headers={"Accept-Language": "en-GB,en;q=0.9"},
    )
    assert "We received your request" in await response.text()
    response = await client.get("/meta/deletion-status", params={"code": code})
    assert "Zahtevo smo prejeli" in await response.text()  # the pack's language
    as_json = await client.get("/meta/deletion-status", params={"code": code, "format": "json"})
    assert (await as_json.json())["language"] == "sl"


async def test_data_found_and_erased_under_the_id_is_said_so(client: Client) -> None:
    code, request_id = await deletion_request(client)
    store = requests(client.app[SERVICES])
    record = await store.get(request_id)
    await store._save(record.model_copy(update={"outcome": ERASED}))
    html = await page(client, code, "en")
    assert "We found data held under this identifier and deleted it." in html
    assert "We hold no data" not in html
    assert (await status_json(client, code))["found"] == "erased"
