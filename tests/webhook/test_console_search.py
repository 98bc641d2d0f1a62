"""Searching the people list by name through the blind name index: a name typed without its
diacritics finds the person wherever she is among many, and the index follows her name when
she corrects it, withdraws profile consent or is erased."""

from __future__ import annotations

import re
import time
from typing import Any

import pytest

from bot.pipeline.housekeeping import forget_expired
from bot.services import Services
from bot.settings import Settings
from tests.helpers import Person, payloads, record_contact
from tests.webhook.console_helpers import Client, post_form, signed_in
from webhook.app import create_app
from webhook.keys import SERVICES

URSKA = {"first_name": "Urška", "last_name": "Novak-Žagar", "locale": "sl_SI", "timezone": 1}
FIRST = ("Ana", "Maja", "Jure", "Luka", "Nina", "Marko", "Eva", "Tina")
LAST = ("Novak", "Horvat", "Kovačič", "Krajnc", "Zupančič", "Potočnik", "Kos")
CROWD = 600  # more than the 500 the old bounded search examined per page
_ROW = re.compile(r'<a href="/admin/people/([^"]+)">([^<]+)</a>')


@pytest.fixture
async def client(settings: Settings, aiohttp_client: Any) -> Client:
    """The app with its worker (people chat with the bot) and a signed-in admin."""
    client = await aiohttp_client(create_app(settings))
    await signed_in(client)
    return client


async def urska(client: Client) -> Person:
    """Urška chats first and allows her profile: the oldest of everyone, the last in the list."""
    person = Person(client, "p-urska")
    person.fake.profiles[person.psid] = URSKA
    await person.say("zivjo")
    await person.tap("CONSENT:profile:yes")
    return person


async def crowd(services: Services, count: int) -> None:
    """`count` named people who wrote after her, a third of them Novaks, stored the way the
    bot stores a profile."""
    start = int(time.time() * 1000) + 1000
    for i in range(count):
        psid = f"crowd-{i:04d}"
        await record_contact(services, psid, start + i)
        await services.store.update(
            psid,
            {"profile:first_name": FIRST[i % len(FIRST)], "profile:last_name": LAST[i % len(LAST)]},
        )


async def found(client: Client, query: str, **more: str) -> list[tuple[str, str]]:
    """(psid, name) of each row the people list shows for a search."""
    response = await client.get("/admin/people", params={"q": query, **more})
    assert response.status == 200
    return _ROW.findall(await response.text())


async def index_holds(services: Services, psid: str) -> list[str]:
    """The name-index sets that still hold this PSID."""
    pattern = services.keys.name_index(services.keys.partition(psid), "*")
    return [
        key
        async for key in services.redis.scan_iter(match=pattern)
        if await services.redis.sismember(key, psid)
    ]


async def test_a_name_without_diacritics_finds_her_wherever_she_is(client: Client) -> None:
    await urska(client)
    services = client.app[SERVICES]
    await crowd(services, CROWD)
    first_page = await found(client, "")
    assert ("p-urska", "Urška Novak-Žagar") not in first_page  # she is far down the list
    for query in ("urska novak", "URŠKA", "Novak-Zagar", "zagar urska", "urs", "žag"):
        assert await found(client, query) == [("p-urska", "Urška Novak-Žagar")], query
    assert await found(client, "urska horvat") == []
    # Every Novak, newest first, 50 a page: she is on the last page.
    novaks = await client.get("/admin/people", params={"q": "novak"})
    assert "87 people’s names match" in await novaks.text()  # 86 of the crowd and her
    last = await found(client, "novak", cursor="50")
    assert len(last) == 37 and last[-1] == ("p-urska", "Urška Novak-Žagar")
    # Filters apply to the people the name found.
    assert await found(client, "urska", consent="profile:granted") == [
        ("p-urska", "Urška Novak-Žagar")
    ]
    assert await found(client, "urska", consent="profile:refused") == []
    # She never answered the marketing question: not subscribed (bot.store.is_subscribed).
    assert await found(client, "urska", subscribed="yes") == []
    assert await found(client, "urska", subscribed="no") == [("p-urska", "Urška Novak-Žagar")]


async def test_after_a_correction_the_old_name_no_longer_finds_her(client: Client) -> None:
    person = await urska(client)
    await person.press("INTENT:rectify")
    await person.tap("RECTIFY:last_name")
    assert "RECTIFY:yes" in payloads(await person.say("Kovač"))
    await person.tap("RECTIFY:yes")
    assert await found(client, "zagar") == []
    assert await found(client, "novak") == []
    assert await found(client, "urska kovac") == [("p-urska", "Urška Kovač")]
    old_words = person.services.store.names.index_keys("Novak-Žagar")
    assert not set(await index_holds(person.services, person.psid)) & old_words


async def test_withdrawn_profile_consent_takes_her_out_of_the_name_search(
    client: Client,
) -> None:
    person = await urska(client)
    assert await found(client, "urska") == [("p-urska", "Urška Novak-Žagar")]
    await person.tap("WITHDRAW:profile")  # the quick reply that withdraws profile consent
    user = await person.services.store.load(person.psid)
    assert user.consent("profile") == "withdrawn" and user.profile() is None
    assert await found(client, "urska") == []
    assert await index_holds(person.services, person.psid) == []
    # Still listed (without a name) and found by her PSID.
    assert await found(client, "p-urska") == [("p-urska", "(no name stored)")]


async def test_after_erasure_the_search_finds_nothing(client: Client) -> None:
    person = await urska(client)
    erased = await post_form(
        client, "/admin/people/p-urska/erase", "/admin/people/p-urska/erase", confirm="ERASE"
    )
    assert erased.status == 303
    assert await found(client, "urska novak") == []
    assert await found(client, "p-urska") == []
    assert await index_holds(person.services, person.psid) == []


async def test_a_name_kept_without_consent_leaves_the_index_when_she_expires(
    client: Client,
) -> None:
    person = Person(client, "p-refuser")
    await person.say("zivjo")
    await person.tap("CONSENT:profile:no", "Ne")
    await person.press("INTENT:rectify")
    await person.tap("RECTIFY:last_name")
    await person.say("Kovač")
    await person.tap("RECTIFY:yes")
    assert await found(client, "kovac") == [("p-refuser", "Kovač")]
    services = person.services
    assert await services.redis.ttl(services.keys.user(person.psid)) > 0  # held 30 days
    await services.redis.delete(services.keys.user(person.psid))  # as when those are over
    await forget_expired(services.redis, services.keys)
    assert await index_holds(services, person.psid) == []
