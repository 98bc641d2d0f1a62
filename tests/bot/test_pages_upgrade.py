"""The upgrade from one Page to PAGES_FILE: data written by today's layout is found under the
Page that adopts it, with no manual step; an ambiguous adoption refuses to start."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from redis.asyncio import Redis

from bot.errors import ConfigError
from bot.keys import Keys
from bot.services import open_services
from bot.settings import Settings
from tests.conftest import make_settings
from tests.helpers import record_contact
from tests.webhook.pages_support import BTC, INFO, PAGES_TOML, write_pages

ONE_PAGE = f"""
[[page]]
id = "{BTC}"
pack = "btc"
"""


async def _today(settings: Settings) -> None:
    """A dump made by today's one-Page layout: a person, a consent, a request, an audit entry."""
    async with open_services(settings) as services:
        await record_contact(services, "psid-old", int(time.time() * 1000))
        await services.store.update("psid-old", {"language": "sl"})
        await services.audit.record("Petra", "admin", "read user", "x")


async def test_one_page_data_is_served_under_the_adopting_page(
    settings: Settings, redis_url: str, prefix: str, tmp_path: Path, redis: Redis
) -> None:
    await _today(settings)
    paged = make_settings(redis_url, prefix, tmp_path, pages_file=write_pages(tmp_path, ONE_PAGE))
    async with open_services(paged) as services:
        assert services.page.id == BTC
        person = await services.store.load("psid-old")
        assert person.language == "sl"
        keys = services.keys  # the Page is in the partition hash: the person moved
        index = keys.users_index(keys.partition("psid-old"))
        assert await redis.zscore(index, "psid-old") is not None
        assert len(await services.audit.entries()) >= 1
    unscoped = Keys(prefix, partitions=keys.partitions, salt=keys.salt)
    assert not await redis.exists(unscoped.user("psid-old"))
    async with open_services(paged) as services:  # the second start moves nothing
        assert (await services.store.load("psid-old")).language == "sl"


async def test_several_pages_without_an_adopter_refuse_to_start(
    settings: Settings, redis_url: str, prefix: str, tmp_path: Path, redis: Redis
) -> None:
    await _today(settings)
    paged = make_settings(redis_url, prefix, tmp_path, pages_file=write_pages(tmp_path))
    with pytest.raises(ConfigError, match="adopt_existing"):
        async with open_services(paged):
            pass
    adopting = PAGES_TOML.replace(
        'pack = "infopartner"', 'pack = "infopartner"\nadopt_existing = true'
    )
    paged = make_settings(redis_url, prefix, tmp_path, pages_file=write_pages(tmp_path, adopting))
    async with open_services(paged) as services:
        info = services.for_page(INFO)
        assert info is not None and (await info.store.load("psid-old")).language == "sl"
        assert services.page.id == INFO  # events queued before the upgrade go to the adopter
