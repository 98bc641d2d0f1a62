"""Sending broadcasts: who gets what and how, quiet hours, kill and resume, rate, 613, cancel,
permanent errors. A real Redis, the fake Graph over HTTP, the sender as a task."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest

from bot.broadcast import actions as broadcast_admin
from bot.broadcast.spec import BroadcastSpec
from bot.errors import BadRequest
from bot.graph.fake import FakeGraph
from bot.services import Services, open_services
from bot.settings import Settings
from tests.bot.broadcast_support import (
    Clock,
    Running,
    add_people,
    create,
    done,
    fast_tuning,
    message_requests,
    per_recipient,
    status,
)
from tests.helpers import eventually, record_contact


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """Marketing Messages on (MARKETING_MESSAGES=on): these tests cover the token route."""
    return settings.model_copy(update={"marketing_messages": "on"})


@pytest.fixture
async def services(settings: Settings) -> AsyncIterator[Services]:
    async with open_services(settings) as opened:
        yield opened


def fake_of(services: Services) -> FakeGraph:
    assert services.fake_graph is not None
    return services.fake_graph


async def test_only_people_who_may_receive_it_get_it_once_in_the_right_form(
    services: Services,
) -> None:
    clock = Clock()
    window = await add_people(services, clock, 3, "win")
    token = await add_people(
        services,
        clock,
        2,
        "tok",
        last_action=str(int((clock() - 30 * 3600) * 1000)),
        **{"mm:token": "T", "mm:status": "active", "mm:expiry": str(int(clock() + 86400))},
    )
    await add_people(services, clock, 1, "nocons", **{"consent:marketing": "withdrawn"})
    await add_people(services, clock, 1, "stop", subscribed="0")
    await add_people(services, clock, 1, "restr", restricted="1")
    await add_people(services, clock, 1, "en", language="en")
    await add_people(services, clock, 1, "old", last_action=str(int((clock() - 90000) * 1000)))
    erased = await add_people(services, clock, 1, "gone")
    await services.redis.sadd(
        services.keys.suppressed(services.keys.partition(erased[0])), services.pseudonym(erased[0])
    )
    bid = await create(services, clock, languages=["sl"], texts={"en": "Summer sale!"})
    sender = Running(services, fast_tuning(clock))
    try:
        view = await done(services, bid)
    finally:
        await sender.close()
    assert view["sent"] == 5 and view["failed"] == 0
    assert view["skipped_by_reason"] == {
        "no_consent": 1,
        "unsubscribed": 1,
        "restricted": 1,
        "language": 1,
        "outside_window_no_token": 1,
        "suppressed": 1,
    }
    bodies = [r.body for r in message_requests(fake_of(services))]
    assert sorted(b["recipient"].get("id", "") for b in bodies if "id" in b["recipient"]) == window
    assert all(b["messaging_type"] == "UPDATE" for b in bodies)
    by_token = [b for b in bodies if "notification_messages_token" in b["recipient"]]
    assert len(by_token) == 2 and by_token[0]["message"] == {"text": "Poletna akcija!"}
    for psid in token:  # Meta allows one message per token per 48 hours
        next_at = await services.redis.hget(services.keys.user(psid), "mm:next_eligible")
        assert int(next_at or 0) == int(clock() + 48 * 3600)


async def test_people_in_quiet_hours_wait_for_their_morning_and_are_not_skipped(
    services: Services,
) -> None:
    clock = Clock()  # 10:00 UTC: noon in Ljubljana, 19:00 in Tokyo, 06:00 in New York
    await add_people(services, clock, 2, "lj")
    ny = await add_people(services, clock, 1, "ny", **{"profile:timezone": "-4"})
    bid = await create(services, clock)
    sender = Running(services, fast_tuning(clock))
    try:

        async def first_pass() -> bool:
            view = await status(services, bid)
            return view["sent"] == 2 and view["waiting"] == 1 and view["next_pass_at"] is not None

        await eventually(first_pass)
        assert fake_of(services).sent_to(ny[0]) == []
        assert (await status(services, bid))["status"] == "sending"
        clock.now += 3 * 3600  # 09:00 in New York
        view = await done(services, bid)
    finally:
        await sender.close()
    assert view["sent"] == 3 and view["waiting"] == 0 and view["skipped"] == 0
    assert len(fake_of(services).sent_to(ny[0])) == 1


async def test_a_killed_sender_resumes_with_no_duplicates_and_no_one_missed(
    services: Services,
) -> None:
    clock = Clock()
    people = await add_people(services, clock, 60)
    bid = await create(services, clock, rate=50)
    first = Running(services, fast_tuning(clock))

    async def some_sent() -> bool:
        return len(message_requests(fake_of(services))) >= 15

    await eventually(some_sent)
    await first.kill()  # mid-broadcast
    sent_before = len(message_requests(fake_of(services)))
    assert sent_before < 60
    second = Running(services, fast_tuning(clock))
    try:
        view = await done(services, bid)
    finally:
        await second.close()
    assert per_recipient(fake_of(services)) == {psid: 1 for psid in people}
    assert view["sent"] == 60 and view["failed"] == 0


async def test_a_claim_left_by_a_dead_worker_is_never_resent_and_is_recorded(
    services: Services,
) -> None:
    clock = Clock()
    people = await add_people(services, clock, 3)
    bid = await create(services, clock)
    # A worker killed between its claim and its send leaves this behind.
    await services.redis.hset(
        services.keys.broadcast_outcomes(bid), services.pseudonym(people[0]), "pending:dead"
    )
    sender = Running(services, fast_tuning(clock))
    try:
        view = await done(services, bid)
    finally:
        await sender.close()
    assert fake_of(services).sent_to(people[0]) == []
    assert view["sent"] == 2 and view["failed_by_code"] == {"interrupted": 1}


async def test_the_configured_rate_holds_at_the_fake_graph(services: Services) -> None:
    clock = Clock()
    await add_people(services, clock, 50)
    bid = await create(services, clock, rate=50)
    sender = Running(services, fast_tuning(clock))
    try:
        await done(services, bid)
    finally:
        await sender.close()
    times = sorted(r.at for r in message_requests(fake_of(services)))
    assert len(times) == 50
    rate = (len(times) - 1) / (times[-1] - times[0])
    # Never faster than configured; the floor only shows it is paced, not stalled (a loaded
    # machine may fall behind the rate, never ahead of it).
    assert 15 <= rate <= 55, rate


async def test_rate_limit_613_backs_the_whole_broadcast_off_then_it_goes_on(
    services: Services,
) -> None:
    clock = Clock()
    people = await add_people(services, clock, 12)
    bid = await create(services, clock, rate=50)
    fake = fake_of(services)
    fake.fail_next("613", 1)
    sender = Running(services, fast_tuning(clock, backoff_base_s=0.5))
    try:
        view = await done(services, bid)
    finally:
        await sender.close()
    times = sorted(r.at for r in message_requests(fake))
    # Everyone waited, not only the refused person: nothing new went out during the pause
    # (at most one send already under way when the 613 came back).
    assert len([t for t in times if times[0] < t < times[0] + 0.35]) <= 1
    assert view["sent"] == 12 and view["failed"] == 0
    counts = per_recipient(fake)
    assert sum(counts.values()) == 13 and set(counts) == set(people)


async def test_rate_limit_613_holds_every_broadcast_of_the_page(services: Services) -> None:
    clock = Clock()
    await add_people(services, clock, 15)
    broadcasts = [await create(services, clock, rate=50, text=f"B{i}") for i in range(2)]
    fake = fake_of(services)
    fake.fail_next("613", 1)  # the very first call
    senders = [Running(services, fast_tuning(clock, backoff_base_s=0.5)) for _ in range(2)]
    try:
        views = [await done(services, bid) for bid in broadcasts]
    finally:
        for sender in senders:
            await sender.close()
    times = sorted(r.at for r in message_requests(fake))
    # Meta throttles the Page, not one broadcast: the other one waited too.
    assert len([t for t in times if times[0] < t < times[0] + 0.35]) <= 2
    assert [v["sent"] for v in views] == [15, 15]


def handled(view: dict[str, Any]) -> int:
    """The progress bar's value: people decided so far."""
    return int(view["sent"]) + int(view["skipped"]) + int(view["failed"])


async def test_progress_runs_toward_the_whole_audience_and_cancel_stops_promptly(
    services: Services,
) -> None:
    clock = Clock()
    await add_people(services, clock, 100)
    await add_people(services, clock, 10, "nocons", **{"consent:marketing": "withdrawn"})
    bid = await create(services, clock, rate=20)
    assert (await status(services, bid))["expected"] == 110  # queued: the creation estimate
    sender = Running(services, fast_tuning(clock))
    fake = fake_of(services)
    try:

        async def started() -> bool:
            return len(message_requests(fake)) >= 10

        await eventually(started)
        mid = await status(services, bid)  # the bar is not full while most still wait
        assert mid["status"] == "sending" and mid["expected"] == 110
        assert 10 <= handled(mid) <= 40 < mid["expected"]
        await broadcast_admin.cancel(services, bid, "Marko", "marketing")
        at_cancel = len(message_requests(fake))
        await asyncio.sleep(0.5)
        after = len(message_requests(fake))
    finally:
        await sender.close()
    assert after - at_cancel <= 2
    view = await status(services, bid)
    assert view["status"] == "cancelled" and view["sent"] == after < 100
    assert handled(view) < view["expected"] == 110  # drawn where it stopped, not full


@pytest.mark.parametrize(
    ("error", "code"), [("1893015", "10/1893015"), ("551", "551"), ("2018278", "10/2018278")]
)
async def test_permanent_errors_are_recorded_and_the_sender_moves_on(
    services: Services, error: str, code: str
) -> None:
    clock = Clock()
    people = await add_people(services, clock, 3)
    bid = await create(services, clock, rate=10)
    fake_of(services).fail_next(error, 1)
    sender = Running(services, fast_tuning(clock))
    try:
        view = await done(services, bid)
    finally:
        await sender.close()
    assert view["sent"] == 2 and view["failed_by_code"] == {code: 1}
    first = message_requests(fake_of(services))[0].body["recipient"]["id"]
    user = await services.redis.hgetall(services.keys.user(first))
    still_in = await services.redis.zscore(
        services.keys.marketing_index(services.keys.partition(first)), first
    )
    if error == "1893015":  # the person stopped marketing messages in Messenger
        assert user["subscribed"] == "0" and user["mm:status"] == "stopped"
        assert still_in is None
    elif error == "551":  # unavailable: marked, so later broadcasts skip them
        assert user["subscribed"] == "1" and still_in is not None
        assert int(user["unreachable"]) == int(clock())
    else:
        assert user["subscribed"] == "1" and still_in is not None and "unreachable" not in user
    assert sum(per_recipient(fake_of(services)).values()) == len(people)


async def test_someone_meta_finds_unavailable_is_skipped_until_they_write_again(
    services: Services,
) -> None:
    clock = Clock()
    people = await add_people(services, clock, 2)
    fake = fake_of(services)
    sender = Running(services, fast_tuning(clock))
    try:
        fake.fail_next("551", 1)
        first = await done(services, await create(services, clock, rate=10))
        assert first["sent"] == 1 and first["failed_by_code"] == {"551": 1}
        gone = message_requests(fake)[0].body["recipient"]["id"]
        fake.requests.clear()

        estimate = await broadcast_admin.create(
            services, BroadcastSpec(text="?", dry_run=True), "Marko", "marketing", clock()
        )
        assert estimate["audience"] == 1 and estimate["skipped"]["unreachable"] == 1
        second = await done(services, await create(services, clock, rate=10))
        assert second["sent"] == 1 and second["skipped_by_reason"] == {"unreachable": 1}
        assert fake.sent_to(gone) == []

        await record_contact(services, gone, int(clock() * 1000))  # they write to the Page
        third = await done(services, await create(services, clock, rate=10))
    finally:
        await sender.close()
    assert third["sent"] == 2 and third["skipped"] == 0
    assert sorted(per_recipient(fake)) == sorted(people)


async def test_a_policy_block_stops_a_running_broadcast_and_resume_finishes_it_once(
    services: Services,
) -> None:
    clock = Clock()
    people = await add_people(services, clock, 40)
    bid = await create(services, clock, rate=40)
    fake = fake_of(services)
    sender = Running(services, fast_tuning(clock))
    try:

        async def started() -> bool:
            return len(message_requests(fake)) >= 5

        await eventually(started)
        assert await broadcast_admin.policy_block(services, "spam") == 1
        at_block = len(message_requests(fake))
        await asyncio.sleep(0.4)
        assert len(message_requests(fake)) - at_block <= 2
        view = await status(services, bid)
        assert view["status"] == "paused" and view["sent"] < 40
        with pytest.raises(BadRequest):
            await broadcast_admin.resume(services, bid, "Petra", "admin")
        await broadcast_admin.policy_unblock(services)
        await asyncio.sleep(0.2)
        assert (await status(services, bid))["status"] == "paused"  # until an admin says so
        await broadcast_admin.resume(services, bid, "Petra", "admin")
        view = await done(services, bid)
    finally:
        await sender.close()
    assert per_recipient(fake) == {psid: 1 for psid in people}
    assert view["sent"] == 40
