"""Console sign-in: the session cookie, CSRF, the sign-in limit, headers and roles."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

import pytest

from bot.settings import Settings
from bot.staff.users import token_hash
from tests.conftest import make_settings
from tests.webhook.console_helpers import (
    Client,
    add_user,
    csrf_from,
    post_form,
    seed_person,
    sign_in,
    signed_in,
)
from webhook.app import create_app
from webhook.console.guard import SIGNER
from webhook.console.session import COOKIE, LIFETIME_S, LOGIN_CSRF_COOKIE
from webhook.keys import SERVICES


@pytest.fixture
async def client(settings: Settings, aiohttp_client: Any) -> Client:
    return await aiohttp_client(create_app(settings, with_worker=False))


async def test_sign_in_sets_a_strict_http_only_cookie_that_expires(client: Client) -> None:
    token = await add_user(client, "admin", "Petra")
    response = await sign_in(client, token)
    assert response.status == 303 and response.headers["Location"] == "/admin/"
    cookie = next(h for h in response.headers.getall("Set-Cookie") if h.startswith(COOKIE))
    flags = {part.strip().split("=")[0].lower() for part in cookie.split(";")}
    assert {"httponly", "max-age", "path"} <= flags and "secure" not in flags
    assert "SameSite=Strict" in cookie and "Max-Age=28800" in cookie
    page = await client.get("/admin/")
    assert page.status == 200 and "Petra" in await page.text()


async def test_the_cookie_is_secure_when_the_public_url_is_https(
    redis_url: str, prefix: str, tmp_path: Any, redis: Any, aiohttp_client: Any
) -> None:
    settings = make_settings(redis_url, prefix, tmp_path, public_url="https://bot.example")
    client = await aiohttp_client(create_app(settings, with_worker=False))
    form = await client.get("/admin/login")
    assert "Secure" in form.headers["Set-Cookie"]
    csrf = form.cookies[LOGIN_CSRF_COOKIE].value  # a browser sends it back over https only
    response = await client.post(
        "/admin/login",
        data={"token": await add_user(client), "csrf": csrf},
        headers={"Cookie": f"{LOGIN_CSRF_COOKIE}={csrf}"},
        allow_redirects=False,
    )
    cookie = next(h for h in response.headers.getall("Set-Cookie") if h.startswith(COOKIE))
    assert "Secure" in cookie and "HttpOnly" in cookie


async def test_without_a_valid_session_every_page_sends_you_to_sign_in(client: Client) -> None:
    for path in ("/admin/", "/admin/people", "/admin/audit", "/admin/marketing"):
        response = await client.get(path, allow_redirects=False)
        assert response.status == 303 and response.headers["Location"] == "/admin/login"
    client.session.cookie_jar.update_cookies({COOKIE: "eyJuYW1lIjoiRXZlIn0.forged"})
    assert (await client.get("/admin/", allow_redirects=False)).status == 303


async def test_an_expired_session_is_refused(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    token = await add_user(client)
    eight_hours_ago = time.time() - LIFETIME_S - 1
    with monkeypatch.context() as patched:
        patched.setattr(time, "time", lambda: eight_hours_ago)
        _, cookie = client.app[SIGNER].issue("Petra", "admin", token_hash(token))
    client.session.cookie_jar.update_cookies({COOKIE: cookie})
    assert (await client.get("/admin/", allow_redirects=False)).status == 303


async def test_a_wrong_token_is_refused_with_a_message(client: Client) -> None:
    response = await sign_in(client, "pbt_wrong")
    assert response.status == 401
    # Before sign-in the console speaks the Page's language (the test pack is BTC's: Slovene).
    assert "Ta žeton ni veljaven." in await response.text()
    assert COOKIE not in {c.key for c in client.session.cookie_jar}


async def test_failed_sign_ins_are_limited_per_address(client: Client) -> None:
    token = await add_user(client)
    for _ in range(5):
        assert (await sign_in(client, "pbt_guess")).status == 401
    blocked = await sign_in(client, "pbt_guess")
    assert blocked.status == 429
    assert "Preveč neuspelih prijav" in await blocked.text()  # the Page's language: Slovene
    assert (await sign_in(client, token)).status == 303  # the right token is never held back
    services = client.app[SERVICES]
    keys = [k async for k in services.redis.scan_iter(match=f"{services.keys.prefix}:console:*")]
    assert keys and all("127.0.0.1" not in k for k in keys)  # only a keyed hash of the address


async def test_a_post_without_the_session_csrf_token_is_refused(client: Client) -> None:
    await signed_in(client)
    forged = await client.post("/admin/breach", data={"on": "1", "confirm": "BREACH"})
    assert forged.status == 403
    assert "did not come from this console" in await forged.text()
    wrong = await client.post(
        "/admin/breach", data={"on": "1", "confirm": "BREACH", "csrf": "x" * 43}
    )
    assert wrong.status == 403
    assert not await client.app[SERVICES].redis.exists(client.app[SERVICES].keys.breach)
    ok = await post_form(client, "/admin/breach", "/admin/breach", on="1", confirm="BREACH")
    assert ok.status == 303
    assert await client.app[SERVICES].redis.exists(client.app[SERVICES].keys.breach)


async def test_sign_in_itself_needs_the_form_token(client: Client) -> None:
    token = await add_user(client)
    response = await client.post("/admin/login", data={"token": token}, allow_redirects=False)
    assert response.status == 403
    assert COOKIE not in {c.key for c in client.session.cookie_jar}


async def test_sign_out_ends_the_session_even_for_a_copied_cookie(client: Client) -> None:
    await signed_in(client)
    copied = next(c.value for c in client.session.cookie_jar if c.key == COOKIE)
    out = await post_form(client, "/admin/logout", "/admin/")
    assert out.status == 303 and out.headers["Location"] == "/admin/login"
    client.session.cookie_jar.update_cookies({COOKIE: copied})
    assert (await client.get("/admin/", allow_redirects=False)).status == 303
    audit = await client.app[SERVICES].audit.entries()
    assert {"console sign-in", "console sign-out"} <= {e["what"] for e in audit}


@pytest.mark.parametrize(
    "path",
    [
        "/admin/login",
        "/admin/",
        "/admin/people",
        "/admin/api/users",
        "/admin/static/console.css",
        "/admin/nowhere",
    ],
)
async def test_security_headers_on_every_console_and_admin_answer(
    client: Client, path: str
) -> None:
    await signed_in(client)
    response = await client.get(path, allow_redirects=False)
    headers = response.headers
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"


async def test_a_marketing_user_gets_403_on_every_admin_page(client: Client) -> None:
    await signed_in(client, "marketing", "Marko")
    for path in (
        "/admin/people",
        "/admin/people/p1",
        "/admin/requests",
        "/admin/audit",
        "/admin/breach",
        "/admin/people/p1/erase",
    ):
        response = await client.get(path)
        assert response.status == 403, path
    assert (await client.get("/admin/")).status == 200
    audit = await client.app[SERVICES].audit.entries()
    refused = [e for e in audit if e["what"].startswith("refused:")]
    assert len(refused) == 6 and all(e["who"] == "Marko" for e in refused)


async def test_a_marketing_user_cannot_act_on_people_or_breach_mode(client: Client) -> None:
    services = client.app[SERVICES]
    await seed_person(services, "p-kept", int(time.time() * 1000), name=("Nina", "Kos"))
    await signed_in(client, "marketing", "Marko")
    for path, fields in (
        ("/admin/people/p-kept/erase", {"confirm": "ERASE"}),
        ("/admin/people/p-kept/export", {}),
        ("/admin/breach", {"on": "1", "confirm": "BREACH"}),
    ):
        response = await post_form(client, path, "/admin/marketing", **fields)
        assert response.status == 403, path
        assert "Nina" not in await response.text()
    assert await services.redis.exists(services.keys.user("p-kept"))
    assert not await services.redis.exists(services.keys.breach)


async def test_a_revoked_token_ends_its_sessions(client: Client) -> None:
    token = await signed_in(client)
    services = client.app[SERVICES]
    await services.redis.hdel(services.keys.admins, token_hash(token))
    assert (await client.get("/admin/", allow_redirects=False)).status == 303
    assert await csrf_from(client, "/admin/login")


async def test_concurrent_wrong_tokens_are_counted_before_they_are_judged(
    client: Client,
) -> None:
    csrf = await csrf_from(client, "/admin/login")
    data = {"token": "pbt_guess", "csrf": csrf}
    answers = await asyncio.gather(
        *(client.post("/admin/login", data=data, allow_redirects=False) for _ in range(50))
    )
    statuses = [a.status for a in answers]
    assert statuses.count(401) == 5 and statuses.count(429) == 45


async def proxied(client: Client, token: str, address: str) -> int:
    csrf = await csrf_from(client, "/admin/login")
    response = await client.post(
        "/admin/login",
        data={"token": token, "csrf": csrf},
        headers={"X-Forwarded-For": f"{address}, 10.0.0.2"},
        allow_redirects=False,
    )
    return response.status


@pytest.mark.parametrize("trusted", ["127.0.0.1,10.0.0.2", ""])
async def test_behind_a_trusted_proxy_the_limit_is_per_forwarded_address(
    redis_url: str, prefix: str, tmp_path: Path, aiohttp_client: Any, redis: Any, trusted: str
) -> None:
    settings = make_settings(redis_url, prefix, tmp_path, trusted_proxies=trusted)
    client = await aiohttp_client(create_app(settings))
    for _ in range(5):
        assert await proxied(client, "pbt_guess", "203.0.113.7") == 401
    assert await proxied(client, "pbt_guess", "203.0.113.7") == 429
    other = await proxied(client, "pbt_guess", "198.51.100.9")
    assert other == (401 if trusted else 429)  # an untrusted peer's header is not believed
