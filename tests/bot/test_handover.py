"""A human in the thread: the person (or staff) hands the conversation to the Page Inbox
through Meta's thread control; the bot is silent meanwhile but STOP still acts; the thread
comes back on release or after the idle time, and the person is told."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from bot.constants import PAGE_INBOX_APP_ID
from bot.pipeline.events import parse_event
from bot.pipeline.replies import HUMAN
from bot.settings import Settings
from tests.bot.test_rights import onboarded
from tests.conftest import make_settings
from tests.helpers import PAGE_ID, Person, joined, next_ts, payloads
from tests.webhook.console_helpers import Client, add_user, post_form, signed_in
from webhook.app import create_app


@pytest.fixture
async def client(settings: Settings, aiohttp_client: Any) -> Client:
    return await aiohttp_client(create_app(settings))


def passes(person: Person) -> list[dict[str, Any]]:
    return [
        r.body
        for r in person.fake.requests
        if r.path.endswith("/me/pass_thread_control")
        and r.body.get("recipient", {}).get("id") == person.psid
    ]


async def test_asking_for_a_person_hands_the_thread_to_the_page_inbox_and_back(
    client: Client,
) -> None:
    person = await onboarded(client, "p-human")
    services = person.services
    told = await person.say("želim govoriti s človekom")
    assert "predajam sodelavcu" in joined(told)  # told before the thread goes
    [passed] = passes(person)
    assert passed["target_app_id"] == PAGE_INBOX_APP_ID and passed["metadata"]
    assert person.fake.in_inbox(person.psid)
    assert await services.redis.hget(services.keys.thread(person.psid), "holder") == "inbox"

    # While the inbox holds the thread the bot says nothing, whatever the person writes.
    assert await person.say("ali je kdo tam?") == []
    assert await person.say("kaj hranite o meni") == []
    # ... but STOP still acts, silently.
    assert await services.redis.zscore(
        services.keys.marketing_index(services.keys.partition(person.psid)), person.psid
    )
    assert await person.say("STOP") == []
    assert (
        await services.redis.zscore(
            services.keys.marketing_index(services.keys.partition(person.psid)), person.psid
        )
        is None
    )

    # Staff release the thread in the Page Inbox: the bot is back and says so.
    back = await person.released()
    assert "Spet sem tu" in joined(back)
    assert not await services.redis.exists(services.keys.thread(person.psid))
    assert await person.say("hvala") != []  # the bot answers again


async def test_english_request_and_the_quick_reply_where_staff_are_offered(
    client: Client,
) -> None:
    person = await onboarded(client, "p-human-en", lang="en")
    told = await person.say("talk to a human")
    assert "passing our conversation to a person" in joined(told)
    assert person.fake.thread_calls(person.psid) == ["pass"]

    other = await onboarded(client, "p-human-qr", lang="en")
    offered = await other.say("this bot is useless")
    assert HUMAN in payloads(offered)
    await other.tap(HUMAN, "Talk to a person")
    assert other.fake.in_inbox(other.psid)


async def test_meta_refusing_the_pass_is_said_and_the_bot_keeps_the_thread(
    client: Client,
) -> None:
    person = await onboarded(client, "p-human-refused", lang="en")
    person.fake.fail_next("thread_owner", path="pass_thread_control")
    told = await person.say("talk to a person")
    assert "can't reach anyone" in joined(told)
    assert not person.fake.in_inbox(person.psid)
    assert not await person.services.redis.exists(person.services.keys.thread(person.psid))
    assert await person.say("thanks") != []


async def test_after_the_idle_time_the_bot_takes_the_thread_back(
    redis_url: str, prefix: str, tmp_path: Path, redis: Any, aiohttp_client: Any
) -> None:
    settings = make_settings(redis_url, prefix, tmp_path, handover_idle_s=0.5)
    client = await aiohttp_client(create_app(settings))
    person = await onboarded(client, "p-human-idle", lang="en")
    await person.say("talk to a human")
    assert await person.say("hello?") == []  # within the idle time: silence
    await asyncio.sleep(0.6)
    back = await person.say("anyone there?")
    assert "It's me, the assistant, again" in joined(back)
    assert person.fake.thread_calls(person.psid) == ["pass", "take"]
    assert not person.fake.in_inbox(person.psid)
    assert await person.say("thanks") != []


async def test_the_inbox_taking_the_thread_itself_silences_the_bot(client: Client) -> None:
    person = await onboarded(client, "p-inbox-took", lang="en")
    took = {
        "sender": {"id": person.psid},
        "recipient": {"id": PAGE_ID},
        "timestamp": next_ts(),
        "take_thread_control": {"previous_owner_app_id": 1, "new_owner_app_id": 263902037430900},
    }
    assert await person.send(took) == []  # sent to the app that lost the thread
    person.fake.owners[person.psid] = PAGE_INBOX_APP_ID  # staff answer in the inbox
    assert await person.say("hi") == []
    assert "It's me" in joined(await person.released())


def test_handover_events_parse() -> None:
    event = parse_event(
        {
            "sender": {"id": "psid"},
            "recipient": {"id": "page"},
            "timestamp": 1_700_000_000_000,
            "pass_thread_control": {
                "previous_owner_app_id": 263902037430900,
                "new_owner_app_id": "123",
                "metadata": "done",
            },
        }
    )
    assert event.kind == "pass_thread_control"
    control = event.thread_control
    assert control is not None and control.previous_owner_app_id == PAGE_INBOX_APP_ID


async def test_staff_take_over_from_the_console_and_the_release(client: Client) -> None:
    person = await onboarded(client, "p-take-over")
    await signed_in(client)
    page = f"/admin/people/{person.psid}"
    assert 'id="take-over"' in await (await client.get(page)).text()
    before = len(person.fake.sent_to(person.psid))
    taken = await post_form(client, f"{page}/handover", page)
    assert taken.status == 303
    told = [m["message"]["text"] for m in person.fake.sent_to(person.psid)[before:]]
    assert len(told) == 1 and "predajam sodelavcu" in told[0]  # in the person's language
    assert person.fake.thread_calls(person.psid) == ["pass"]
    shown = await (await client.get(page)).text()
    assert 'data-holder="inbox"' in shown and 'id="take-over"' not in shown
    entries = await person.services.audit.entries()
    assert any(e["what"] == "take over the conversation" and e["who"] == "Petra" for e in entries)
    assert await person.say("zdravo?") == []  # the staff answer now, not the bot
    assert "Spet sem tu" in joined(await person.released())


async def test_marketing_staff_cannot_take_over(client: Client) -> None:
    person = await onboarded(client, "p-take-over-mkt")
    await signed_in(client, role="marketing", name="Marko")
    page = "/admin/marketing"
    refused = await post_form(client, f"/admin/people/{person.psid}/handover", page)
    assert refused.status == 403
    assert person.fake.thread_calls(person.psid) == []


async def test_when_meta_ends_the_inbox_hold_itself_the_person_is_told_and_answered(
    client: Client,
) -> None:
    person = await onboarded(client, "p-inbox-lapsed", lang="en")
    await person.say("talk to a human")
    person.fake.owners.pop(person.psid)  # Meta: thread control lapsed after a day of silence
    replies = await person.say("thanks")
    assert "It's me, the assistant, again" in replies[0]["text"] and len(replies) >= 2
    assert await person.say("thanks") != [] and not await person.services.redis.exists(
        person.services.keys.thread(person.psid)
    )


async def test_take_over_through_the_admin_api(client: Client) -> None:
    person = await onboarded(client, "p-api-take-over", lang="en")
    admin = await add_user(client, "admin", "Petra")
    marketing = await add_user(client, "marketing", "Marko")
    path = f"/admin/api/users/{person.psid}/handover"
    refused = await client.post(path, headers={"Authorization": f"Bearer {marketing}"})
    assert refused.status == 403 and person.fake.thread_calls(person.psid) == []
    bearer = {"Authorization": f"Bearer {admin}"}
    taken = await client.post(path, headers=bearer)
    assert taken.status == 200 and await taken.json() == {"passed": True, "thread": "inbox"}
    again = await client.post(path, headers=bearer)
    assert await again.json() == {"passed": True, "thread": "inbox"}
    assert person.fake.thread_calls(person.psid) == ["pass"]  # passed once
    nobody = await client.post("/admin/api/users/nobody/handover", headers=bearer)
    assert nobody.status == 404


async def test_declining_a_person_keeps_the_bot_in_the_thread(client: Client) -> None:
    # "Pogovor z osebo ni potreben." was read as asking for one: the thread went to the Page
    # Inbox and the bot fell silent for everything after it.
    person = await onboarded(client, "p-no-human")
    await person.say("Pogovor z osebo ni potreben.")
    assert passes(person) == []
    assert not person.fake.in_inbox(person.psid)
    assert await person.say("kaj hranite o meni") != []  # the bot still answers
