"""The console in a real browser: sign-in, forms, reviewing and erasing a person, a broadcast
from compose to a full progress bar, role separation, and the 375 px layout."""

from __future__ import annotations

import datetime as dt
import time

from aiohttp import web
from playwright.async_api import Page, expect

from bot.broadcast import actions as broadcast_admin
from bot.broadcast.spec import BroadcastSpec
from tests.browser.conftest import PHONE, shot, sign_in
from tests.webhook.console_helpers import seed_person
from webhook.keys import SERVICES

Live = tuple[web.Application, str]
NAMED = {"b-nina": ("Nina", "Kos"), "b-ana": ("Ana", "Novak"), "b-bor": ("Bor", "Kranjc")}


async def seed(app: web.Application, anonymous: int = 0) -> None:
    services = app[SERVICES]
    now = int(time.time() * 1000)
    for i in range(anonymous):
        await seed_person(services, f"b-anon-{i:02d}", now - (i + 1) * 60_000)
    for psid, name in NAMED.items():
        await seed_person(services, psid, now, name=name, marketing="granted")


async def token(app: web.Application, role: str = "admin", name: str = "Petra") -> str:
    return str(await app[SERVICES].admins.add(name, role))


async def fits_the_screen(page: Page) -> bool:
    width = await page.evaluate("document.documentElement.scrollWidth")
    return bool(width <= PHONE["width"])


async def test_sign_in_and_sign_out(live: Live, page: Page) -> None:
    app, base = live
    await seed(app, anonymous=4)
    await page.goto(f"{base}/admin/people")
    await expect(page).to_have_url(f"{base}/admin/login")
    await page.fill("#token", "pbt_wrong")
    await page.click("button[type=submit]")
    await expect(page.locator(".error")).to_contain_text("ni veljaven")
    await sign_in(page, base, await token(app))
    await expect(page.locator(".who")).to_contain_text("Petra")
    await shot(page, "console-dashboard")
    await page.click("text=Sign out")
    await expect(page).to_have_url(f"{base}/admin/login")
    await page.goto(f"{base}/admin/")
    await expect(page).to_have_url(f"{base}/admin/login")


async def test_a_form_with_a_forged_csrf_token_is_refused(live: Live, page: Page) -> None:
    app, base = live
    await sign_in(page, base, await token(app))
    await page.goto(f"{base}/admin/breach")
    await page.fill("#confirm", "BREACH")
    await page.eval_on_selector("main input[name=csrf]", "el => el.value = 'forged'")
    await page.click("button.danger")
    await expect(page.locator(".error")).to_contain_text("did not come from this console")
    services = app[SERVICES]
    assert not await services.redis.exists(services.keys.breach)


async def test_reviewing_a_person(live: Live, page: Page) -> None:
    app, base = live
    await seed(app, anonymous=12)
    await sign_in(page, base, await token(app))
    await page.click("nav >> text=People")
    await expect(page.locator("table.people tbody tr")).to_have_count(15)
    await shot(page, "console-people")
    await page.fill("input[name=q]", "novak")
    await page.click("form.filters button")
    await expect(page.locator("table.people tbody tr")).to_have_count(1)
    await expect(page.locator("#scan-note")).to_contain_text("encrypted")
    await page.click("text=Ana Novak")
    await expect(page.locator("h1")).to_contain_text("Ana Novak")
    await expect(page.locator(".timeline li")).to_have_count(2)
    await expect(page.locator(".timeline")).to_contain_text("marketing: granted")
    await shot(page, "console-person")
    await page.set_viewport_size(PHONE)  # type: ignore[arg-type]
    await shot(page, "console-person-375")
    assert await fits_the_screen(page)
    await page.goto(f"{base}/admin/people")
    await shot(page, "console-people-375")
    assert await fits_the_screen(page)


async def test_erasing_a_person(live: Live, page: Page) -> None:
    app, base = live
    await seed(app)
    await sign_in(page, base, await token(app))
    await page.goto(f"{base}/admin/people/b-bor")
    await page.click("text=Erase person")
    await page.fill("#confirm", "ERASE")
    await page.click("text=Erase for good")
    await expect(page.locator(".banner.ok")).to_contain_text("was erased")
    await expect(page.locator("table.people")).not_to_contain_text("Bor Kranjc")
    services = app[SERVICES]
    assert not await services.redis.exists(services.keys.user("b-bor"))
    await page.set_viewport_size(PHONE)  # type: ignore[arg-type]
    for path in ("/admin/requests?status=done", "/admin/audit", "/admin/breach", "/admin/"):
        await page.goto(f"{base}{path}")
        assert await fits_the_screen(page), path
    await expect(page.locator(".queue, table").first).to_be_visible()


async def test_a_broadcast_from_compose_to_a_full_progress_bar(live: Live, page: Page) -> None:
    app, base = live
    await seed(app)
    await sign_in(page, base, await token(app, "marketing", "Marko"))
    await page.click("nav >> text=Broadcasts")
    await expect(page.locator("#n-now")).to_have_text("3")
    await page.fill("#text", "Black Friday: 20 % off everything!")
    await expect(page.locator("#preview")).to_have_text("Black Friday: 20 % off everything!")
    await shot(page, "console-compose")
    await page.set_viewport_size(PHONE)  # type: ignore[arg-type]
    assert await fits_the_screen(page)
    await shot(page, "console-compose-375")
    await page.click("#send")
    await expect(page.locator("#c-total")).to_have_text("3")
    await page.click("#confirm-send")
    await expect(page.locator("#status")).to_have_text("done")
    await expect(page.locator("#sent")).to_have_text("3")
    bar = page.locator("#progress")
    assert await bar.get_attribute("value") == await bar.get_attribute("max")
    await shot(page, "console-broadcast-done")
    for name in ("Nina", "Novak", "b-nina"):
        assert name not in await page.content()


async def test_a_cancelled_broadcast_is_not_drawn_as_a_full_bar(live: Live, page: Page) -> None:
    app, base = live
    await seed(app)
    tomorrow = dt.datetime.now(dt.UTC) + dt.timedelta(days=1)
    made = await broadcast_admin.create(
        app[SERVICES], BroadcastSpec(text="Jutri", at=tomorrow), "Marko", "marketing"
    )
    await sign_in(page, base, await token(app, "marketing", "Marko"))
    await page.goto(f"{base}/admin/marketing/{made['id']}")
    await page.click("#cancel-form button")
    await expect(page.locator("#status")).to_have_text("cancelled")
    bar = page.locator("#progress")
    await expect(bar).to_have_attribute("max", "3")  # the audience it was meant for
    assert await bar.get_attribute("value") == "0"


async def test_a_marketing_user_cannot_open_a_persons_page(live: Live, page: Page) -> None:
    app, base = live
    await seed(app)
    await sign_in(page, base, await token(app, "marketing", "Marko"))
    await expect(page.locator("nav")).not_to_contain_text("People")
    await page.goto(f"{base}/admin/people/b-nina")
    await expect(page.locator("h1")).to_have_text("Not allowed")
    assert "Nina" not in await page.content()
