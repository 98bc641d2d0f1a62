"""The webhook edge: verification, signatures, limits, shapes; real Redis, fake Graph."""

from __future__ import annotations

import json
from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from bot.rights.operations import erase_person
from bot.settings import Settings
from tests.helpers import (
    APP_SECRET,
    VERIFY_TOKEN,
    envelope,
    events_waiting,
    eventually,
    post_events,
    signed,
    text_event,
    texts_to,
)
from webhook.app import create_app
from webhook.keys import SERVICES

Client = TestClient[Any, Any]


@pytest.fixture
async def client(settings: Settings, aiohttp_client: Any) -> Client:
    return await aiohttp_client(create_app(settings))


async def test_verification_echoes_the_challenge(client: Client) -> None:
    query = {
        "hub.mode": "subscribe",
        "hub.verify_token": VERIFY_TOKEN,
        "hub.challenge": "1158201444",
    }
    response = await client.get("/webhook", params=query)
    assert response.status == 200
    assert await response.text() == "1158201444"


async def test_verification_with_a_wrong_token_is_refused(client: Client) -> None:
    query = {"hub.mode": "subscribe", "hub.verify_token": "guess", "hub.challenge": "1"}
    response = await client.get("/webhook", params=query)
    assert response.status == 403
    assert "1" not in await response.text()


async def test_a_signed_message_gets_a_reply(client: Client) -> None:
    fake = client.app[SERVICES].fake_graph
    assert fake is not None
    assert await post_events(client, text_event("p-hello", "Zdravo, kaj znaš?")) == 200
    await eventually(lambda: bool(fake.sent_to("p-hello")))
    assert fake.sent_to("p-hello")[0]["messaging_type"] == "RESPONSE"


@pytest.mark.parametrize("header", [None, "sha256=" + "0" * 64, "sha1=abc", "garbage"])
async def test_missing_or_wrong_signature_is_refused_without_detail(
    client: Client, header: str | None
) -> None:
    body = json.dumps(envelope(text_event("p-sig", "hi"))).encode()
    headers = {"Content-Type": "application/json"} | (
        {"X-Hub-Signature-256": header} if header else {}
    )
    response = await client.post("/webhook", data=body, headers=headers)
    assert response.status == 403
    assert "sha256" not in await response.text()
    assert await events_waiting(client.app[SERVICES]) == 0


async def test_signature_is_checked_on_the_escaped_unicode_bytes(client: Client) -> None:
    # Meta signs the body as sent: with \u00e4-style escapes, not the decoded characters.
    batch = envelope(text_event("p-uni", "čšž äöå 😀"))
    body = json.dumps(batch, ensure_ascii=True).encode()
    assert b"\\u010d" in body
    response = await client.post("/webhook", data=body, headers=signed(body))
    assert response.status == 200
    decoded = json.dumps(batch, ensure_ascii=False).encode()
    wrong = await client.post("/webhook", data=body, headers=signed(decoded))
    assert wrong.status == 403


async def test_a_body_over_one_megabyte_is_refused(client: Client) -> None:
    body = json.dumps(envelope(text_event("p-big", "x" * (5 * 1024 * 1024)))).encode()
    response = await client.post("/webhook", data=body, headers=signed(body))
    assert response.status == 413


async def test_signed_but_malformed_json_is_a_bad_request(client: Client) -> None:
    body = b'{"object": "page", "entry": [ {'
    response = await client.post("/webhook", data=body, headers=signed(body))
    assert response.status == 400
    assert "Traceback" not in await response.text()


async def test_other_objects_are_not_found(client: Client) -> None:
    body = json.dumps({"object": "instagram", "entry": []}).encode()
    response = await client.post("/webhook", data=body, headers=signed(body))
    assert response.status == 404


async def test_the_dashboard_test_event_is_acknowledged_and_ignored(client: Client) -> None:
    test_event = {
        "object": "page",
        "entry": [
            {
                "id": "0",
                "time": 1,
                "changes": [{"field": "messages", "value": {"message": {"text": "test"}}}],
            }
        ],
    }
    body = json.dumps(test_event).encode()
    response = await client.post("/webhook", data=body, headers=signed(body))
    assert response.status == 200
    assert await client.app[SERVICES].redis.xlen(client.app[SERVICES].keys.dead_letters) == 0


async def test_every_event_of_a_batch_is_handled(client: Client) -> None:
    fake = client.app[SERVICES].fake_graph
    assert fake is not None
    events = [text_event(f"p-batch-{i}", "hello") for i in range(6)]
    assert await post_events(client, *events, per_entry=2) == 200
    await eventually(lambda: all(fake.sent_to(f"p-batch-{i}") for i in range(6)))


async def test_a_redelivered_message_is_handled_once(client: Client) -> None:
    fake = client.app[SERVICES].fake_graph
    assert fake is not None
    event = text_event("p-dup", "hello")
    assert await post_events(client, event) == 200
    services = client.app[SERVICES]
    handled = services.metrics.events_handled.labels(kind="message")
    # Counted only once every reply of the turn went out, so `first` is the whole turn.
    await eventually(lambda: handled._value.get() >= 1)
    first = len(fake.sent_to("p-dup"))
    assert first >= 1
    assert await post_events(client, event) == 200
    assert await post_events(client, event, event) == 200
    await eventually(lambda: services.metrics.events_duplicate._value.get() >= 3)
    assert len(fake.sent_to("p-dup")) == first


async def test_out_of_order_events_are_handled_in_timestamp_order(client: Client) -> None:
    services = client.app[SERVICES]
    # Meta redelivers after failures out of order: START (later) arrives before STOP.
    stop = text_event("p-order", "stop", ts=1_700_000_000_000)
    start = text_event("p-order", "start", ts=1_700_000_000_500)
    assert await post_events(client, start, stop, per_entry=2) == 200
    fake = services.fake_graph
    assert fake is not None
    await eventually(lambda: len(fake.sent_to("p-order")) >= 2)
    first, second = fake.sent_to("p-order")[:2]
    assert "STOP" not in first["message"]["text"] and "START" in first["message"]["text"]
    payloads = [q["payload"] for q in second["message"]["quick_replies"]]
    assert "CONSENT:marketing:yes" in payloads  # START without consent asks for it


async def test_unknown_event_kinds_are_acknowledged_not_dropped(client: Client) -> None:
    services = client.app[SERVICES]
    odd = {
        "sender": {"id": "p-odd"},
        "recipient": {"id": "1"},
        "timestamp": 1700000000000,
        "message_edit": {"mid": "m1", "text": "edited"},
    }
    body = json.dumps({"object": "page", "entry": [{"id": "1", "time": 1, "messaging": [odd]}]})
    response = await client.post("/webhook", data=body, headers=signed(body.encode()))
    assert response.status == 200

    def handled() -> bool:
        return services.metrics.events_handled.labels(kind="unknown")._value.get() == 1

    await eventually(handled)
    fake = services.fake_graph
    assert fake is not None and fake.sent_to("p-odd") == []


async def test_an_invalid_event_is_kept_as_a_dead_letter(client: Client) -> None:
    services = client.app[SERVICES]
    typed = "moja davčna je 12345678"
    broken = {"sender": {"id": "p-bad"}, "timestamp": "not-a-time", "message": {"text": typed}}
    body = json.dumps({"object": "page", "entry": [{"id": "1", "messaging": [broken]}]}).encode()
    response = await client.post("/webhook", data=body, headers=signed(body))
    assert response.status == 200
    dead = await services.redis.xrange(services.keys.dead_letters)
    assert len(dead) == 1 and dead[0][1]["error"].startswith("invalid")
    # What the person typed is sealed at rest, and can still be read by whoever inspects it.
    assert "12345678" not in json.dumps(dead) and "p-bad" not in json.dumps(dead)
    seal = services.ingest.seal
    assert seal is not None and json.loads(seal.open(dead[0][1]["e"])) == broken
    # Their erasure takes the letter with it.
    await erase_person(services, "p-bad", actor="Petra", role="admin")
    assert await services.redis.xlen(services.keys.dead_letters) == 0


async def test_health_readiness_and_metrics(client: Client) -> None:
    assert (await client.get("/healthz")).status == 200
    ready = await client.get("/readyz")
    assert ready.status == 200 and (await ready.json())["ready"] is True
    await post_events(client, text_event("p-metrics", "hello"))
    fake = client.app[SERVICES].fake_graph
    assert fake is not None
    await eventually(lambda: bool(fake.sent_to("p-metrics")))
    metrics = await (await client.get("/metrics")).text()
    assert 'privacybot_events_received_total{kind="message"} 1.0' in metrics
    assert "p-metrics" not in metrics
    assert texts_to(fake, "p-metrics")


async def test_a_secret_is_never_echoed_in_errors(client: Client) -> None:
    body = b"{}"
    response = await client.post("/webhook", data=body, headers=signed(body, "wrong"))
    assert APP_SECRET not in await response.text()
