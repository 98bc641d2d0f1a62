"""In headless Chromium: a handover round trip in the simulator (ask for a person, the page
shows the Page Inbox holding the thread and the bot silent, release, the bot is back), and
staff linking their own chat and sending themselves a test of a broadcast."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator

import pytest
from aiohttp import web
from playwright.async_api import Browser, Page

from tests.browser.conftest import shot, sign_in
from tests.browser.test_simulator import bot_count, bot_says, tap
from webhook.keys import SERVICES

PSID = "9200000000000077"


@pytest.fixture
async def phone(browser: Browser) -> AsyncIterator[Page]:
    context = await browser.new_context(viewport={"width": 375, "height": 812})
    context.set_default_timeout(10_000)
    yield await context.new_page()
    await context.close()


async def say(page: Page, text: str) -> None:
    await page.locator("#text").fill(text)
    await page.locator("#text").press("Enter")


async def test_a_handover_round_trip_in_the_simulator(
    live: tuple[web.Application, str], phone: Page
) -> None:
    app, base = live
    page = phone
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    await page.goto(f"{base}/simulator?psid={PSID}&locale=en_US")
    holder = page.locator("#thread-holder")
    assert await holder.get_attribute("data-holder") == "bot"
    assert await page.locator("#release").is_hidden()
    await page.get_by_role("button", name="Get Started").click()
    await bot_says(page, 1)
    await tap(page, "CONSENT:profile:yes")
    await tap(page, "CONSENT:marketing:no")

    before = await bot_count(page)
    await say(page, "I want to talk to a person")
    await bot_says(page, before + 1)
    await page.wait_for_selector('#thread-holder[data-holder="inbox"]')
    assert "Page Inbox" in (await holder.text_content() or "")
    await shot(page, "simulator-handover")

    silent = await bot_count(page)
    await say(page, "hello, anyone?")
    await page.wait_for_timeout(1200)  # several polls: nothing comes from the bot
    assert await bot_count(page) == silent

    await page.locator("#release").click()
    await page.wait_for_selector('#thread-holder[data-holder="bot"]')
    await bot_says(page, silent + 1)
    assert "the assistant, again" in (await page.locator(".msg.bot").last.text_content() or "")
    assert not app[SERVICES].fake_graph.in_inbox(PSID)  # type: ignore[union-attr]
    assert errors == []


async def test_linking_my_chat_and_a_broadcast_test_send(
    live: tuple[web.Application, str], page: Page, browser: Browser
) -> None:
    app, base = live
    services = app[SERVICES]
    token = await services.admins.add("Marko", "marketing")
    await sign_in(page, base, token)
    await page.goto(f"{base}/admin/marketing")
    await page.locator("#link-button").click()
    code = (await page.locator("#code").text_content() or "").strip()
    assert re.fullmatch(r"PB-[A-Z0-9]{8}", code)

    # The staff member types the code to the bot, here from the simulator.
    chat = await browser.new_page(viewport={"width": 375, "height": 812})
    await chat.goto(f"{base}/simulator?psid=9200000000000078&locale=sl_SI")
    await say(chat, code)
    await chat.locator(".msg.bot", has_text="Povezano").wait_for()
    linked = await bot_count(chat)

    await page.goto(f"{base}/admin/marketing")
    await page.wait_for_selector("#chat-linked")
    await page.locator("#text").fill("Praznični popust!")
    await page.locator("#send").click()
    await page.wait_for_selector("#confirm-broadcast")
    await page.locator("#send-test").click()
    await page.wait_for_selector("#test-sent")
    await shot(page, "console-broadcast-test-sent")
    await bot_says(chat, linked + 1)
    assert await chat.locator(".msg.bot").last.text_content() == "Praznični popust!"
    assert await page.locator("#confirm-send").is_visible()  # the broadcast itself still waits
    await chat.close()
