"""People held without consent are forgotten 30 days after their last contact: once their
hash has expired, housekeeping takes them out of the people index and the admin list."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest

from bot.pipeline.housekeeping import Housekeeper, forget_expired
from bot.services import Services, open_services
from bot.settings import Settings
from tests.helpers import Person
from tests.partitions import zcard_all
from tests.webhook.console_helpers import Client, add_user, seed_person
from webhook.app import create_app
from webhook.keys import SERVICES


@pytest.fixture
async def client(settings: Settings, aiohttp_client: Any) -> Client:
    return await aiohttp_client(create_app(settings))


async def listed(client: Client, token: str) -> set[str]:
    answer = await client.get("/admin/api/users", headers={"Authorization": f"Bearer {token}"})
    return {user["psid"] for user in (await answer.json())["users"]}


async def test_an_expired_refuser_leaves_the_admin_list(client: Client) -> None:
    services = client.app[SERVICES]
    token = await add_user(client, "admin", "Petra")
    refuser = Person(client, "p-expired")
    await refuser.say("zivjo")
    await refuser.tap("CONSENT:profile:no", "Ne")
    await seed_person(services, "p-kept", int(time.time() * 1000), marketing="granted")
    assert {"p-expired", "p-kept"} <= await listed(client, token)
    answer = await client.get("/admin/api/users", headers={"Authorization": f"Bearer {token}"})
    subscribed = {u["psid"]: u["subscribed"] for u in (await answer.json())["users"]}
    assert subscribed == {"p-expired": False, "p-kept": True}  # no marketing consent, no offers
    assert await services.redis.ttl(services.keys.user("p-expired")) > 0
    assert await services.redis.ttl(services.keys.user("p-kept")) == -1  # consent: kept
    await services.redis.delete(services.keys.user("p-expired"))  # as the TTL would
    assert await forget_expired(services.redis, services.keys) == 1
    people = await listed(client, token)
    assert "p-expired" not in people and "p-kept" in people


async def test_two_workers_keep_house_one_at_a_time_in_slices(settings: Settings) -> None:
    async with open_services(settings) as services:  # no in-process worker keeping house
        await keep_house_in_two_workers(services)


async def keep_house_in_two_workers(services: Services) -> None:
    now = int(time.time() * 1000)
    for n in range(5):
        await seed_person(services, f"p-house-{n}", now, marketing="granted")
    for n in range(3):
        await services.redis.delete(services.keys.user(f"p-house-{n}"))  # as the TTL would
    first, second = (
        Housekeeper(
            services.redis, services.keys, scripts=services.scripts, owner=name, slice_size=2
        )
        for name in ("worker-a", "worker-b")
    )
    done = await asyncio.gather(first.tick(), second.tick())
    assert done.count(None) == 1  # the other worker found the lease taken
    keeper = first if done[0] is not None else second
    other = second if keeper is first else first
    for _ in range(6):  # small slices: the pass goes on over several ticks
        assert await other.tick() is None
        await keeper.tick()
    assert await zcard_all(services.redis, services.keys, services.keys.users_index) == 2
    await keeper.release()
    assert await other.tick() == 0  # takes over at once; the pass is recent: nothing to do
