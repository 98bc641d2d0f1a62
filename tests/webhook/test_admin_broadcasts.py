"""The broadcast API: validation, dry run, live counts without people, cancel, audit, and
Meta's policy block arriving through the webhook."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from bot.services import Services
from bot.settings import Settings
from tests.bot.broadcast_support import Clock, add_people
from tests.helpers import PAGE_ID, eventually, next_ts, post_events
from webhook.app import create_app
from webhook.keys import SERVICES

Client = TestClient[Any, Any]


@pytest.fixture
async def client(settings: Settings, aiohttp_client: Any) -> Client:
    return await aiohttp_client(create_app(settings))


def services_of(client: Client) -> Services:
    return client.app[SERVICES]


async def bearer(client: Client, role: str) -> dict[str, str]:
    token = await services_of(client).admins.add(f"Staff-{role}", role)  # type: ignore[arg-type]
    return {"Authorization": f"Bearer {token}"}


def daytime_offset() -> str:
    """A profile time zone in which it is about noon now, whenever the test runs."""
    return str(12 - dt.datetime.now(dt.UTC).hour)


async def people(client: Client, count: int, tag: str, **changes: str | None) -> list[str]:
    changes.setdefault("profile:timezone", daytime_offset())
    return await add_people(services_of(client), Clock(time.time()), count, tag, **changes)


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ({"text": "x" * 2000}, "text: String should have at most 1999 characters"),
        ({"text": ""}, "text: String should have at least 1 character"),
        ({"text": "hi", "languages": ["xx"]}, "unknown language(s) xx"),
        ({"text": "hi", "rate": 300}, "rate: Input should be less than or equal to 250"),
        ({"text": "hi", "at": "2026-12-01T10:00:00"}, "give a time zone"),
        ({"text": "hi", "at": "9999-12-31T23:59:59-01:00"}, "at most 366 days ahead"),
        (
            {
                "text": "hi",
                "quick_replies": [{"title": "Da", "payload": "Y"}],
                "button": {"title": "Go", "url": "https://btc.si"},
            },
            "either quick replies or one",
        ),
        (
            {"text": "hi", "quick_replies": [{"title": "t" * 21, "payload": "Y"}]},
            "quick_replies.0.title",
        ),
        ({"text": "hi", "surprise": 1}, "surprise: Extra inputs are not permitted"),
        (["hi"], "the body must be a JSON object"),
    ],
)
async def test_a_bad_broadcast_is_refused_with_a_clear_message(
    client: Client, body: Any, problem: str
) -> None:
    response = await client.post(
        "/admin/api/broadcasts", json=body, headers=await bearer(client, "marketing")
    )
    assert response.status == 400
    assert problem in (await response.json())["error"]


async def test_a_dry_run_counts_by_reason_and_sends_nothing(client: Client) -> None:
    await people(client, 3, "ok")
    await people(client, 2, "nocons", **{"consent:marketing": "refused"})
    await people(client, 1, "en", language="en")
    await people(client, 1, "old", last_action="1000")
    response = await client.post(
        "/admin/api/broadcasts",
        json={"text": "Akcija", "languages": ["sl"], "dry_run": True},
        headers=await bearer(client, "marketing"),
    )
    assert response.status == 202
    body = await response.json()
    assert body["audience"] == 3 and body["eligible_in_window"] == 3
    assert body["skipped"] == {
        "suppressed": 0,
        "no_consent": 2,
        "unsubscribed": 0,
        "restricted": 0,
        "unreachable": 0,
        "language": 1,
        "outside_window_no_token": 1,
    }
    assert body["status"] == "done"
    assert not services_of(client).fake_graph.requests  # type: ignore[union-attr]


async def test_marketing_sends_and_follows_counts_but_never_sees_people(client: Client) -> None:
    psids = await people(client, 4, "p-bc")
    await people(client, 1, "p-stopped", subscribed="0")
    marketing = await bearer(client, "marketing")
    response = await client.post(
        "/admin/api/broadcasts",
        json={"text": "Poletna akcija", "quick_replies": [{"title": "Več", "payload": "MORE"}]},
        headers=marketing,
    )
    assert response.status == 202
    bid = (await response.json())["id"]

    async def finished() -> bool:
        reply = await client.get(f"/admin/api/broadcasts/{bid}", headers=marketing)
        return (await reply.json())["status"] == "done"

    await eventually(finished, 10)
    reply = await client.get(f"/admin/api/broadcasts/{bid}", headers=marketing)
    text = await reply.text()
    body = await reply.json()
    assert {k: body[k] for k in ("id", "status", "total", "sent", "skipped", "failed")} == {
        "id": bid,
        "status": "done",
        "total": 5,
        "sent": 4,
        "skipped": 1,
        "failed": 0,
    }
    assert body["skipped_by_reason"] == {"unsubscribed": 1}
    assert not any(psid in text for psid in [*psids, "p-stopped"])
    assert "Test" not in text and "Person" not in text  # the fake profile's names
    fake = services_of(client).fake_graph
    assert fake is not None
    message = fake.sent_to(psids[0])[0]["message"]
    assert message["quick_replies"][0]["title"] == "Več"


async def test_cancel_is_audited_with_who_the_text_and_the_counts(client: Client) -> None:
    await people(client, 2, "p-later")
    marketing = await bearer(client, "marketing")
    later = (dt.datetime.now(dt.UTC) + dt.timedelta(days=1)).isoformat()
    created = await client.post(
        "/admin/api/broadcasts", json={"text": "Jutri popust", "at": later}, headers=marketing
    )
    bid = (await created.json())["id"]
    cancelled = await client.post(f"/admin/api/broadcasts/{bid}/cancel", headers=marketing)
    assert cancelled.status == 200 and (await cancelled.json())["status"] == "cancelled"
    again = await client.post(f"/admin/api/broadcasts/{bid}/cancel", headers=marketing)
    assert again.status == 400
    audit = [e for e in await services_of(client).audit.entries() if e["record"] == bid]
    created_entry = next(e for e in audit if e["what"].startswith("broadcast created"))
    assert created_entry["who"] == "Staff-marketing" and "Jutri popust" in created_entry["what"]
    assert "scheduled for" in created_entry["what"] and "audience 2" in created_entry["what"]
    assert any(e["what"].startswith("broadcast cancelled (was queued; sent 0") for e in audit)
    assert (await client.get("/admin/api/broadcasts/nope", headers=marketing)).status == 404


def enforcement(action: str) -> dict[str, Any]:
    event: dict[str, Any] = {"action": action}
    if action == "block":
        event["reason"] = "spam reports"
    return {"recipient": {"id": PAGE_ID}, "timestamp": next_ts(), "policy_enforcement": event}


async def test_a_policy_block_pauses_broadcasts_until_an_admin_resumes(client: Client) -> None:
    await people(client, 1, "p-block")
    marketing, admin = await bearer(client, "marketing"), await bearer(client, "admin")
    later = (dt.datetime.now(dt.UTC) + dt.timedelta(hours=2)).isoformat()
    made = await client.post(
        "/admin/api/broadcasts", json={"text": "A", "at": later}, headers=marketing
    )
    bid = (await made.json())["id"]
    assert await post_events(client, enforcement("block")) == 200

    async def alerted() -> bool:
        reply = await client.get("/admin/api/alerts", headers=marketing)
        return "policy_block" in (await reply.json())["alerts"]

    await eventually(alerted)
    view = await (await client.get(f"/admin/api/broadcasts/{bid}", headers=marketing)).json()
    assert view["status"] == "paused" and view["paused_reason"] == "policy_block"
    made = await client.post("/admin/api/broadcasts", json={"text": "B"}, headers=marketing)
    assert (await made.json())["status"] == "paused"  # nothing new goes out while blocked
    assert (await client.post(f"/admin/api/broadcasts/{bid}/resume", headers=admin)).status == 400
    audit = await services_of(client).audit.entries()
    assert any(e["what"].startswith("policy enforcement block (spam reports)") for e in audit)

    assert await post_events(client, enforcement("unblock")) == 200
    await eventually(lambda: not_alerted(client, marketing))
    view = await (await client.get(f"/admin/api/broadcasts/{bid}", headers=marketing)).json()
    assert view["status"] == "paused"  # an admin decides when sending goes on
    refused = await client.post(f"/admin/api/broadcasts/{bid}/resume", headers=marketing)
    assert refused.status == 403
    resumed = await client.post(f"/admin/api/broadcasts/{bid}/resume", headers=admin)
    assert resumed.status == 200 and (await resumed.json())["status"] == "queued"


async def not_alerted(client: Client, headers: dict[str, str]) -> bool:
    reply = await client.get("/admin/api/alerts", headers=headers)
    return "policy_block" not in (await reply.json())["alerts"]
