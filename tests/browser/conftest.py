"""Browser tests: the console served by a real app on 127.0.0.1, driven by Debian's
Chromium through Playwright's async API (the sync API cannot run inside the test's loop).

Without /usr/bin/chromium every test here is skipped, with the reason printed; `.ci/run`
installs the `chromium` package when it is missing."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from playwright.async_api import Browser, BrowserContext, Page, async_playwright

from bot.settings import Settings
from webhook.app import create_app

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if CHROMIUM.exists():
        return
    reason = f"browser tests need Chromium at {CHROMIUM} (Debian: apt-get install chromium)"
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture
async def live(settings: Settings, aiohttp_server: Any) -> tuple[web.Application, str]:
    """The whole app (worker included) on a loopback port: (app, base URL)."""
    server = await aiohttp_server(create_app(settings))
    return server.app, str(server.make_url("")).rstrip("/")


@pytest.fixture
async def browser() -> AsyncIterator[Browser]:
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        await browser.close()


@pytest.fixture
async def context(browser: Browser) -> AsyncIterator[BrowserContext]:
    context = await browser.new_context(viewport=DESKTOP)  # type: ignore[arg-type]
    context.set_default_timeout(10_000)
    yield context
    await context.close()


@pytest.fixture
async def page(context: BrowserContext) -> Page:
    return await context.new_page()


async def shot(page: Page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    await page.screenshot(path=str(path), full_page=True)
    return path


async def sign_in(page: Page, base: str, token: str, language: str = "English") -> None:
    """Sign in, then pick the console's language in the header as staff do (the test pack
    is Slovene, so a new user starts in Slovene)."""
    await page.goto(f"{base}/admin/login")
    await page.fill("#token", token)
    await page.click("main button[type=submit]")
    await page.wait_for_url(f"{base}/admin/")
    switch = page.locator("#language-form").get_by_role("button", name=language)
    if await switch.get_attribute("aria-pressed") != "true":
        await switch.click()
        await page.wait_for_url(f"{base}/admin/")
