"""The dry run counts everyone: the people in the audience and those withdrawing, STOP, a
restriction or erasure took out of it, by the same rules a send applies. A real send records
outcomes for the audience only."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from typing import Any

import pytest

from bot.broadcast import actions as broadcast_admin
from bot.broadcast.spec import BroadcastSpec
from bot.rights.operations import eraser
from bot.services import Services, open_services
from bot.settings import Settings
from tests.bot.broadcast_people import consent, daytime_offset, person, reviewers_run
from tests.bot.broadcast_support import Clock, Running, done, fast_tuning


@pytest.fixture
async def services(settings: Settings) -> AsyncIterator[Services]:
    async with open_services(settings) as opened:
        yield opened


async def dry_run(services: Services, **spec: Any) -> dict[str, Any]:
    spec = {"text": "Poletna akcija!", "dry_run": True, **spec}
    return await broadcast_admin.create(services, BroadcastSpec(**spec), "Marko", "marketing")


def skipped(**counts: int) -> dict[str, int]:
    reasons = (
        "suppressed",
        "no_consent",
        "unsubscribed",
        "restricted",
        "unreachable",
        "language",
        "outside_window_no_token",
    )
    return {reason: counts.get(reason, 0) for reason in reasons}


async def test_the_dry_run_says_how_many_were_left_out_and_why(services: Services) -> None:
    await reviewers_run(services)
    answer = await dry_run(services)
    buckets = ("audience", "eligible_in_window", "eligible_by_token", "quiet_hours")
    assert [answer[k] for k in buckets] == [2, 2, 0, 0]
    # Withdrawn and refused are both "no consent"; STOP is "unsubscribed".
    assert answer["skipped"] == skipped(no_consent=4, unsubscribed=4, restricted=1)
    assert set(answer) == {
        "id",
        "status",
        "audience",
        "eligible_in_window",
        "eligible_by_token",
        "quiet_hours",
        "skipped",
    }


async def test_the_language_filter_counts_the_people_left_out_by_the_same_rules(
    services: Services,
) -> None:
    await reviewers_run(services)
    await services.store.set_subscribed(
        await person(services, "en-stop", "granted", lang="en"), False
    )
    answer = await dry_run(services, languages=["en"])
    # The first rule a person fails names them: no consent and STOP come before language.
    assert answer["audience"] == 0
    assert answer["skipped"] == skipped(no_consent=4, unsubscribed=5, restricted=1, language=2)


async def test_the_erased_count_once_and_the_forgotten_not_at_all(services: Services) -> None:
    await person(services, "ok", "granted")
    await eraser(services).erase(await person(services, "gone", "granted"))
    # Erased, then wrote again and said yes: in the audience, still suppressed, counted once.
    await eraser(services).erase(await person(services, "back", "granted"))
    await person(services, "back", "granted")
    # Stored without consent, expired; housekeeping has yet to drop the index entry.
    await services.redis.delete(services.keys.user(await person(services, "expired")))
    answer = await dry_run(services)
    assert answer["audience"] == 1
    assert answer["skipped"] == skipped(suppressed=2)


async def test_a_large_crowd_is_counted_chunk_by_chunk_exactly(services: Services) -> None:
    """More people than one chunk holds: ZSCAN pages through both indexes."""
    now, rights = time.time(), services.pack.pack.rights_version
    fields = {
        "consent:marketing": "granted",
        "consent_version:marketing": rights,
        "subscribed": "1",
        "language": "sl",
        "profile:timezone": daytime_offset(),
        "last_action": str(int((now - 60) * 1000)),
    }
    pipe = services.redis.pipeline(transaction=False)
    for i in range(3500):
        psid, inside = f"crowd-{i}", i % 7 < 4  # 2,000 in the audience, 1,500 outside
        pipe.hset(services.keys.user(psid), mapping={**fields, "subscribed": "01"[inside]})
        pipe.zadd(services.keys.users_index(services.keys.partition(psid)), {psid: now})
        if inside:
            pipe.zadd(services.keys.marketing_index(services.keys.partition(psid)), {psid: now})
    await pipe.execute()
    answer = await dry_run(services)
    assert answer["audience"] == 2000
    assert answer["skipped"] == skipped(unsubscribed=1500)


async def test_a_send_records_outcomes_for_the_audience_only(services: Services) -> None:
    await reviewers_run(services)
    await consent(services, await person(services, "late", "granted"), "withdrawn")
    clock = Clock(time.time())
    made = await broadcast_admin.create(
        services, BroadcastSpec(text="Poletna akcija!"), "Marko", "marketing", clock()
    )
    assert made["skipped"]["no_consent"] == 5  # the estimate counts everyone
    queued = await broadcast_admin.view(services, str(made["id"]))
    assert queued["expected"] == 2  # the bar ends at the audience: no one else gets an outcome
    sender = Running(services, fast_tuning(clock))
    try:
        view = await done(services, str(made["id"]))
    finally:
        await sender.close()
    assert (view["sent"], view["skipped"], view["expected"]) == (2, 0, 2)
    assert view["skipped_by_reason"] == {}
