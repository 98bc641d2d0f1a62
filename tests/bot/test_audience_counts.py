"""The dry run answers from counts kept with every change, and they agree with a recount that
reads everyone: after consent given and withdrawn, STOP and START, a restriction and its
lifting, a language changed, Meta finding someone unreachable, an erasure (also of someone who
comes back), people stored by hand before the counts existed, and an expired person."""

from __future__ import annotations

import random
import time
from collections.abc import AsyncIterator
from typing import Any

import pytest

from bot.broadcast import counted
from bot.broadcast.audience import estimate, recount
from bot.broadcast.spec import BroadcastSpec
from bot.indexes.audience import BUILT, read_tally
from bot.pipeline.housekeeping import forget_expired
from bot.rights.operations import eraser, set_restricted
from bot.services import Services, open_services
from bot.settings import Settings
from tests.bot.broadcast_people import consent, daytime_offset, person
from tests.helpers import record_contact

SPECS = (
    BroadcastSpec(text="-"),
    BroadcastSpec(text="-", languages=["en"]),
    BroadcastSpec(text="-", languages=["sl", "hr"]),
)


@pytest.fixture
async def services(settings: Settings) -> AsyncIterator[Services]:
    async with open_services(settings) as opened:
        yield opened


async def agree(services: Services) -> dict[str, Any]:
    """The counted and the recounted answer, equal for every kind of broadcast."""
    now = time.time()
    for spec in SPECS:
        fast, slow = await estimate(services, spec, now), await recount(services, spec, now)
        assert fast == slow, spec.languages
    return await estimate(services, SPECS[0], now)


async def by_hand(services: Services, psid: str, **fields: str) -> None:
    """Stored the way the data before the counts was: hash and indexes, nothing counted."""
    keys, n = services.keys, services.keys.partition(psid)
    values = {
        "consent:marketing": "granted",
        "consent_version:marketing": services.pack.pack.rights_version,
        "subscribed": "1",
        "language": "sl",
        "profile:timezone": daytime_offset(),
        "last_action": str(int(time.time() * 1000)),
        **fields,
    }
    pipe = services.redis.pipeline(transaction=True)
    pipe.hset(keys.user(psid), mapping=values)  # type: ignore[arg-type]
    pipe.zadd(keys.users_index(n), {psid: time.time() * 1000})
    pipe.zadd(keys.marketing_index(n), {psid: time.time()})
    await pipe.execute()


async def test_counts_agree_with_a_recount_through_every_kind_of_change(
    services: Services,
) -> None:
    for i in range(6):
        await by_hand(services, f"old-{i}", subscribed="01"[i % 2])
    await by_hand(services, "old-en", language="en")
    first = await agree(services)  # the first dry run counts what was there
    assert (first["audience"], first["skipped"]["unsubscribed"]) == (4, 3)
    assert all(BUILT in raw for raw in await _counters(services))

    for i in range(4):
        await person(services, f"ok-{i}", "granted")
    await person(services, "refused", "refused")
    await person(services, "en", "granted", lang="en")
    await person(services, "late", "granted", "withdrawn")
    await person(services, "stop", "granted")
    await services.store.set_subscribed("stop", False)
    await person(services, "restart", "granted")
    await services.store.set_subscribed("restart", False)
    await services.store.set_subscribed("restart", True)
    await set_restricted(services, await person(services, "restr", "granted"), True)
    await set_restricted(services, await person(services, "lifted", "granted"), True)
    await set_restricted(services, "lifted", False)
    await services.store.update("ok-3", {"language": "en"})
    await services.store.update("ok-2", {"unreachable": str(int(time.time()))})
    await services.store.update("ok-1", {"last_action": "1000"})  # outside the window
    await eraser(services).erase("ok-0")
    await eraser(services).erase(await person(services, "back", "granted"))
    await person(services, "back", "granted")
    answer = await agree(services)  # each change counted with it: no sweep in between
    assert answer["skipped"]["suppressed"] == 2 and answer["skipped"]["restricted"] == 1
    assert answer["skipped"]["unreachable"] == 1
    assert answer["skipped"]["outside_window_no_token"] == 1
    # A hash that expires changes nothing anyone writes: housekeeping's sweep counts it.
    await services.redis.delete(services.keys.user(await person(services, "expired")))
    await forget_expired(services.redis, services.keys, services.pseudonym)
    assert (await agree(services))["skipped"] == answer["skipped"]


async def test_a_random_mix_keeps_them_equal(services: Services) -> None:
    chance = random.Random(16)
    people = [await person(services, f"mix-{i}", "granted") for i in range(40)]
    for _ in range(120):
        psid = chance.choice(people)
        step = chance.randrange(6)
        if step == 0:
            await consent(services, psid, chance.choice(("granted", "withdrawn", "refused")))
        elif step == 1:
            await services.store.set_subscribed(psid, chance.random() < 0.5)
        elif step == 2:
            await set_restricted(services, psid, chance.random() < 0.3)
        elif step == 3:
            await services.store.update(psid, {"language": chance.choice(("sl", "en", "hr"))})
        elif step == 4 and chance.random() < 0.2:
            await eraser(services).erase(psid)
            people.remove(psid)
        else:
            await record_contact(services, psid, int(time.time() * 1000))
    await agree(services)


async def test_a_change_made_without_counting_is_counted_again_by_housekeeping(
    services: Services,
) -> None:
    await person(services, "quiet", "granted")
    await agree(services)
    # Written by hand, as a script of the event pipeline might: not counted at once.
    await services.redis.hset(services.keys.user("quiet"), "subscribed", "0")
    await forget_expired(services.redis, services.keys, services.pseudonym)
    assert (await agree(services))["skipped"]["unsubscribed"] == 1


async def test_a_large_audience_is_split_by_the_clock_from_a_sample(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Window, token and quiet hours cannot be counted ahead: read from a sample, scaled to
    the exact number of candidates; the reasons that do not depend on the clock stay exact."""
    monkeypatch.setattr(counted, "SAMPLE", 100)
    stale = str(int((time.time() - 3 * 86400) * 1000))
    for i in range(600):
        await by_hand(services, f"crowd-{i}", **({"last_action": stale} if i % 3 == 0 else {}))
    for i in range(50):
        await by_hand(services, f"stop-{i}", subscribed="0")
    now = time.time()
    fast, slow = await estimate(services, SPECS[0], now), await recount(services, SPECS[0], now)
    assert fast["skipped"]["unsubscribed"] == slow["skipped"]["unsubscribed"] == 50
    split = ("eligible_in_window", "eligible_by_token", "quiet_hours")
    candidates = fast["audience"] + fast["skipped"]["outside_window_no_token"]
    assert candidates == 600 == slow["audience"] + slow["skipped"]["outside_window_no_token"]
    assert 300 <= fast["audience"] <= 500  # 400 in the window; a sample of about 100
    assert sum(fast[b] for b in split) == fast["audience"]


async def _counters(services: Services) -> list[dict[str, str]]:
    keys = services.keys
    return [await services.redis.hgetall(keys.audience_counts(n)) for n in keys.every_partition]


async def test_the_counts_are_read_in_one_round_trip(services: Services) -> None:
    await person(services, "one", "granted")
    tally = await read_tally(services.redis, services.keys)
    assert tally.unbuilt == list(services.keys.every_partition)  # nothing swept yet
    assert sum(group.people for group in tally.counted) == 1  # counted with the change


async def test_someone_unreachable_who_writes_again_is_counted_reachable(
    services: Services,
) -> None:
    for i in range(3):
        await person(services, f"ok-{i}", "granted")
    await services.store.update("ok-1", {"unreachable": str(int(time.time()))})
    assert (await agree(services))["skipped"]["unreachable"] == 1
    await record_contact(services, "ok-1", int(time.time() * 1000))  # they wrote: reachable
    assert (await agree(services))["skipped"].get("unreachable", 0) == 0
