"""One bad body never fails another request: values are checked before the shared MULTI."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from bot.pipeline.ingest import GroupCommit, Queued
from bot.services import Services
from bot.settings import Settings
from tests.helpers import envelope, signed, text_event
from webhook.app import create_app
from webhook.keys import SERVICES

Client = TestClient[Any, Any]


@pytest.fixture
async def client(settings: Settings, aiohttp_client: Any) -> Client:
    return await aiohttp_client(create_app(settings, with_worker=False))


async def _post(client: Client, body: bytes) -> int:
    response = await client.post("/webhook", data=body, headers=signed(body))
    return response.status


def _body(event: dict[str, Any]) -> bytes:
    return json.dumps(envelope(event)).encode()


def _bad_timestamp(timestamp: str) -> bytes:
    """A batch whose event timestamp is this raw JSON text (json.dumps would refuse some)."""
    text = json.dumps(envelope(text_event("p-ts", "hi", ts=1)))
    return text.replace('"timestamp": 1,', f'"timestamp": {timestamp},').encode()


async def _letters(client: Client) -> list[dict[str, str]]:
    services = client.app[SERVICES]
    return [fields for _, fields in await services.redis.xrange(services.keys.dead_letters)]


async def _stored(services: Services) -> list[tuple[str, dict[str, str]]]:
    """Every partition's events stream's entries."""
    keys = services.keys
    return [e for n in keys.every_partition for e in await services.redis.xrange(keys.events(n))]


async def _stored_texts(client: Client) -> list[str]:
    services = client.app[SERVICES]
    entries = await _stored(services)
    seal = services.ingest.seal
    assert seal is not None
    return [json.loads(seal.open_event(f)["e"])["message"]["text"] for _, f in entries]


BAD_TIMESTAMPS = ['"inf"', '"1e400"', "Infinity", "-Infinity", "NaN", "-5", "1" + "0" * 30]


async def test_bad_bodies_among_valid_ones_fail_no_valid_request(client: Client) -> None:
    good = [_body(text_event(f"p-good-{n}", "zdravo")) for n in range(40)]
    cut = _body(text_event("p-cut", "emoji cut \ud83d"))  # json.dumps escapes it: "\\ud83d"
    bad = [cut, *map(_bad_timestamp, BAD_TIMESTAMPS)] * 5
    mixed = [body for pair in zip(good, bad, strict=True) for body in pair]
    statuses = await asyncio.gather(*(_post(client, body) for body in [*mixed, *good]))
    assert set(statuses) == {200}
    texts = await _stored_texts(client)
    assert texts.count("zdravo") == 80  # every valid event stored, each request once
    assert texts.count("emoji cut \ufffd") == 5  # the cut emoji kept, made storable
    reasons = [letter["error"] for letter in await _letters(client)]
    assert reasons and all("timestamp" in reason for reason in reasons)


@pytest.mark.parametrize("timestamp", BAD_TIMESTAMPS)
async def test_an_unreadable_timestamp_is_a_dead_letter_with_its_reason(
    client: Client, timestamp: str
) -> None:
    assert await _post(client, _bad_timestamp(timestamp)) == 200
    [letter] = await _letters(client)
    assert letter["error"].startswith("invalid: timestamp")
    assert await _stored_texts(client) == []


async def test_very_deep_json_is_a_bad_request(client: Client) -> None:
    deep = "[" * 100_000 + "]" * 100_000
    body = f'{{"object": "page", "entry": [{{"messaging": [{{"x": {deep}}}]}}]}}'.encode()
    assert await _post(client, body) == 400
    nearly = "[" * 900 + "]" * 900
    body = f'{{"object": "page", "entry": [{{"messaging": [{{"x": {nearly}}}]}}]}}'.encode()
    assert await _post(client, body) in (200, 400)


async def test_a_failed_group_commit_retries_the_others_without_the_bad_one(
    client: Client,
) -> None:
    services = client.app[SERVICES]
    commit = GroupCommit(services.redis, services.keys, services.ingest.seal)
    good = [Queued(f"k{n}", f"p{n}", 1000 + n, "message", '{"n":1}') for n in range(5)]
    unstorable = Queued("kbad", "pbad", 1, "message", '{"t":"\ud800"}')  # slipped past checks
    results = await asyncio.gather(
        *(commit.write([item], []) for item in [*good[:2], unstorable, *good[2:]]),
        return_exceptions=True,
    )
    assert results == [None] * 6
    entries = await _stored(services)
    assert sorted(fields["k"] for _, fields in entries) == [f"k{n}" for n in range(5)]
    [letter] = await _letters(client)
    assert letter["error"] == "invalid: unstorable: UnicodeEncodeError"
    assert services.ingest.seal is not None
    assert services.ingest.seal.open(letter["e"]) == '{"t":"\ufffd"}'
