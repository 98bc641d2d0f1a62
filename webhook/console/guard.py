"""What stands in front of every console page: security headers, the session, CSRF on every
POST, roles (every check audited) and the console's own HTML error pages."""

from __future__ import annotations

from typing import Any

import aiohttp_jinja2
from aiohttp import web

from bot.crypto import same_secret
from bot.errors import BadRequest, Forbidden, NotFound
from bot.staff.breach import breach_mode
from bot.staff.sign_in import session_alive
from bot.staff.users import Role
from webhook.console.i18n import LANGUAGES, Words, chosen
from webhook.console.session import COOKIE, LOGIN_CSRF_COOKIE, Session, Signer
from webhook.errors import Handler
from webhook.keys import SERVICES

SIGNER = web.AppKey("console_signer", Signer)
_SESSION = web.RequestKey("console_session", Session)
_PUBLIC = ("/admin/login", "/admin/static/")
_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; "
    "script-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'none'; object-src 'none'",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
_WORDS = web.RequestKey("console_words", Words)


def is_admin_path(path: str) -> bool:
    return path == "/admin" or path.startswith("/admin/")


# Public pages a browser shows get the console's CSP and frame headers too (no framing, no
# script from elsewhere); they render no inline script or style.
_PUBLIC_PAGES = ("/policy", "/meta/deletion-status", "/simulator")


def _hardened(path: str) -> bool:
    return is_admin_path(path) or path.startswith(_PUBLIC_PAGES)


def is_console_path(path: str) -> bool:
    return is_admin_path(path) and not path.startswith("/admin/api/")


@web.middleware
async def security_headers(request: web.Request, handler: Handler) -> web.StreamResponse:
    """On every console, admin API and public page answer, errors and redirects included.
    Nothing under /admin but static files may be cached: API JSON names people too."""
    try:
        response = await handler(request)
    except web.HTTPException as exc:
        if _hardened(request.path):
            exc.headers.update(_HEADERS)
        raise
    if _hardened(request.path):
        response.headers.update(_HEADERS)
    if is_admin_path(request.path) and not request.path.startswith("/admin/static/"):
        response.headers["Cache-Control"] = "no-store"
    return response


def see_other(location: str) -> web.Response:
    """A redirect as a plain response, so the cookies set on it are surely sent."""
    return web.Response(status=303, headers={"Location": location})


def session_of(request: web.Request) -> Session:
    session: Session | None = request.get(_SESSION)
    if session is None:
        raise web.HTTPSeeOther("/admin/login")
    return session


async def _load_session(request: web.Request) -> Session | None:
    session = request.app[SIGNER].open(request.cookies.get(COOKIE, ""))
    if session is None:
        return None
    alive = await session_alive(request.app[SERVICES], session.sid, session.token_hash)
    return session if alive else None


async def _csrf_ok(request: web.Request, session: Session | None) -> bool:
    form = await request.post()
    sent = str(form.get("csrf", ""))
    if session is not None:
        return request.app[SIGNER].csrf_ok(session, sent)
    # Before sign-in there is no session: the login form uses a double-submit cookie.
    cookie = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    return bool(cookie) and same_secret(sent, cookie)


async def words_of(request: web.Request) -> Words:
    """The signed-in user's language (the Page's default before sign-in), looked up once
    per request; times in the Page's home zone."""
    words = request.get(_WORDS)
    if words is None:
        session = request.get(_SESSION)
        services = request.app[SERVICES]
        stored = await services.admins.language(session.token_hash) if session else ""
        words = Words(chosen(stored, services.pack.default_language), services.pack.pack.time_zone)
        request[_WORDS] = words
    return words


async def error_page(request: web.Request, status: int, key: str) -> web.Response:
    return await error_message(request, status, (await words_of(request)).t(f"errors.{key}"))


async def error_message(request: web.Request, status: int, message: str) -> web.Response:
    context = {"status": status, "message": message}
    return await render(request, "console/error.html", context, status)


@web.middleware
async def console_guard(request: web.Request, handler: Handler) -> web.StreamResponse:
    if not is_console_path(request.path):
        return await handler(request)
    public = request.path.startswith(_PUBLIC)
    session = None if public else await _load_session(request)
    if session is None and not public:
        raise web.HTTPSeeOther("/admin/login")
    if session is not None:
        request[_SESSION] = session
    if request.method == "POST" and not await _csrf_ok(request, session):
        return await error_page(request, 403, "forged")
    try:
        return await handler(request)
    except Forbidden:
        return await error_page(request, 403, "forbidden")
    except NotFound:
        return await error_page(request, 404, "not_found")
    except BadRequest as exc:
        return await error_message(request, 400, (await words_of(request)).error(exc))


async def require(request: web.Request, what: str, *roles: Role, record: str = "") -> Session:
    """The signed-in user if their role may do `what`; either way the attempt is audited."""
    session = session_of(request)
    allowed = session.role in roles
    audit = request.app[SERVICES].audit
    await audit.record(session.name, session.role, what if allowed else f"refused: {what}", record)
    if not allowed:
        raise Forbidden
    return session


def role_check(request: web.Request, *roles: Role) -> Session:
    """For reads of counts only, polled often: the role is checked but not audited."""
    session = session_of(request)
    if session.role not in roles:
        raise Forbidden
    return session


async def render(
    request: web.Request, template: str, context: dict[str, Any], status: int = 200
) -> web.Response:
    """A page with what the layout needs: who is signed in, the form token, breach mode,
    and the words and times in the user's language."""
    services = request.app[SERVICES]
    session = request.get(_SESSION)
    words = await words_of(request)
    base: dict[str, Any] = {
        "session": session,
        "path": request.path,
        "breach_on": False,
        "lang": words.lang,
        "t": words.t,
        "name": words.name,
        "action": words.action,
        "when": words.when,
        "day": words.day,
        "console_languages": LANGUAGES,
    }
    if session is not None:
        base["csrf"] = request.app[SIGNER].csrf(session)
        base["breach_on"] = await breach_mode(services).is_on()
    return aiohttp_jinja2.render_template(template, request, base | context, status=status)
