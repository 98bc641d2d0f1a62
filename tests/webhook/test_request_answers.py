"""Requests staff can work from: the person's own words and whom to open on each record, an
answer that reaches the person's chat and closes the request, a refusal's reason sent too,
an extension under Art. 12(3) the person is told about, the queue's filters, and the request
register as CSV (admin only, audited); through the API and the console alike."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import time
from typing import Any

import pytest

from bot.rights.dsar import DsarRecord, one_month_after
from bot.rights.operations import record_request, requests
from bot.services import Services
from bot.settings import Settings
from tests.helpers import texts_to
from tests.webhook.console_helpers import Client, post_form, seed_person, signed_in
from webhook.app import create_app
from webhook.keys import SERVICES

QUEUE = "/admin/requests"
WORDS = "Koliko časa hranite posnetke videonadzora z mojim avtom?"


@pytest.fixture
async def client(settings: Settings, aiohttp_client: Any) -> Client:
    client = await aiohttp_client(create_app(settings, with_worker=False))
    await signed_in(client)
    return client


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def question(services: Services, psid: str, *, wrote_ms_ago: int = 60_000) -> DsarRecord:
    await seed_person(services, psid, int(time.time() * 1000) - wrote_ms_ago)
    return await record_request(services, psid, "question", done=False, text=WORDS)


def parse(value: str) -> dt.datetime:
    return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))


async def test_the_api_lists_the_words_and_the_answer_reaches_the_chat(client: Client) -> None:
    services = client.app[SERVICES]
    record = await question(services, "p-ans-1")
    token = await services.admins.add("Api", "admin")
    listed = await (await client.get("/admin/api/dsar", headers=bearer(token))).json()
    mine = next(r for r in listed["requests"] if r["id"] == record.id)
    assert mine["text"] == WORDS and mine["psid"] == "p-ans-1" and mine["type"] == "question"
    raw = await services.redis.get(services.keys.dsar(record.id))
    assert WORDS not in raw and "p-ans-1" not in raw  # sealed at rest

    answer = "Posnetke hranimo 30 dni, nato se samodejno izbrišejo."
    path = f"/admin/api/dsar/{record.id}/close"
    closed = await client.post(
        path, json={"outcome": "done", "answer": answer}, headers=bearer(token)
    )
    assert closed.status == 200
    body = await closed.json()
    assert body["status"] == "done" and body["outcome"] == "answered in the chat"
    told = texts_to(services.fake_graph, "p-ans-1")[-1]
    assert answer in told and "Odgovor osebja" in told  # the person's language (sl)
    again = await client.post(path, json={"outcome": "done"}, headers=bearer(token))
    assert again.status == 400


async def test_a_refusal_needs_a_reason_which_is_sent(client: Client) -> None:
    services = client.app[SERVICES]
    record = await question(services, "p-ans-2")
    token = await services.admins.add("Api", "admin")
    path = f"/admin/api/dsar/{record.id}/close"
    bare = await client.post(path, json={"outcome": "refused"}, headers=bearer(token))
    assert bare.status == 400
    assert (await requests(services).get(record.id)).status == "open"
    reason = "Tega podatka ne obdelujemo."
    refused = await client.post(
        path, json={"outcome": "refused", "reason": reason}, headers=bearer(token)
    )
    assert refused.status == 200
    assert reason in texts_to(services.fake_graph, "p-ans-2")[-1]


async def test_an_answer_outside_the_window_waits_for_the_next_message(client: Client) -> None:
    services = client.app[SERVICES]
    record = await question(services, "p-ans-3", wrote_ms_ago=30 * 3600 * 1000)
    token = await services.admins.add("Api", "admin")
    response = await client.post(
        f"/admin/api/dsar/{record.id}/close",
        json={"outcome": "done", "answer": "Odgovor čaka."},
        headers=bearer(token),
    )
    assert response.status == 200
    assert texts_to(services.fake_graph, "p-ans-3") == []
    held = await services.redis.lrange(services.keys.outbox("p-ans-3"), 0, -1)
    assert any("Odgovor čaka." in json.loads(item)["text"] for item in held)


async def test_an_extension_moves_the_due_date_once_and_tells_the_person(client: Client) -> None:
    services = client.app[SERVICES]
    record = await question(services, "p-ext-1")
    token = await services.admins.add("Api", "admin")
    path = f"/admin/api/dsar/{record.id}/extend"
    for wrong in ({"months": 3, "reason": "x"}, {"months": 1, "reason": ""}, {"months": 1}):
        assert (await client.post(path, json=wrong, headers=bearer(token))).status == 400
    why = "Zahteva zajema posnetke več kamer."
    response = await client.post(path, json={"months": 2, "reason": why}, headers=bearer(token))
    assert response.status == 200
    body = await response.json()
    expected = one_month_after(one_month_after(parse(record.due)))
    assert parse(body["due"]) == expected and body["extended_months"] == 2
    told = texts_to(services.fake_graph, "p-ext-1")[-1]
    assert why in told and body["due"][:10] in told
    twice = await client.post(path, json={"months": 1, "reason": why}, headers=bearer(token))
    assert twice.status == 400 and "already extended" in (await twice.json())["error"]
    whats = [e["what"] for e in await services.audit.entries() if e["record"] == record.id]
    assert "extend request" in whats


async def test_no_extension_after_the_first_due_date(client: Client) -> None:
    services = client.app[SERVICES]
    record = await question(services, "p-ext-2")
    store = requests(services)
    past = (dt.datetime.now(dt.UTC) - dt.timedelta(days=1)).isoformat(timespec="seconds")
    await store._save(record.model_copy(update={"due": past}))
    token = await services.admins.add("Api", "admin")
    response = await client.post(
        f"/admin/api/dsar/{record.id}/extend",
        json={"months": 1, "reason": "Late."},
        headers=bearer(token),
    )
    assert response.status == 400
    marketing = await services.admins.add("Marko", "marketing")
    refused = await client.post(
        f"/admin/api/dsar/{record.id}/extend",
        json={"months": 1, "reason": "x"},
        headers=bearer(marketing),
    )
    assert refused.status == 403


async def test_the_queue_card_shows_the_words_and_answers_from_the_console(
    client: Client,
) -> None:
    services = client.app[SERVICES]
    record = await question(services, "p-card-1")
    other = await record_request(services, "p-card-2", "object", done=False)
    html = await (await client.get(QUEUE)).text()
    start = html.index(f'id="req-{record.id}"')
    card = html[start : html.index("</li>", start)]
    assert WORDS in card and 'href="/admin/people/p-card-1"' in card
    assert "Question" in card and "Answer (sent to the person in their chat)" in card
    only_questions = await (await client.get(f"{QUEUE}?type=question")).text()
    assert record.id in only_questions and other.id not in only_questions
    assert other.id not in await (await client.get(f"{QUEUE}?overdue=1")).text()

    answer = "Hranimo jih 30 dni."
    response = await post_form(
        client, f"{QUEUE}/{record.id}/close", QUEUE, outcome="done", answer=answer
    )
    assert response.status == 303
    assert answer in texts_to(services.fake_graph, "p-card-1")[-1]

    extended = await post_form(
        client, f"{QUEUE}/{other.id}/extend", QUEUE, months="1", reason="Veliko zahtev."
    )
    assert extended.status == 303
    assert (await requests(services).get(other.id)).extended_months == 1


async def test_the_register_is_csv_for_admins_only_and_audited(
    client: Client, settings: Settings, aiohttp_client: Any
) -> None:
    services = client.app[SERVICES]
    record = await question(services, "p-reg-1")
    await record_request(services, "p-reg-2", "unsubscribe", outcome="=HYPERLINK(1)")
    response = await client.get(f"{QUEUE}/register.csv")
    assert response.status == 200 and response.content_type == "text/csv"
    rows = list(csv.DictReader(io.StringIO(await response.text())))
    assert {r["id"] for r in rows} >= {record.id}
    assert all(WORDS not in str(r) and "p-reg-1" not in str(r) for r in rows)
    assert any(r["outcome"] == "'=HYPERLINK(1)" for r in rows)  # no formula in a spreadsheet
    assert "download request register" in [e["what"] for e in await services.audit.entries()]

    marketing = await aiohttp_client(create_app(settings, with_worker=False))
    await signed_in(marketing, role="marketing", name="Marko")
    assert (await marketing.get(f"{QUEUE}/register.csv")).status == 403
