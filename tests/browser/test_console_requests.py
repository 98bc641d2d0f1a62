"""Working requests from the console in a real browser: an answer typed in the queue arrives
in the person's simulator chat; an extension tells the person the new deadline; a revoked
user's open session fails on their next click."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from aiohttp import web
from playwright.async_api import Browser, BrowserContext, Page, expect

from bot.rights.operations import record_request
from tests.browser.conftest import shot, sign_in
from webhook.keys import SERVICES

Live = tuple[web.Application, str]
PSID = "9200000000000077"
WORDS = "How long do you keep the parking camera footage of my car?"


@pytest.fixture
async def second(browser: Browser) -> AsyncIterator[BrowserContext]:
    """Another browser profile (own cookies): the person's phone, or a second staff member."""
    context = await browser.new_context(viewport={"width": 375, "height": 812})
    context.set_default_timeout(10_000)
    yield context
    await context.close()


async def person_in_simulator(base: str, context: BrowserContext) -> Page:
    """Someone who just talked to the bot (so inside Meta's 24-hour window)."""
    phone = await context.new_page()
    await phone.goto(f"{base}/simulator?psid={PSID}&locale=en_US")
    await phone.get_by_role("button", name="Get Started").click()
    button = phone.locator('.quick-replies button[data-payload="CONSENT:profile:no"]')
    await button.click()
    await phone.wait_for_function("document.querySelectorAll('.msg.bot, .card').length >= 2")
    return phone


async def test_an_answer_from_the_queue_arrives_in_the_simulator(
    live: Live, page: Page, second: BrowserContext
) -> None:
    app, base = live
    services = app[SERVICES]
    phone = await person_in_simulator(base, second)
    record = await record_request(services, PSID, "question", done=False, text=WORDS)

    await sign_in(page, base, str(await services.admins.add("Petra", "admin")))
    await page.goto(f"{base}/admin/requests")
    card = page.locator(f"#req-{record.id}")
    await expect(card.locator(".their-words")).to_have_text(WORDS)
    await expect(card.locator("a.person-link")).to_have_attribute("href", f"/admin/people/{PSID}")
    answer = "We keep parking camera footage for 30 days, then it is deleted."
    await card.locator("textarea[name=answer]").fill(answer)
    await card.get_by_role("button", name="Send and close").click()
    await expect(page.locator(".banner.ok")).to_contain_text("closed")
    await shot(page, "console-request-answered")

    await expect(phone.locator(".msg.bot").last).to_contain_text(answer, timeout=8000)
    await shot(phone, "simulator-request-answer")


async def test_an_extension_from_the_queue(live: Live, page: Page, second: BrowserContext) -> None:
    app, base = live
    services = app[SERVICES]
    phone = await person_in_simulator(base, second)
    record = await record_request(services, PSID, "access", done=False)
    await sign_in(page, base, str(await services.admins.add("Petra", "admin")))
    await page.goto(f"{base}/admin/requests")
    card = page.locator(f"#req-{record.id}")
    await card.locator("select[name=months]").select_option("2")
    await card.locator(".extend-form input[name=reason]").fill("Your request spans five systems.")
    await card.get_by_role("button", name="Extend").click()
    card = page.locator(f"#req-{record.id}")
    await expect(card.locator(".pill.extended")).to_have_text("extended by 2 months")
    await expect(card.locator(".extend-form")).to_have_count(0)  # once only
    await expect(phone.locator(".msg.bot").last).to_contain_text("five systems", timeout=8000)


async def test_a_revoked_users_open_session_fails_at_once(
    live: Live, page: Page, second: BrowserContext
) -> None:
    app, base = live
    services = app[SERVICES]
    await sign_in(page, base, str(await services.admins.add("Petra", "admin")))
    marko = await second.new_page()
    await sign_in(marko, base, str(await services.admins.add("Marko", "marketing")))

    await page.goto(f"{base}/admin/users")
    row = page.locator("tr", has_text="Marko")
    await row.get_by_role("button", name="Revoke").click()
    await expect(page.locator(".banner.ok")).to_contain_text("revoked")
    await expect(page.locator("table.users")).not_to_contain_text("Marko")

    await marko.goto(f"{base}/admin/marketing")
    assert marko.url.startswith(f"{base}/admin/login")
