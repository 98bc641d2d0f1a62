"""Shared by the broadcast tests: people written straight into Redis, a settable clock, a
sender running as a task, and what the fake Graph received."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections import Counter
from typing import Any

from bot.broadcast import actions as broadcast_admin
from bot.broadcast.delivery import Tuning
from bot.broadcast.sender import run_broadcasts
from bot.broadcast.spec import BroadcastSpec
from bot.graph.fake import FakeGraph
from bot.services import Services
from tests.helpers import eventually

# 10:00 UTC in June: noon in Ljubljana, inside everyone's day unless a test says otherwise.
NOON = dt.datetime(2026, 6, 15, 10, 0, tzinfo=dt.UTC).timestamp()


class Clock:
    def __init__(self, now: float = NOON) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def fast_tuning(clock: Clock, **changes: Any) -> Tuning:
    values: dict[str, Any] = {
        "poll_s": 0.05,
        "watch_s": 0.05,
        "backoff_base_s": 0.3,
        "backoff_cap_s": 1.0,
        "clock": clock,
    }
    values.update(changes)
    return Tuning(**values)


async def add_people(
    services: Services, clock: Clock, count: int, tag: str = "p", **changes: str | None
) -> list[str]:
    """`count` people who may receive a broadcast through the 24-hour window, plus `changes`
    (a value of None removes the field)."""
    psids = [f"{tag}-{i}" for i in range(count)]
    base = {
        "consent:marketing": "granted",
        "consent_version:marketing": services.pack.pack.rights_version,
        "subscribed": "1",
        "language": "sl",
        "last_action": str(int((clock() - 3600) * 1000)),
    }
    base.update({k: v for k, v in changes.items() if v is not None})
    for name in [k for k, v in changes.items() if v is None]:
        base.pop(name, None)
    pipe = services.redis.pipeline(transaction=False)
    for psid in psids:
        pipe.hset(services.keys.user(psid), mapping=base)  # type: ignore[arg-type]
        pipe.zadd(services.keys.marketing_index(services.keys.partition(psid)), {psid: clock()})
    await pipe.execute()
    return psids


async def create(services: Services, clock: Clock, **spec: Any) -> str:
    spec.setdefault("text", "Poletna akcija!")
    made = await broadcast_admin.create(
        services, BroadcastSpec(**spec), "Marko", "marketing", clock()
    )
    return str(made["id"])


class Running:
    """A sender task that can be killed (cancelled) and restarted."""

    def __init__(self, services: Services, tuning: Tuning) -> None:
        self.services = services
        self.tuning = tuning
        self.stop = asyncio.Event()
        self.task = asyncio.create_task(run_broadcasts(services, self.stop, tuning))

    async def kill(self) -> None:
        """Cancelled until it ends: on Python 3.11 a cancellation that lands as an
        `asyncio.timeout` inside redis-py expires is turned into a TimeoutError, which the
        sender's loop survives (a hung test run showed it); a killed process has no such luck."""
        while not self.task.done():
            self.task.cancel()
            await asyncio.wait({self.task}, timeout=0.5)

    async def close(self) -> None:
        self.stop.set()
        await asyncio.wait_for(asyncio.gather(self.task, return_exceptions=True), 15)


def message_requests(fake: FakeGraph) -> list[Any]:
    return [r for r in fake.requests if r.path.endswith("/me/messages") and r.body]


def per_recipient(fake: FakeGraph) -> Counter[str]:
    """Requests per PSID (or per token) at the fake Graph, failed ones included."""
    found: Counter[str] = Counter()
    for request in message_requests(fake):
        recipient = request.body["recipient"]
        found[recipient.get("id") or recipient.get("notification_messages_token")] += 1
    return found


async def status(services: Services, bid: str) -> dict[str, Any]:
    return await broadcast_admin.view(services, bid)


async def done(services: Services, bid: str, timeout: float = 10.0) -> dict[str, Any]:
    """The broadcast's view once it is done."""

    async def finished() -> bool:
        return (await status(services, bid))["status"] == "done"

    await eventually(finished, timeout)
    return await status(services, bid)
