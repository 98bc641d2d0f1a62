"""The request queue's work states: in progress, waiting for the person with the clock
paused (the person is told what is needed), resumed with the due date moved on; every move
audited and CSRF-protected, and closing from the console tells the person too."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

import pytest

from bot.rights.dsar import DsarRecord
from bot.rights.operations import record_request, requests
from bot.services import Services
from bot.settings import Settings
from tests.helpers import texts_to
from tests.webhook.console_helpers import Client, post_form, seed_person, signed_in
from webhook.app import create_app
from webhook.keys import SERVICES

QUEUE = "/admin/requests"


@pytest.fixture
async def client(settings: Settings, aiohttp_client: Any) -> Client:
    client = await aiohttp_client(create_app(settings, with_worker=False))
    await signed_in(client)
    return client


async def open_request(services: Services, psid: str) -> DsarRecord:
    """An objection from someone who wrote a minute ago (inside Meta's 24-hour window)."""
    await seed_person(services, psid, int(time.time() * 1000) - 60_000)
    return await record_request(services, psid, "object", done=False)


def card(html: str, request_id: str) -> str:
    start = html.index(f'id="req-{request_id}"')
    return html[start : html.index("</li>", start)]


async def move(client: Client, request_id: str, status: str, note: str = "") -> int:
    path = f"{QUEUE}/{request_id}/status"
    response = await post_form(client, path, QUEUE, status=status, note=note)
    return response.status


async def test_in_progress_then_waiting_with_the_clock_paused_then_resumed(
    client: Client,
) -> None:
    services = client.app[SERVICES]
    record = await open_request(services, "p-queue-1")
    first = card(await (await client.get(QUEUE)).text(), record.id)
    assert "In progress</button>" in first and "Waiting for the person (pause clock)" in first
    assert "Resume</button>" not in first

    assert await move(client, record.id, "in_progress") == 303
    working = card(await (await client.get(QUEUE)).text(), record.id)
    assert ">in progress</span>" in working and "In progress</button>" not in working

    assert await move(client, record.id, "waiting_for_person") == 400  # say what is needed
    need = "Your receipt number, please."
    assert await move(client, record.id, "waiting_for_person", need) == 303
    told = texts_to(services.fake_graph, "p-queue-1")
    assert need in told[-1] and "miruje" in told[-1]  # in the person's language (sl)

    # Paused for a week, due date long gone: still on the open list, marked paused, not overdue.
    store = requests(services)
    week_ago = dt.datetime.now(dt.UTC) - dt.timedelta(days=7)
    paused = await store.get(record.id)
    await store._save(paused.model_copy(update={"paused_at": iso(week_ago), "due": iso(week_ago)}))
    html = await (await client.get(QUEUE)).text()
    waiting = card(html, record.id)
    assert "clock paused since" in waiting and f"Waiting for: {need}" in waiting
    assert "Resume</button>" in waiting and "overdue" not in waiting
    assert "overdue-count" not in html

    assert await move(client, record.id, "in_progress") == 303
    resumed = await store.get(record.id)
    assert resumed.status == "in_progress" and resumed.paused_at == ""
    moved = parse(resumed.due) - week_ago
    assert abs(moved - dt.timedelta(days=7)) < dt.timedelta(seconds=5)
    assert resumed.handled_by == "Petra"
    whats = [e["what"] for e in await services.audit.entries() if e["record"] == record.id]
    for status in ("in_progress", "waiting_for_person"):
        assert f"request status ({status})" in whats


async def test_a_status_change_needs_the_forms_csrf_token(client: Client) -> None:
    services = client.app[SERVICES]
    record = await open_request(services, "p-queue-2")
    forged = await client.post(
        f"{QUEUE}/{record.id}/status", data={"status": "in_progress"}, allow_redirects=False
    )
    assert forged.status == 403
    assert await move(client, record.id, "done") == 400
    assert (await requests(services).get(record.id)).status == "open"


async def test_closing_from_the_console_tells_the_person(client: Client) -> None:
    services = client.app[SERVICES]
    record = await open_request(services, "p-queue-3")
    path = f"{QUEUE}/{record.id}/close"
    response = await post_form(
        client, path, QUEUE, outcome="refused", reason="Processing is needed for your contract."
    )
    assert response.status == 303
    assert (
        "Processing is needed for your contract." in texts_to(services.fake_graph, "p-queue-3")[-1]
    )


def iso(moment: dt.datetime) -> str:
    return moment.isoformat(timespec="seconds").replace("+00:00", "Z")


def parse(value: str) -> dt.datetime:
    return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
