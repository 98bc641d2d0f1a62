"""Every rights request leaves a record, STOP, START and withdrawal too (closed at once, so
the staff's open queue holds only what waits for them); START while restricted keeps the
wish without sending offers. End to end through signed webhooks."""

from __future__ import annotations

from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from bot.rights.operations import requests
from bot.settings import Settings
from tests.bot.test_rights import onboarded
from tests.helpers import Person, joined, payloads
from tests.webhook.console_helpers import signed_in
from webhook.app import create_app

Client = TestClient[Any, Any]


@pytest.fixture
async def client(settings: Settings, aiohttp_client: Any) -> Client:
    return await aiohttp_client(create_app(settings))


async def in_audience(person: Person) -> bool:
    services = person.services
    return (
        await services.redis.zscore(
            services.keys.marketing_index(services.keys.partition(person.psid)), person.psid
        )
        is not None
    )


async def kinds(person: Person) -> list[tuple[str, str, str]]:
    records = await requests(person.services).for_person(person.psid)
    return [(r.type, r.status, r.outcome) for r in records]


async def test_stop_start_and_withdrawal_are_recorded_and_closed_at_once(client: Client) -> None:
    person = await onboarded(client, "p-rec")
    await person.say("STOP")
    await person.say("START")
    await person.say("preklicujem soglasje")
    await person.tap("WITHDRAW:marketing")
    recorded = await kinds(person)
    assert ("unsubscribe", "done", "unsubscribed") in recorded
    assert ("resubscribe", "done", "resubscribed") in recorded
    assert ("withdraw", "done", "marketing withdrawn") in recorded

    headers = {"Authorization": f"Bearer {await signed_in(client)}"}
    queue = await (await client.get("/admin/api/dsar", headers=headers)).json()
    assert queue["requests"] == []  # nothing waits for the staff
    done = await (await client.get("/admin/api/dsar?status=done", headers=headers)).json()
    assert {"unsubscribe", "resubscribe", "withdraw"} <= {r["type"] for r in done["requests"]}
    card = 'class="req-type">Stopping offers</strong>'
    assert card not in await (await client.get("/admin/requests")).text()
    assert card in await (await client.get("/admin/requests?status=done")).text()


async def test_start_while_restricted_keeps_the_wish_but_sends_no_offers(client: Client) -> None:
    person = await onboarded(client, "p-start-restricted")
    await person.press("INTENT:object_processing")
    await person.say("STOP")
    replies = await person.say("START")
    assert "ko omejitev odpravite" in joined(replies)
    assert "RESTRICT:lift" in payloads(replies)
    user = await person.services.store.load(person.psid)
    assert user.subscribed and user.restricted
    assert not await in_audience(person)
    assert ("resubscribe", "done", "kept until the restriction is lifted") in await kinds(person)

    await person.tap("RESTRICT:lift")
    assert await in_audience(person)  # lifted: the wish kept, offers may resume


async def test_start_while_restricted_without_marketing_consent_does_not_ask(
    client: Client,
) -> None:
    person = Person(client, "p-start-restricted-no")
    await person.answer_consents("no", "no")
    await person.press("INTENT:object_processing")
    replies = await person.say("START")
    assert "CONSENT:marketing:yes" not in payloads(replies)
    assert "RESTRICT:lift" in payloads(replies) and "napišite START" in joined(replies)
    assert not await in_audience(person)


async def test_consent_given_while_restricted_waits_for_the_restriction_to_lift(
    client: Client,
) -> None:
    person = Person(client, "p-consent-restricted")
    await person.answer_consents("no", "no")
    await person.press("INTENT:object_processing")
    await person.tap("CONSENT:marketing:yes")  # recorded, as the person decided
    user = await person.services.store.load(person.psid)
    assert user.consent("marketing") == "granted" and user.restricted
    assert not await in_audience(person)
    await person.tap("RESTRICT:lift")
    assert await in_audience(person)
