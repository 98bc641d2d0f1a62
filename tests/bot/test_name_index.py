"""The blind name index across restarts: people stored before it existed are indexed at start,
a DATA_KEY rotation rebuilds it under the new key, and an erasure empties it of the person
even when their stored name can no longer be opened."""

from __future__ import annotations

import base64
import time
from pathlib import Path

from bot.crypto import FieldCipher
from bot.rights.operations import eraser
from bot.services import Services, open_services
from bot.settings import Settings
from tests.conftest import make_settings
from tests.helpers import record_contact

URSKA = {"profile:first_name": "Urška", "profile:last_name": "Novak-Žagar"}


async def store_urska(services: Services, psid: str = "p-urska") -> None:
    await record_contact(services, psid, int(time.time() * 1000))
    await services.store.update(psid, URSKA)


async def search(services: Services, query: str) -> set[str]:
    names, keys = services.store.names, services.keys
    found: set[str] = set()
    for n in keys.every_partition:
        sets = [keys.name_index(n, term) for term in names.search_terms(query)]
        found |= set(await services.redis.sinter(sets)) if sets else set()
    return found


async def index_sets(services: Services) -> set[str]:
    keys = services.keys
    return {
        key
        for n in keys.every_partition
        async for key in services.redis.scan_iter(match=keys.name_index(n, "*"))
    }


async def test_people_stored_before_the_index_are_found_after_a_start(
    settings: Settings,
) -> None:
    async with open_services(settings) as services:
        await store_urska(services)
        # As a Redis from before the index: names stored, no index, never built.
        await services.redis.delete(*await index_sets(services), services.keys.name_index_built)
        assert await search(services, "urska") == set()
    async with open_services(settings) as services:
        assert await search(services, "urska novak") == {"p-urska"}


async def test_a_key_rotation_rebuilds_the_index_under_the_new_key(
    settings: Settings, redis_url: str, tmp_path: Path
) -> None:
    async with open_services(settings) as services:
        await store_urska(services)
        before = await index_sets(services)
    rotated = make_settings(
        redis_url,
        settings.redis_prefix,
        tmp_path,
        data_key=base64.b64encode(b"n" * 32).decode(),
        old_data_keys=settings.data_key,
    )
    async with open_services(rotated) as services:
        assert await search(services, "zagar") == {"p-urska"}
        assert not before & await index_sets(services)  # the old key's sets are gone


async def test_erasure_empties_the_index_even_of_a_name_that_cannot_be_opened(
    settings: Settings,
) -> None:
    async with open_services(settings) as services:
        await store_urska(services)
        await store_urska(services, "p-other")
        lost_key = FieldCipher(b"x" * 32).encrypt("Urška", "profile:first_name")
        await services.redis.hset(services.keys.user("p-urska"), "profile:first_name", lost_key)
        await eraser(services).erase("p-urska")
        assert await search(services, "urska") == {"p-other"}
        for key in await index_sets(services):
            assert not await services.redis.sismember(key, "p-urska")


async def test_a_search_pages_the_newest_matches_of_every_partition_in_order(
    settings: Settings,
) -> None:
    """Only the page's share comes back from each partition; merged, it is the same as
    ordering every match, with equal first contacts and one partition much fuller."""
    async with open_services(settings) as services:
        keys, names = services.keys, services.store.names
        crowd = [f"p-crowd-{i}" for i in range(150)]
        full = next(n for n in keys.every_partition if n == keys.partition(crowd[0]))
        crowd += [p for p in (f"p-full-{i}" for i in range(2000)) if keys.partition(p) == full][:80]
        for i, psid in enumerate(crowd):
            await record_contact(services, psid, 1_700_000_000_000 + (i % 40) * 1000)
            await services.store.update(psid, {"profile:last_name": "Kranjc"})
        everyone = await services.redis.zrange(keys.users_index(full), 0, -1)
        assert len(everyone) >= 80
        _, all_of_them = await names.search("kranjc", 10**6)
        assert len(all_of_them) == len(crowd)
        assert all_of_them == sorted(all_of_them, key=lambda r: (r[1], r[0]), reverse=True)
        for limit in (1, 7, 50, 120):
            count, top = await names.search("kranjc", limit)
            assert (count, top) == (len(crowd), all_of_them[:limit])
