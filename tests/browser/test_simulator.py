"""A whole first contact in the simulator, in headless Chromium: Get Started, consent by
tapping quick replies, a typed question, the persistent menu, the marketing opt-in card."""

from __future__ import annotations

import asyncio
import os
import shutil
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from playwright.async_api import Browser, Page

from bot.settings import Settings
from webhook.keys import SERVICES

ARTIFACTS = Path(__file__).parents[1] / "artifacts"
README_SHOT = Path(__file__).parents[2] / "docs" / "img" / "simulator.png"
PSID = "9200000000000001"


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """Marketing Messages on (MARKETING_MESSAGES=on): these tests cover the token route."""
    return settings.model_copy(update={"marketing_messages": "on"})


@pytest.fixture
async def phone(browser: Browser) -> AsyncIterator[Page]:
    """A phone-sized page (Chromium and the live app come from conftest.py)."""
    context = await browser.new_context(viewport={"width": 375, "height": 812})
    context.set_default_timeout(10_000)
    yield await context.new_page()
    await context.close()


async def bot_says(page: Page, count: int) -> None:
    """Wait until the thread shows at least `count` bot messages or cards."""
    await page.wait_for_function(
        "n => document.querySelectorAll('.msg.bot, .card').length >= n", arg=count, timeout=8000
    )


async def bot_count(page: Page) -> int:
    return int(await page.locator(".msg.bot, .card").count())


async def tap(page: Page, payload: str) -> None:
    """Tap a quick reply by its payload and wait for the bot's answer."""
    button = page.locator(f'.quick-replies button[data-payload="{payload}"]')
    await button.wait_for(timeout=8000)
    before = await bot_count(page)
    await button.click()
    await bot_says(page, before + 1)


async def expect_token(services: Any) -> None:
    for _ in range(100):
        if (await services.store.load(PSID)).get("mm:token"):
            return
        await asyncio.sleep(0.05)
    raise AssertionError("the opt-in never reached the bot")


async def test_a_first_contact_conversation_in_the_simulator(
    live: tuple[web.Application, str], phone: Page
) -> None:
    app, base = live
    page = phone
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    await page.goto(f"{base}/simulator?psid={PSID}&locale=en_US")
    assert await page.locator("#page-name").text_content() == app[SERVICES].pack.pack.controller

    await page.get_by_role("button", name="Get Started").click()
    await bot_says(page, 1)
    await tap(page, "CONSENT:profile:yes")
    services = app[SERVICES]
    user = await services.store.load(PSID)
    assert (user.profile() or {}).get("first_name") == "Sam" and user.language == "en"

    await tap(page, "CONSENT:marketing:yes")
    optin = page.locator(".card.optin button")
    await optin.wait_for(timeout=8000)
    await optin.click()
    await expect_token(services)
    assert await optin.is_disabled()
    ARTIFACTS.mkdir(exist_ok=True)
    await page.screenshot(path=str(ARTIFACTS / "simulator-consent.png"))

    before = await bot_count(page)
    await page.locator("#menu-button").click()
    await page.locator('#menu button[data-payload="INTENT:policy_overview"]').click()
    await bot_says(page, before + 1)
    assert await page.locator("#menu").is_hidden()

    before = await bot_count(page)
    await page.locator("#text").fill("How long do you keep my data?")
    await page.locator("#text").press("Enter")
    await bot_says(page, before + 1)
    await page.wait_for_timeout(300)  # let the last reply's quick replies settle
    assert await page.locator(".msg.me").count() == 5  # each tap and message shows as mine

    await page.screenshot(path=str(ARTIFACTS / "simulator-first-contact.png"))
    if os.environ.get("UPDATE_DOC_IMAGES") == "1":  # a test run never rewrites tracked files
        shutil.copyfile(ARTIFACTS / "simulator-consent.png", README_SHOT)

    sent = services.fake_graph.sent_to(PSID)  # type: ignore[union-attr]
    assert await bot_count(page) >= len(sent) > 0
    assert await page.locator("#status").text_content() == ""
    assert errors == []
