"""Driving the console like a browser does: fetch a form, keep its CSRF token, post it."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from aiohttp import ClientResponse
from aiohttp.test_utils import TestClient

from bot.consent.receipts import ConsentReceipt, iso_utc
from bot.services import Services
from bot.staff.users import token_hash
from tests.helpers import record_contact
from webhook.keys import SERVICES

Client = TestClient[Any, Any]
_CSRF = re.compile(r'name="csrf" value="([^"]+)"')


async def add_user(
    client: Client, role: str = "admin", name: str = "Petra", language: str = "en"
) -> str:
    """A staff user who picked `language` for the console ("" = the Page's default; the
    test pack is Slovene)."""
    admins = client.app[SERVICES].admins
    token = str(await admins.add(name, role))
    if language:
        await admins.set_language(token_hash(token), language)
    return token


async def csrf_from(client: Client, path: str) -> str:
    response = await client.get(path)
    found = _CSRF.search(await response.text())
    assert found, f"no CSRF token on {path} (status {response.status})"
    return found.group(1)


def without_tokens(html: str) -> str:
    """The page without its CSRF tokens: random base64 spells a short name now and then."""
    return re.sub(r'name="csrf" value="[^"]*"', "", html)


async def sign_in(client: Client, token: str) -> ClientResponse:
    csrf = await csrf_from(client, "/admin/login")
    return await client.post(
        "/admin/login", data={"token": token, "csrf": csrf}, allow_redirects=False
    )


async def signed_in(client: Client, role: str = "admin", name: str = "Petra") -> str:
    """Sign in a new user of `role`; returns their API token."""
    token = await add_user(client, role, name)
    response = await sign_in(client, token)
    assert response.status == 303, await response.text()
    return token


async def post_form(client: Client, path: str, form_page: str, **fields: str) -> ClientResponse:
    """Post a form the way the page offers it: with that page's CSRF token."""
    csrf = await csrf_from(client, form_page)
    return await client.post(path, data={"csrf": csrf, **fields}, allow_redirects=False)


async def seed_person(
    services: Services,
    psid: str,
    ts: int,
    *,
    name: tuple[str, str] | None = None,
    marketing: str | None = None,
    lang: str = "sl",
) -> None:
    """A stored person as the bot leaves one (encrypted name, receipts), without chatting."""
    await record_contact(services, psid, ts)
    await services.store.update(psid, {"language": lang})
    decisions = [("profile", "granted" if name else "refused")]
    if marketing:
        decisions.append(("marketing", marketing))
    for purpose, decision in decisions:
        receipt = ConsentReceipt.model_validate(
            {
                "purpose": purpose,
                "decision": decision,
                "policy": services.pack.id,
                "policy_version": services.pack.pack.policy_version,
                "language": lang,
                "at": iso_utc(ts),
                "evidence": f"m_{psid}_{purpose}",
            }
        )
        await services.consents.record(psid, receipt, granted_any=True)
    if name:
        await services.store.update(
            psid,
            {
                "profile:first_name": name[0],
                "profile:last_name": name[1],
                "profile:timezone": str(daytime_offset()),
            },
        )


def daytime_offset() -> int:
    """An hour offset at which it is now about 14:00: broadcasts avoid local night hours."""
    return (14 - dt.datetime.now(dt.UTC).hour + 12) % 24 - 12
