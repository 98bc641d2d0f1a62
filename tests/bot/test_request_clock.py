"""A request's one-month clock while the staff wait for the person: paused, it stops; resumed,
the due date moves on by exactly the time spent waiting; a paused request stays on the open
list and is never overdue while paused."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from redis.asyncio import Redis

from bot.errors import BadRequest
from bot.keys import Keys
from bot.rights import dsar
from bot.rights.dsar import Requests
from tests.partitions import zcard_all, zcount_all

START = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)


class Clock:
    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.now = START
        monkeypatch.setattr(dsar, "_now", lambda: self.now)

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    return Clock(monkeypatch)


@pytest.fixture
def store(redis: Redis, prefix: str) -> Requests:
    return Requests(redis, Keys(prefix))


def parse(value: str) -> dt.datetime:
    return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))


async def test_paused_five_days_the_due_date_moves_five_days_later(
    store: Requests, clock: Clock
) -> None:
    record = await store.open("object", psid_hash="h1")
    assert parse(record.due) == dt.datetime(2026, 4, 2, 9, 30, tzinfo=dt.UTC)
    clock.advance(days=3)
    paused = await store.pause(record.id, note="A copy of your ID", by="Petra")
    assert paused.status == "waiting_for_person" and paused.paused_at
    clock.advance(days=5)
    resumed = await store.resume(record.id, by="Petra")
    assert resumed.status == "in_progress" and resumed.paused_at == ""
    assert parse(resumed.due) - parse(record.due) == dt.timedelta(days=5)
    assert (await store.get(record.id)).due == resumed.due


async def test_pausing_again_does_not_restart_the_pause(store: Requests, clock: Clock) -> None:
    record = await store.open("object", psid_hash="h2")
    await store.pause(record.id, note="Proof of address")
    clock.advance(days=2)
    again = await store.pause(record.id, note="Proof of address, dated this year")
    assert again.note == "Proof of address, dated this year"
    clock.advance(days=3)
    resumed = await store.resume(record.id)
    assert parse(resumed.due) - parse(record.due) == dt.timedelta(days=5)


async def test_in_progress_without_a_pause_keeps_the_due_date(
    store: Requests, clock: Clock
) -> None:
    record = await store.open("object", psid_hash="h3")
    clock.advance(days=4)
    moved = await store.resume(record.id, note="Checking with IT", by="Petra")
    assert moved.status == "in_progress" and moved.due == record.due
    assert moved.handled_by == "Petra" and moved.note == "Checking with IT"


async def test_a_paused_request_stays_listed_and_is_not_overdue_while_paused(
    store: Requests, clock: Clock, redis: Redis, prefix: str
) -> None:
    waiting = await store.open("object", psid_hash="h4")
    running = await store.open("question", psid_hash="h5")
    await store.pause(waiting.id, note="Which store you mean")
    clock.advance(days=40)  # both due dates are long past
    listed = {r.id: r for r in await store.list()}
    assert set(listed) == {waiting.id, running.id}
    assert listed[waiting.id].overdue is False and listed[running.id].overdue is True
    keys = Keys(prefix)
    due_index = keys.dsar_due
    assert await zcard_all(redis, keys, due_index) == 2  # both still count as open
    # What the dashboard counts as overdue: due before now (paused ones have no running due).
    assert await zcount_all(redis, keys, due_index, "-inf", clock.now.timestamp()) == 1
    assert await zcount_all(redis, keys, due_index, "-inf", time.time() + 10**9) == 1
    resumed = await store.resume(waiting.id)
    assert resumed.overdue is False  # the 40 days spent waiting do not count
    assert await zcount_all(redis, keys, due_index, "-inf", clock.now.timestamp()) == 1


async def test_a_closed_request_cannot_be_paused_or_resumed(store: Requests) -> None:
    record = await store.open("object", psid_hash="h6")
    await store.close(record.id, outcome="done", reason="", by="Petra")
    for move in (store.pause, store.resume):
        with pytest.raises(BadRequest):
            await move(record.id)
    assert (await store.get(record.id)).status == "done"
