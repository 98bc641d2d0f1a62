"""Marketing pages: the live audience count, sending and watching a broadcast, scheduling,
cancelling; and no person named anywhere a marketing user can look."""

from __future__ import annotations

import datetime as dt
import re
import time
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.broadcast import actions as broadcast_admin
from bot.settings import Settings
from tests.bot.broadcast_people import reviewers_run
from tests.helpers import eventually
from tests.webhook.console_helpers import (
    Client,
    post_form,
    seed_person,
    signed_in,
    without_tokens,
)
from webhook.app import create_app
from webhook.keys import SERVICES

PEOPLE = {"mk-ana": ("Ana", "Novak"), "mk-bor": ("Bor", "Kranjc"), "mk-cene": ("Cene", "Vidmar")}


@pytest.fixture
async def client(settings: Settings, aiohttp_client: Any) -> Client:
    client = await aiohttp_client(create_app(settings))
    services = client.app[SERVICES]
    now = int(time.time() * 1000)
    for psid, name in PEOPLE.items():
        await seed_person(services, psid, now, name=name, marketing="granted")
    await seed_person(services, "mk-dan", now, name=("Dan", "Zorko"), marketing="refused")
    await seed_person(services, "mk-eva", now, name=("Eva", "Ban"), marketing="granted", lang="en")
    await signed_in(client, "marketing", "Marko")
    return client


def no_person_in(html: str) -> bool:
    text = without_tokens(html)
    names = [part for name in PEOPLE.values() for part in name] + ["Dan", "Eva", "Ban"]
    return not any(re.search(rf"\b{word}\b", text) for word in names) and "mk-" not in text


async def test_the_audience_is_counted_live_by_reason(client: Client) -> None:
    everyone = await (await client.get("/admin/marketing/audience.json")).json()
    assert everyone["audience"] == 4 and everyone["eligible_in_window"] == 4
    assert everyone["skipped"]["no_consent"] == 1  # refused: outside the audience, counted
    slovene = await (await client.get("/admin/marketing/audience.json?lang=sl")).json()
    assert slovene["audience"] == 3 and slovene["skipped"]["language"] == 1


async def test_the_live_count_shows_who_left_the_audience_and_why(
    settings: Settings, aiohttp_client: Any
) -> None:
    client = await aiohttp_client(create_app(settings))
    await reviewers_run(client.app[SERVICES])
    await signed_in(client, "marketing", "Marko")
    counted = await (await client.get("/admin/marketing/audience.json")).json()
    assert counted["audience"] == 2 and counted["eligible_in_window"] == 2
    assert counted["skipped"] == {
        "suppressed": 0,
        "no_consent": 4,
        "unsubscribed": 4,
        "restricted": 1,
        "unreachable": 0,
        "language": 0,
        "outside_window_no_token": 0,
    }


async def test_a_broadcast_goes_from_compose_to_done(client: Client) -> None:
    compose = await client.get("/admin/marketing")
    assert compose.status == 200 and no_person_in(await compose.text())
    sent = await post_form(
        client,
        "/admin/marketing",
        "/admin/marketing",
        confirmed="1",
        text="Black Friday: 20 % off!",
        lang="sl",
        when="now",
    )
    assert sent.status == 303
    page = sent.headers["Location"]
    status_url = f"{page}/status.json"

    async def done() -> bool:
        return bool((await (await client.get(status_url)).json())["status"] == "done")

    await eventually(done, timeout=10)
    status = await (await client.get(status_url)).json()
    assert status["sent"] == 3 and status["skipped"] == 1
    assert status["expected"] == 4  # the progress bar's end: the audience when it started
    assert status["skipped_by_reason"] == {"language": 1}
    progress = await (await client.get(page)).text()
    assert "Black Friday" in progress and no_person_in(progress)
    fake = client.app[SERVICES].fake_graph
    assert fake is not None
    assert [m["message"]["text"] for m in fake.sent_to("mk-ana")] == ["Black Friday: 20 % off!"]
    history = await (await client.get("/admin/marketing")).text()
    assert "Black Friday" in history and no_person_in(history)


async def test_a_scheduled_broadcast_waits_and_can_be_cancelled(client: Client) -> None:
    # The staff type Ljubljana time; the store keeps UTC.
    local = dt.datetime.now(ZoneInfo("Europe/Ljubljana")) + dt.timedelta(days=1)
    typed = local.strftime("%Y-%m-%dT%H:%M")
    sent = await post_form(
        client,
        "/admin/marketing",
        "/admin/marketing",
        confirmed="1",
        text="Tomorrow",
        when="schedule",
        at=typed,
    )
    page = sent.headers["Location"]
    html = await (await client.get(page)).text()
    utc = local.replace(second=0, microsecond=0).astimezone(dt.UTC)
    # Shown in the Ljubljana time it was typed in, with UTC on hover.
    shown = f"{local:%b} {local.day}, {local.year}, {local:%H:%M}"
    hover = f'title="{utc:%Y-%m-%d %H:%M} UTC">{shown}</time>'
    assert "queued" in html and hover in html
    status = await (await client.get(f"{page}/status.json")).json()
    assert status["scheduled_at"] == utc.isoformat().replace("+00:00", "Z")
    cancelled = await post_form(client, f"{page}/cancel", page)
    assert cancelled.status == 303
    status = await (await client.get(f"{page}/status.json")).json()
    assert status["status"] == "cancelled" and status["sent"] == 0
    audit = await client.app[SERVICES].audit.entries()
    whats = [e["what"] for e in audit if e["who"] == "Marko"]
    assert any(w.startswith("broadcast created") for w in whats)
    assert any(w.startswith("broadcast cancelled") for w in whats)


async def test_a_paused_broadcast_is_resumed_by_an_admin_not_by_marketing(
    client: Client,
) -> None:
    sent = await post_form(
        client,
        "/admin/marketing",
        "/admin/marketing",
        confirmed="1",
        text="Soon",
        when="schedule",
        at="2099-01-01T10:00",
    )
    assert sent.status == 400 and "days ahead" in await sent.text()
    tomorrow = dt.datetime.now(dt.UTC) + dt.timedelta(days=1)
    sent = await post_form(
        client,
        "/admin/marketing",
        "/admin/marketing",
        confirmed="1",
        text="Soon",
        when="schedule",
        at=tomorrow.strftime("%Y-%m-%dT%H:%M"),
    )
    page = sent.headers["Location"]
    services = client.app[SERVICES]
    assert await broadcast_admin.policy_block(services, "spam") == 1
    html = await (await client.get(page)).text()
    assert "paused" in html and "resume-form" not in html and "an admin can resume" in html
    assert (await post_form(client, f"{page}/resume", page)).status == 403
    await signed_in(client, "admin", "Petra")
    blocked = await post_form(client, f"{page}/resume", page)
    assert blocked.status == 400 and "policy block" in await blocked.text()
    await broadcast_admin.policy_unblock(services)
    assert "resume-form" in await (await client.get(page)).text()
    resumed = await post_form(client, f"{page}/resume", page)
    assert resumed.status == 303
    status = await (await client.get(f"{page}/status.json")).json()
    assert status["status"] == "queued" and status["paused_reason"] in ("", None)
    audit = await services.audit.entries()
    assert any(e["what"] == "broadcast resumed" and e["who"] == "Petra" for e in audit)


async def test_an_empty_message_or_a_missing_time_is_refused_with_a_reason(
    client: Client,
) -> None:
    response = await post_form(
        client, "/admin/marketing", "/admin/marketing", confirmed="1", text=" "
    )
    assert response.status == 400 and "text" in await response.text()
    unscheduled = await post_form(
        client,
        "/admin/marketing",
        "/admin/marketing",
        confirmed="1",
        text="Hi",
        when="schedule",
        at="",
    )
    assert unscheduled.status == 400 and "nothing was sent" in await unscheduled.text()
    assert "No broadcasts yet" in await (await client.get("/admin/marketing")).text()


async def test_polling_progress_is_not_written_to_the_audit_log(client: Client) -> None:
    sent = await post_form(
        client, "/admin/marketing", "/admin/marketing", confirmed="1", text="Hi", lang="en"
    )
    status_url = f"{sent.headers['Location']}/status.json"
    audit = client.app[SERVICES].audit

    async def by_marko() -> int:
        return sum(1 for e in await audit.entries(count=1000) if e["who"] == "Marko")

    before = await by_marko()
    for _ in range(3):
        assert (await client.get(status_url)).status == 200
    assert await by_marko() == before
