"""The console in Slovene in a real browser: a privacy officer who picked Slovene works the
request queue and opens a person's page in Slovene, with times in Ljubljana time and the
exact UTC moment on hover; one click in the header switches to English and back."""

from __future__ import annotations

import datetime as dt
import time
from zoneinfo import ZoneInfo

from aiohttp import web
from playwright.async_api import Page, expect

from bot.rights.operations import record_request
from bot.staff.users import token_hash
from tests.browser.conftest import shot, sign_in
from tests.webhook.console_helpers import seed_person
from webhook.keys import SERVICES

Live = tuple[web.Application, str]
PSID = "b-maja"
WORDS = "Koliko časa hranite posnetke kamer na parkirišču?"
MONTHS = ["jan.", "feb.", "mar.", "apr.", "maj", "jun.", "jul.", "avg."]
MONTHS += ["sep.", "okt.", "nov.", "dec."]


def ljubljana(iso: str) -> tuple[str, str]:
    """How a stored UTC time reads in Slovene in Ljubljana, and its UTC hover text."""
    moment = dt.datetime.fromisoformat(iso).astimezone(dt.UTC)
    local = moment.astimezone(ZoneInfo("Europe/Ljubljana"))
    shown = f"{local.day}. {MONTHS[local.month - 1]} {local.year}, {local:%H:%M}"
    return shown, f"{moment:%Y-%m-%d %H:%M} UTC"


async def test_the_queue_and_a_person_in_slovene_with_ljubljana_times(
    live: Live, page: Page
) -> None:
    app, base = live
    services = app[SERVICES]
    await seed_person(services, PSID, int(time.time() * 1000), name=("Maja", "Zupan"))
    record = await record_request(services, PSID, "question", done=False, text=WORDS)
    token = await services.admins.add("Petra", "admin")
    await services.admins.set_language(token_hash(token), "sl")  # she picked Slovene

    await sign_in(page, base, token, language="Slovenščina")
    await page.goto(f"{base}/admin/requests")
    await expect(page.locator("html")).to_have_attribute("lang", "sl")
    await expect(page.get_by_role("heading", level=1)).to_have_text("Zahteve posameznikov")
    nav = page.get_by_role("navigation", name="Konzola")
    for link in ("Pregled", "Osebe", "Zahteve", "Revizijska sled", "Uporabniki"):
        await expect(nav.get_by_role("link", name=link, exact=True)).to_be_visible()
    card = page.locator(f"#req-{record.id}")
    await expect(card.locator(".req-type")).to_have_text("Vprašanje")
    await expect(card.locator(".their-words")).to_have_text(WORDS)
    for button in ("Pošlji in zaključi", "Zavrni", "Podaljšaj"):
        await expect(card.get_by_role("button", name=button, exact=True)).to_be_visible()
    due = card.locator(".due time")
    shown, hover = ljubljana(record.due)
    await expect(due).to_have_text(shown)
    await expect(due).to_have_attribute("title", hover)
    await due.hover()  # the browser's tooltip is the title: UTC
    await shot(page, "console-requests-sl")

    await card.get_by_role("link", name="Oseba").click()
    await page.wait_for_url(f"{base}/admin/people/{PSID}")
    await expect(page.get_by_role("heading", level=1)).to_have_text("Maja Zupan")
    for heading in ("Profil", "Potrdila o privolitvah", "Zahteve"):
        await expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
    await expect(page.get_by_role("link", name="Izbriši osebo")).to_be_visible()
    receipt = page.locator(".timeline li").first
    await expect(receipt.locator("strong")).to_have_text("profil: dana")
    received = page.locator(".plain li", has_text="Vprašanje").locator("time").first
    shown, hover = ljubljana(record.received)
    await expect(received).to_have_text(shown)
    await expect(received).to_have_attribute("title", hover)
    await shot(page, "console-person-sl")

    await page.locator("#language-form").get_by_role("button", name="English").click()
    await expect(page.get_by_role("heading", name="Consent receipts")).to_be_visible()
    await expect(page).to_have_url(f"{base}/admin/people/{PSID}")
    await page.locator("#language-form").get_by_role("button", name="Slovenščina").click()
    await expect(page.get_by_role("heading", name="Potrdila o privolitvah")).to_be_visible()
