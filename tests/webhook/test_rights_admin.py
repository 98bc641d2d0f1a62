"""Rights from the privacy staff's side: requests and their clock, erasure and export by
API, outcomes delivered to the person now or at their next message, the journal replay."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from bot.rights.operations import requests
from bot.settings import Settings
from tests.helpers import Person, joined
from webhook.app import create_app
from webhook.keys import SERVICES
from webhook.openapi_models import DsarClosed

Client = TestClient[Any, Any]


@pytest.fixture
async def client(settings: Settings, aiohttp_client: Any) -> Client:
    return await aiohttp_client(create_app(settings))


async def admin_token(client: Client) -> dict[str, str]:
    token = await client.app[SERVICES].admins.add("Petra", "admin")
    return {"Authorization": f"Bearer {token}"}


async def objector(client: Client, psid: str) -> Person:
    person = Person(client, psid)
    await person.say("zivjo")
    await person.tap("CONSENT:profile:no")
    await person.tap("CONSENT:marketing:no")
    await person.press("INTENT:object_processing")
    return person


async def test_open_requests_are_listed_by_due_date_and_closed_with_a_reason(
    client: Client,
) -> None:
    headers = await admin_token(client)
    person = await objector(client, "p-dsar")
    listed = await (await client.get("/admin/api/dsar", headers=headers)).json()
    (record,) = listed["requests"]
    assert record["type"] == "object" and record["status"] == "open"
    assert record["overdue"] is False and "psid_sealed" not in record
    url = f"/admin/api/dsar/{record['id']}/close"
    refused = await client.post(url, json={"outcome": "refused"}, headers=headers)
    assert refused.status == 400  # a refusal needs a reason
    closed = await client.post(
        url,
        json={"outcome": "refused", "reason": "Obdelava je nujna za pogodbo."},
        headers=headers,
    )
    assert closed.status == 200 and (await closed.json())["status"] == "refused"
    told = [m["message"]["text"] for m in person.fake.sent_to(person.psid)][-1]
    assert "Obdelava je nujna" in told
    again = await client.post(url, json={"outcome": "done"}, headers=headers)
    assert again.status == 400


async def test_an_outcome_outside_the_window_waits_for_the_next_message(client: Client) -> None:
    headers = await admin_token(client)
    person = await objector(client, "p-later")
    services = client.app[SERVICES]
    two_days_ago = str(int(time.time() * 1000) - 2 * 24 * 3600 * 1000)
    await services.redis.hset(services.keys.user(person.psid), "last_action", two_days_ago)
    (record,) = (await (await client.get("/admin/api/dsar", headers=headers)).json())["requests"]
    before = len(person.fake.sent_to(person.psid))
    closing = {"outcome": "done", "reason": "Ugovor upoštevan."}
    await client.post(f"/admin/api/dsar/{record['id']}/close", json=closing, headers=headers)
    assert len(person.fake.sent_to(person.psid)) == before
    replies = await person.say("zivjo spet")
    assert "Ugovor upoštevan" in joined(replies[:1])


async def test_admin_export_and_erase_through_the_api(client: Client, prefix: str) -> None:
    headers = await admin_token(client)
    person = Person(client, "p-api-erase")
    await person.say("zivjo")
    export = await client.get(f"/admin/api/users/{person.psid}/export", headers=headers)
    assert export.status == 200 and (await export.json())["psid"] == person.psid
    erased = await client.delete(f"/admin/api/users/{person.psid}", headers=headers)
    assert erased.status == 200
    services = client.app[SERVICES]
    async for key in services.redis.scan_iter(match=f"{prefix}:*"):
        assert person.psid not in key
    gone = await client.get(f"/admin/api/users/{person.psid}", headers=headers)
    assert gone.status == 404
    audit = await (await client.get("/admin/api/audit", headers=headers)).json()
    assert any(e["what"] == "erase person" for e in audit["entries"])


async def test_restoring_an_old_backup_cannot_resurrect_an_erased_person(
    settings: Settings, aiohttp_client: Any, prefix: str, tmp_path: Path
) -> None:
    first = await aiohttp_client(create_app(settings))
    gone, kept = Person(first, "p-restore-gone"), Person(first, "p-restore-kept")
    for person in (gone, kept):
        await person.say("zivjo")
        await person.tap("CONSENT:profile:no")
    redis = first.app[SERVICES].redis
    backup = {key: await redis.dump(key) async for key in redis.scan_iter(match=f"{prefix}:*")}
    await gone.press("INTENT:erase")
    await gone.tap("ERASE:yes")
    await first.close()

    async for key in redis.scan_iter(match=f"{prefix}:*"):  # the restore of the old backup
        await redis.delete(key)
    for key, value in backup.items():
        await redis.restore(key, 0, value, replace=True)
    assert await redis.exists(first.app[SERVICES].keys.user("p-restore-gone"))

    second = await aiohttp_client(create_app(settings))
    services = second.app[SERVICES]
    assert not await services.redis.exists(services.keys.user("p-restore-gone"))
    assert await services.redis.exists(services.keys.user("p-restore-kept"))
    assert (tmp_path / "erasure-journal.jsonl").exists()


async def test_staff_pause_the_clock_while_waiting_for_the_person_and_resume_it(
    client: Client,
) -> None:
    headers = await admin_token(client)
    person = await objector(client, "p-paused")
    services = client.app[SERVICES]
    (record,) = (await (await client.get("/admin/api/dsar", headers=headers)).json())["requests"]
    url = f"/admin/api/dsar/{record['id']}/status"
    working = await client.post(url, json={"status": "in_progress"}, headers=headers)
    assert working.status == 200
    assert (await working.json())["status"] == "in_progress"
    no_note = await client.post(url, json={"status": "waiting_for_person"}, headers=headers)
    assert no_note.status == 400  # the person must be told what is needed
    asked = "Katero trgovino BTC imate v mislih?"
    paused = await client.post(
        url, json={"status": "waiting_for_person", "note": asked}, headers=headers
    )
    body = await paused.json()
    assert paused.status == 200 and body["status"] == "waiting_for_person" and body["paused_at"]
    assert "psid_sealed" not in body and body["handled_by"] == "Petra"
    DsarClosed.model_validate(body)  # the answer is what the OpenAPI document says
    told = [m["message"]["text"] for m in person.fake.sent_to(person.psid)][-1]
    assert asked in told and "miruje" in told

    # Long past its due date, but paused: still listed, not overdue.
    store = requests(services)
    stored = await store.get(record["id"])
    five_days_ago = dt.datetime.now(dt.UTC) - dt.timedelta(days=5)
    due_passed = five_days_ago - dt.timedelta(days=1)
    await store._save(
        stored.model_copy(update={"paused_at": iso(five_days_ago), "due": iso(due_passed)})
    )
    (listed,) = (await (await client.get("/admin/api/dsar", headers=headers)).json())["requests"]
    assert listed["status"] == "waiting_for_person" and listed["overdue"] is False
    assert listed["note"] == asked

    resumed = await client.post(url, json={"status": "in_progress"}, headers=headers)
    after = await resumed.json()
    assert after["status"] == "in_progress" and after["paused_at"] == ""
    moved = parse(after["due"]) - due_passed
    assert abs(moved - dt.timedelta(days=5)) < dt.timedelta(seconds=5)
    audit = await (await client.get("/admin/api/audit", headers=headers)).json()
    whats = [e["what"] for e in audit["entries"] if e["record"] == record["id"]]
    assert (
        "request status (waiting_for_person)" in whats and "request status (in_progress)" in whats
    )


async def test_status_changes_are_checked_and_limited_to_open_requests(client: Client) -> None:
    headers = await admin_token(client)
    await objector(client, "p-status-edges")
    (record,) = (await (await client.get("/admin/api/dsar", headers=headers)).json())["requests"]
    url = f"/admin/api/dsar/{record['id']}/status"
    for body in ({"status": "done"}, {"status": "open"}, {"note": "x"}, [], "in_progress"):
        assert (await client.post(url, json=body, headers=headers)).status == 400, body
    assert (await client.post(url, data=b"{not json", headers=headers)).status == 400
    missing = await client.post(
        "/admin/api/dsar/abc123/status", json={"status": "in_progress"}, headers=headers
    )
    assert missing.status == 404
    marketing = await client.app[SERVICES].admins.add("Mojca", "marketing")
    refused = await client.post(
        url, json={"status": "in_progress"}, headers={"Authorization": f"Bearer {marketing}"}
    )
    assert refused.status == 403
    closing = {"outcome": "done", "reason": "Upoštevano."}
    await client.post(f"/admin/api/dsar/{record['id']}/close", json=closing, headers=headers)
    reopened = await client.post(url, json={"status": "in_progress"}, headers=headers)
    assert reopened.status == 400  # a closed request stays closed
    assert (await requests(client.app[SERVICES]).get(record["id"])).status == "done"


def iso(moment: dt.datetime) -> str:
    return moment.isoformat(timespec="seconds").replace("+00:00", "Z")


def parse(value: str) -> dt.datetime:
    return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
