"""The admin pages: people, one person, export, erasure, the request queue, the audit log
and the dashboard, as an admin sees them (and the audit trail they leave)."""

from __future__ import annotations

import datetime as dt
import json
import time
from typing import Any

import pytest

from bot.rights.operations import record_request, requests
from bot.settings import Settings
from tests.webhook.console_helpers import Client, csrf_from, post_form, seed_person, signed_in
from webhook.app import create_app
from webhook.keys import SERVICES


@pytest.fixture
async def client(settings: Settings, aiohttp_client: Any) -> Client:
    client = await aiohttp_client(create_app(settings, with_worker=False))
    await signed_in(client)
    return client


async def seed(client: Client, count: int, **names: tuple[str, str]) -> None:
    """`count` anonymous people plus named ones (psid=name), newest last."""
    services = client.app[SERVICES]
    start = int(time.time() * 1000) - count * 1000
    for i in range(count):
        await seed_person(services, f"anon-{i:03d}", start + i * 1000)
    for psid, name in names.items():
        await seed_person(services, psid, int(time.time() * 1000), name=name, marketing="granted")


async def test_the_people_list_shows_names_pages_and_finds_an_encrypted_name(
    client: Client,
) -> None:
    await seed(client, 60, nina=("Nina", "Kos"), ana=("Ana", "Novak"))
    first = await (await client.get("/admin/people")).text()
    assert "Nina Kos" in first and "62 stored" in first
    assert first.count('href="/admin/people/') == 50
    second = await (await client.get("/admin/people?cursor=50")).text()
    assert second.count('href="/admin/people/') == 12 and 'rel="next"' not in second
    found = await (await client.get("/admin/people?q=novak")).text()
    assert "Ana Novak" in found and "Nina Kos" not in found
    assert "1 person’s name matches" in found  # found through the name index, not a scan
    exact = await (await client.get("/admin/people?q=anon-007")).text()
    assert exact.count('href="/admin/people/') == 1 and "anon-007" in exact


async def test_people_are_filtered_by_consent_and_subscription(client: Client) -> None:
    await seed(client, 5, nina=("Nina", "Kos"))
    services = client.app[SERVICES]
    await services.store.set_subscribed("nina", False)
    granted = await (await client.get("/admin/people?consent=marketing:granted")).text()
    assert "Nina Kos" in granted and "anon-001" not in granted
    unsubscribed = await (await client.get("/admin/people?subscribed=no")).text()
    # Never asked for marketing is not subscribed either (one definition: bot.store.is_subscribed).
    assert "Nina Kos" in unsubscribed and "anon-001" in unsubscribed
    subscribed = await (await client.get("/admin/people?subscribed=yes")).text()
    assert "Nina Kos" not in subscribed and "anon-001" not in subscribed
    refused = await (await client.get("/admin/people?consent=profile:refused")).text()
    assert "anon-001" in refused and "Nina Kos" not in refused
    assert (await client.get("/admin/people?consent=bogus")).status == 400


async def test_a_person_page_shows_receipts_requests_and_audit_and_is_audited(
    client: Client,
) -> None:
    await seed(client, 0, nina=("Nina", "Kos"))
    services = client.app[SERVICES]
    await record_request(services, "nina", "access")
    page = await client.get("/admin/people/nina")
    html = await page.text()
    assert page.status == 200 and "Nina Kos" in html
    assert "profile: granted" in html and "marketing: granted" in html
    assert "evidence m_nina_marketing" in html
    assert "<strong>Access to your data</strong>" in html
    audit = await services.audit.entries()
    read = next(e for e in audit if e["what"] == "read person")
    assert read["who"] == "Petra" and read["record"] == services.pseudonym("nina")
    assert all("nina" not in json.dumps(e) for e in audit)
    again = await (await client.get("/admin/people/nina")).text()
    assert "Petra (admin): read person" in again  # the page lists reads of this person
    assert (await client.get("/admin/people/nobody")).status == 404


async def test_export_asks_first_then_downloads_the_json(client: Client) -> None:
    await seed(client, 0, nina=("Nina", "Kos"))
    confirm = await client.get("/admin/people/nina/export")
    assert "Download the export" in await confirm.text()
    response = await post_form(client, "/admin/people/nina/export", "/admin/people/nina/export")
    assert response.status == 200
    assert "attachment" in response.headers["Content-Disposition"]
    document = json.loads(await response.text())
    assert document["psid"] == "nina" and document["profile"]["first_name"]["value"] == "Nina"
    whats = [e["what"] for e in await client.app[SERVICES].audit.entries()]
    assert "export person" in whats


async def test_erasure_needs_the_typed_confirmation_then_removes_the_person(
    client: Client,
) -> None:
    await seed(client, 0, nina=("Nina", "Kos"))
    services = client.app[SERVICES]
    unconfirmed = await post_form(client, "/admin/people/nina/erase", "/admin/people/nina/erase")
    assert unconfirmed.status == 400 and "nothing was erased" in await unconfirmed.text()
    assert await services.redis.exists(services.keys.user("nina"))
    erased = await post_form(
        client, "/admin/people/nina/erase", "/admin/people/nina/erase", confirm="ERASE"
    )
    assert erased.status == 303 and erased.headers["Location"] == "/admin/people?erased=1"
    assert not await services.redis.exists(services.keys.user("nina"))
    assert (await client.get("/admin/people/nina")).status == 404
    listing = await (await client.get("/admin/people?erased=1")).text()
    assert "was erased" in listing and "Nina" not in listing
    entry = next(e for e in await services.audit.entries() if e["what"] == "erase person")
    assert entry["who"] == "Petra" and entry["record"] == services.pseudonym("nina")


async def test_the_queue_is_by_due_date_marks_overdue_and_closes_with_a_reason(
    client: Client,
) -> None:
    services = client.app[SERVICES]
    later = await record_request(services, "p1", "access", done=False)
    late = await record_request(services, "p2", "rectify", done=False)
    past = (dt.datetime.now(dt.UTC) - dt.timedelta(days=2)).isoformat(timespec="seconds")
    store = requests(services)
    await store._save(late.model_copy(update={"due": past}))
    html = await (await client.get("/admin/requests")).text()
    assert html.index(f"req-{late.id}") < html.index(f"req-{later.id}")
    assert "1 overdue" in html
    path = f"/admin/requests/{late.id}/close"
    no_reason = await post_form(client, path, "/admin/requests", outcome="refused")
    assert no_reason.status == 400 and "reason" in await no_reason.text()
    refused = await post_form(
        client,
        path,
        "/admin/requests",
        outcome="refused",
        reason="We could not confirm it was you.",
    )
    assert refused.status == 303
    record = await store.get(late.id)
    assert record.status == "refused" and record.handled_by == "Petra"
    assert record.reason == "We could not confirm it was you."
    closed = await (await client.get("/admin/requests?status=refused")).text()
    assert "We could not confirm it was you." in closed


async def test_the_audit_log_is_read_only(client: Client) -> None:
    html = await (await client.get("/admin/audit")).text()
    assert "console sign-in" in html and "Petra" in html
    csrf = await csrf_from(client, "/admin/audit")
    for method in ("POST", "PUT", "DELETE"):
        response = await client.request(method, "/admin/audit", data={"csrf": csrf})
        assert response.status in (403, 405), method
    assert (await client.get("/admin/audit?before=garbage")).status == 400


async def test_the_dashboard_counts_and_charts_decisions(client: Client) -> None:
    await seed(client, 3, nina=("Nina", "Kos"))
    await record_request(client.app[SERVICES], "p1", "access", done=False)
    first = await (await client.get("/admin/")).text()
    assert '<span class="big" id="people-count">4</span>' in first
    assert '<span class="big">1</span> open requests' in first
    # Complete on the first visit: the first count is awaited, not left for a reload.
    assert "Counting consent decisions" not in first and "<rect" in first
    html = await (await client.get("/admin/")).text()
    assert "granted</title>" in html and "refused</title>" in html
    assert "<td>1</td><td>3</td>" in html.replace("\n", "")  # profile: 1 granted, 3 refused
