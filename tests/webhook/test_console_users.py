"""The Users page: admins only; add (token shown once), rotate and revoke; a revoked user's
console session and API token stop working at once; last sign-in shown; all audited."""

from __future__ import annotations

import re
from typing import Any

import pytest

from bot.settings import Settings
from tests.webhook.console_helpers import Client, post_form, sign_in, signed_in
from webhook.app import create_app
from webhook.keys import SERVICES

PAGE = "/admin/users"
TOKEN = re.compile(r'class="mono new-token">(pbt_[^<]+)<')


@pytest.fixture
async def admin(settings: Settings, aiohttp_client: Any) -> Client:
    client = await aiohttp_client(create_app(settings, with_worker=False))
    await signed_in(client)
    return client


async def test_revoking_a_user_ends_their_session_and_token_at_once(
    admin: Client, settings: Settings, aiohttp_client: Any
) -> None:
    services = admin.app[SERVICES]
    other = await aiohttp_client(create_app(settings, with_worker=False))
    token = await signed_in(other, role="marketing", name="Marko")
    assert (await other.get("/admin/marketing")).status == 200
    page = await (await admin.get(PAGE)).text()
    assert "Marko" in page and "marketing" in page and "pbt_" not in page

    revoked = await post_form(admin, f"{PAGE}/revoke", PAGE, name="Marko")
    assert revoked.status == 303
    again = await other.get("/admin/marketing", allow_redirects=False)
    assert again.status in (302, 303) and "/admin/login" in again.headers["Location"]
    api = await other.get("/admin/api/broadcasts", headers={"Authorization": f"Bearer {token}"})
    assert api.status == 401
    assert "Marko" not in await (await admin.get(PAGE)).text()
    audited = [(e["what"], e["record"]) for e in await services.audit.entries()]
    assert ("revoke user", "Marko") in audited


async def test_add_and_rotate_show_the_token_once(admin: Client) -> None:
    added = await post_form(admin, PAGE, PAGE, name="Ana", role="admin")
    first = TOKEN.search(await added.text())
    assert added.status == 200 and first
    duplicate = await post_form(admin, PAGE, PAGE, name="Ana", role="marketing")
    assert duplicate.status == 400
    rotated = await post_form(admin, f"{PAGE}/rotate", PAGE, name="Ana")
    second = TOKEN.search(await rotated.text())
    assert second and second.group(1) != first.group(1)
    assert (await sign_in(admin, first.group(1))).status == 401
    assert (await sign_in(admin, second.group(1))).status == 303
    listing = await (await admin.get(PAGE)).text()
    row = listing[listing.index(">Ana<") :]
    assert "never" not in row[: row.index("</tr>")]  # last sign-in noted
    assert "pbt_" not in listing


async def test_marketing_may_not_open_the_users_page(
    settings: Settings, aiohttp_client: Any
) -> None:
    client = await aiohttp_client(create_app(settings, with_worker=False))
    await signed_in(client, role="marketing", name="Marko")
    assert (await client.get(PAGE)).status == 403
