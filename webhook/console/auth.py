"""Sign-in with an API token (from `privacybot admin add-user`), sign-out, and the limit on
failed sign-ins per client address."""

from __future__ import annotations

import logging
import secrets

from aiohttp import web

from bot.staff.sign_in import SignInLimit, end_session
from bot.staff.users import token_hash
from webhook.client_address import client_address
from webhook.console.guard import SIGNER, render, see_other, session_of, words_of
from webhook.console.session import COOKIE, LIFETIME_S, LOGIN_CSRF_COOKIE
from webhook.keys import SERVICES, SETTINGS

log = logging.getLogger("privacybot.console")

routes = web.RouteTableDef()


def _secure(request: web.Request) -> bool:
    return request.app[SETTINGS].public_url.startswith("https://")


def _limit(request: web.Request) -> SignInLimit:
    """The limit is per client address (the store keeps only a keyed hash of it)."""
    trusted = request.app[SETTINGS].trusted_proxy_set()
    return SignInLimit(request.app[SERVICES], client_address(request, trusted))


async def _login_form(request: web.Request, error: str = "", status: int = 200) -> web.Response:
    token = secrets.token_urlsafe(24)
    response = await render(request, "console/login.html", {"csrf": token, "error": error}, status)
    response.set_cookie(
        LOGIN_CSRF_COOKIE,
        token,
        path="/admin/login",
        httponly=True,
        samesite="Strict",
        secure=_secure(request),
        max_age=3600,
    )
    return response


@routes.get("/admin/login")
async def login_page(request: web.Request) -> web.Response:
    return await _login_form(request)


@routes.post("/admin/login")
async def login(request: web.Request) -> web.Response:
    services = request.app[SERVICES]
    token = str((await request.post()).get("token", "")).strip()
    admin = await services.admins.authenticate(token)  # a valid token is never held back
    if admin is None:
        limit = _limit(request)
        words = await words_of(request)
        if not await limit.failed():
            wait = await limit.wait_minutes()
            message = words.t("login.too_many", minutes=wait)
            return await _login_form(request, message, status=429)
        log.info("console sign-in refused")
        return await _login_form(request, words.t("login.invalid"), status=401)
    _, cookie = request.app[SIGNER].issue(admin.name, admin.role, token_hash(token))
    await services.audit.record(admin.name, admin.role, "console sign-in")
    await services.admins.signed_in(token)
    response = see_other("/admin/")
    response.set_cookie(
        COOKIE,
        cookie,
        path="/admin",
        httponly=True,
        samesite="Strict",
        secure=_secure(request),
        max_age=LIFETIME_S,
    )
    response.del_cookie(LOGIN_CSRF_COOKIE, path="/admin/login")
    return response


@routes.post("/admin/logout")
async def logout(request: web.Request) -> web.Response:
    services = request.app[SERVICES]
    session = session_of(request)
    await end_session(services, session.sid, session.remaining_s)
    await services.audit.record(session.name, session.role, "console sign-out")
    response = see_other("/admin/login")
    response.del_cookie(COOKIE, path="/admin")
    return response
