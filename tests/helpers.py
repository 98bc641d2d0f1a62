"""Building Messenger webhook traffic the way Meta sends it, and waiting for the bot."""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp.test_utils import TestClient

from bot.graph.fake import FakeGraph
from bot.keys import Keys
from bot.pipeline.events import parse_event
from bot.pipeline.ingest import event_key, serialize
from bot.pipeline.signature import sign
from bot.pipeline.turn_state import TurnOpener
from webhook.keys import SERVICES

APP_SECRET = "test-app-secret"
VERIFY_TOKEN = "test-verify-token"
PAGE_ID = "1000000000000001"
_mids = itertools.count(1)
_last_ts = [0]


def next_ts() -> int:
    """Meta's timestamps are the real time of the action, and distinct within a test run."""
    _last_ts[0] = max(_last_ts[0] + 1, int(time.time() * 1000))
    return _last_ts[0]


def text_event(
    psid: str,
    text: str,
    *,
    ts: int | None = None,
    mid: str | None = None,
    payload: str | None = None,
) -> dict[str, Any]:
    message: dict[str, Any] = {"mid": mid or f"m_test_{next(_mids)}", "text": text}
    if payload is not None:
        message["quick_reply"] = {"payload": payload}
    return {
        "sender": {"id": psid},
        "recipient": {"id": PAGE_ID},
        "timestamp": ts or next_ts(),
        "message": message,
    }


def postback_event(psid: str, payload: str, *, ts: int | None = None) -> dict[str, Any]:
    postback = {"mid": f"m_pb_{next(_mids)}", "title": "Tap", "payload": payload}
    return {
        "sender": {"id": psid},
        "recipient": {"id": PAGE_ID},
        "timestamp": ts or next_ts(),
        "postback": postback,
    }


def envelope(
    *events: dict[str, Any], per_entry: int = 1, standby: bool = False, page: str = PAGE_ID
) -> dict[str, Any]:
    """A batch; `per_entry` events share an entry (Meta sends one, the format allows more).
    `standby`: another app (the Page Inbox) holds the thread, so Meta sends `standby[]`.
    `page`: the Page (entry id) the events came to."""
    field = "standby" if standby else "messaging"
    entries = [
        {"id": page, "time": next_ts(), field: list(events[i : i + per_entry])}
        for i in range(0, len(events), per_entry)
    ]
    return {"object": "page", "entry": entries}


def signed(body: bytes, secret: str = APP_SECRET) -> dict[str, str]:
    return {"X-Hub-Signature-256": sign(secret, body), "Content-Type": "application/json"}


async def post_events(
    client: TestClient[Any, Any],
    *events: dict[str, Any],
    per_entry: int = 1,
    standby: bool = False,
    page: str = PAGE_ID,
) -> int:
    body = json.dumps(envelope(*events, per_entry=per_entry, standby=standby, page=page)).encode()
    response = await client.post("/webhook", data=body, headers=signed(body))
    return response.status


async def eventually(
    check: Callable[[], Awaitable[bool]] | Callable[[], bool], timeout: float = 5.0
) -> None:
    """Wait until `check()` holds (the worker runs concurrently), or fail."""
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if not isinstance(result, bool):
            result = await result
        if result:
            return
        if time.monotonic() > deadline:
            raise AssertionError("condition not reached in time")
        await asyncio.sleep(0.02)


def seen_key(keys: Keys, event: dict[str, Any]) -> str:
    """The dedupe marker the worker sets once it handled `event` (to a Page of `keys`)."""
    parsed = parse_event(event)
    return keys.seen(keys.partition(parsed.psid), event_key(parsed, serialize(event)))


async def events_waiting(services: Any) -> int:
    """Entries left in every partition's events stream (handled ones are deleted)."""
    keys: Keys = services.keys
    lengths = [await services.redis.xlen(keys.events(n)) for n in keys.every_partition]
    return sum(lengths)


def texts_to(fake: FakeGraph, psid: str) -> list[str]:
    return [body["message"].get("text", "") for body in fake.sent_to(psid)]


class Person:
    """Someone chatting with the bot through signed webhooks; returns what the bot sent."""

    def __init__(self, client: TestClient[Any, Any], psid: str, page: str = PAGE_ID) -> None:
        self.client = client
        self.psid = psid
        self.page = page  # the Page (entry id) this person writes to
        self.services = client.app[SERVICES]
        fake = self.services.fake_graph
        assert fake is not None
        self.fake: FakeGraph = fake

    async def send(self, event: dict[str, Any]) -> list[dict[str, Any]]:
        before = len(self.fake.sent_to(self.psid))
        # As Meta does: while the Page Inbox holds the thread, the bot gets `standby[]`.
        standby = self.fake.in_inbox(self.psid)
        assert await post_events(self.client, event, standby=standby, page=self.page) == 200
        key = seen_key(self.services.keys.for_page(self.page), event)
        await eventually(lambda: self.services.redis.exists(key))
        return [body["message"] for body in self.fake.sent_to(self.psid)[before:]]

    async def say(self, text: str) -> list[dict[str, Any]]:
        return await self.send(text_event(self.psid, text))

    async def tap(self, payload: str, title: str = "tap") -> list[dict[str, Any]]:
        return await self.send(text_event(self.psid, title, payload=payload))

    async def press(self, payload: str) -> list[dict[str, Any]]:
        """A postback button (Get Started, persistent menu)."""
        return await self.send(postback_event(self.psid, payload))

    async def released(self) -> list[dict[str, Any]]:
        """Staff release the thread in the Page Inbox: Meta tells the bot (messaging_handovers)."""
        event = self.fake.release(self.psid)
        assert event is not None, "the Page Inbox held no thread of this person"
        event["recipient"] = {"id": PAGE_ID}
        return await self.send(event)

    async def answer_consents(self, profile: str, marketing: str) -> None:
        """Say hello, then answer both consent questions ("yes" / "no") by tapping."""
        await self.say("zivjo")
        await self.tap(f"CONSENT:profile:{profile}")
        await self.tap(f"CONSENT:marketing:{marketing}")


def payloads(messages: list[dict[str, Any]]) -> list[str]:
    return [q["payload"] for m in messages for q in m.get("quick_replies", [])]


def joined(messages: list[dict[str, Any]]) -> str:
    return "\n".join(m.get("text", "") for m in messages)


async def record_contact(services: Any, psid: str, timestamp_ms: int) -> None:
    """What the bot records when a person writes, without going through the webhook."""
    opener = TurnOpener(services.scripts, services.keys, services.store.cipher)
    await opener.open(psid, timestamp_ms, action=True, digest=services.pseudonym(psid))
