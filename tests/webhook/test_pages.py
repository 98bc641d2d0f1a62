"""One deployment, many Pages: each Page's people get its pack, language and token; an
unknown Page is acknowledged and dead-lettered."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient
from redis.asyncio import Redis

from bot.settings import Settings
from tests.conftest import make_settings
from tests.helpers import Person, eventually, joined, post_events, text_event
from tests.webhook.pages_support import BTC, INFO, page_view, tokens_used, write_pages
from webhook.app import create_app

Client = TestClient[Any, Any]
CYRILLIC = re.compile("[\u0400-\u04ff]")


@pytest.fixture
def paged(redis_url: str, prefix: str, tmp_path: Path, redis: Redis) -> Settings:
    return make_settings(redis_url, prefix, tmp_path, pages_file=write_pages(tmp_path))


@pytest.fixture
async def client(paged: Settings, aiohttp_client: Any) -> Client:
    return await aiohttp_client(create_app(paged))


async def test_each_page_answers_with_its_own_pack_language_and_token(client: Client) -> None:
    ana = Person(client, "psid-ana", page=BTC)
    ivan = Person(client, "psid-ivan", page=INFO)
    to_ana, to_ivan = await ana.say("zivjo"), await ivan.say("здравейте")
    assert to_ana and not CYRILLIC.search(joined(to_ana))
    assert to_ivan and CYRILLIC.search(joined(to_ivan))
    assert tokens_used(page_view(client, BTC), "psid-ana") == {f"dev-page-token-{BTC}"}
    assert tokens_used(page_view(client, INFO), "psid-ivan") == {f"dev-page-token-{INFO}"}
    # A person is (Page, PSID): each is kept only by their own Page.
    btc, info = page_view(client, BTC), page_view(client, INFO)
    assert await btc.redis.exists(btc.keys.user("psid-ana"))
    assert not await info.redis.exists(info.keys.user("psid-ana"))
    assert await info.redis.exists(info.keys.user("psid-ivan"))
    assert btc.pack.pack.id == "btc" and info.pack.pack.id == "infopartner"
    # The greeting links each Page's own policy, not the first Page's.
    assert f"/policy/{BTC}" in joined(to_ana) and f"/policy/{INFO}" in joined(to_ivan)


async def test_the_same_psid_on_two_pages_is_two_people(client: Client) -> None:
    await Person(client, "psid-same", page=BTC).answer_consents("yes", "no")
    to_info = await Person(client, "psid-same", page=INFO).say("здравейте")
    assert CYRILLIC.search(joined(to_info))  # a first contact there: asked for consent again
    info = page_view(client, INFO)
    assert (await info.store.load("psid-same")).consent("profile") is None


async def test_an_event_for_an_unknown_page_is_acknowledged_dead_lettered_never_answered(
    client: Client,
) -> None:
    services = page_view(client, BTC)
    assert await post_events(client, text_event("psid-lost", "zivjo"), page="999") == 200
    letters = await services.redis.xrange(services.keys.dead_letters)
    assert len(letters) == 1 and "unknown page" in letters[0][1]["error"]
    metrics = await (await client.get("/metrics")).text()
    assert "privacybot_events_unknown_page_total 1.0" in metrics
    await Person(client, "psid-known", page=BTC).say("zivjo")  # the worker has moved on
    assert services.fake_graph is not None and not services.fake_graph.sent_to("psid-lost")


async def test_one_page_without_pages_file_keeps_todays_keys(
    settings: Settings, aiohttp_client: Any, prefix: str
) -> None:
    client = await aiohttp_client(create_app(settings))
    await Person(client, "psid-solo", page="any-page-id").say("zivjo")
    services = page_view(client, "")
    tag = services.keys.tag(services.keys.partition("psid-solo"))
    assert services.keys.user("psid-solo") == f"{prefix}:{tag}:user:psid-solo"
    await eventually(lambda: services.redis.exists(f"{prefix}:{tag}:user:psid-solo"))


async def test_each_page_publishes_its_own_policy(client: Client) -> None:
    btc = await (await client.get(f"/policy/{BTC}")).text()
    info = await (await client.get(f"/policy/{INFO}")).text()
    assert btc != info and CYRILLIC.search(info) and not CYRILLIC.search(btc)
    assert (await client.get("/policy/999")).status == 404


async def test_the_simulator_offers_both_pages_and_talks_to_the_picked_one(
    client: Client,
) -> None:
    config = await (await client.get("/simulator/config")).json()
    assert [p["id"] for p in config["pages"]] == [BTC, INFO]
    info_config = await (await client.get(f"/simulator/config?page={INFO}")).json()
    assert info_config["default_language"] == "bg"
    fields = {"psid": "9100000000000009", "locale": "bg_BG", "text": "здравейте", "page": INFO}
    response = await client.post("/simulator/send", json=fields)
    assert (await response.json()) == {"webhook_status": 200}
    info = page_view(client, INFO)
    await eventually(lambda: tokens_used(info, "9100000000000009") != set())
    assert tokens_used(info, "9100000000000009") == {f"dev-page-token-{INFO}"}
