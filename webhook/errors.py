"""The one place that turns errors into HTTP answers: short, plain, never a stack trace."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from aiohttp import web

from bot.errors import (
    STORE_ERRORS,
    BadRequest,
    Forbidden,
    NotFound,
    PrivacyBotError,
    StoreUnavailable,
    Unauthorized,
)

log = logging.getLogger("privacybot.http")

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

_STATUS: dict[type[PrivacyBotError], tuple[int, str]] = {
    BadRequest: (400, "bad request"),
    Unauthorized: (401, "unauthorized"),
    Forbidden: (403, "forbidden"),
    NotFound: (404, "not found"),
    StoreUnavailable: (503, "temporarily unavailable, please retry"),
}


def _answer(status: int, message: str) -> web.Response:
    return web.json_response({"error": message}, status=status)


@web.middleware
async def error_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    try:
        return await handler(request)
    except web.HTTPException as exc:
        if exc.status >= 400 and exc.content_type != "application/json":
            return _answer(exc.status, exc.reason.lower())
        raise
    except PrivacyBotError as exc:
        status, message = _STATUS.get(type(exc), (500, "internal error"))
        detail = str(exc) if status == 400 else message
        return _answer(status, detail)
    except STORE_ERRORS as exc:
        log.warning("redis unavailable on %s: %s", _route(request), type(exc).__name__)
        return _answer(503, _STATUS[StoreUnavailable][1])
    except Exception:
        log.exception("unhandled error on %s %s", request.method, _route(request))
        return _answer(500, "internal error")


def _route(request: web.Request) -> str:
    """The route's pattern (`/admin/api/users/{psid}`), never the path: a path can hold a PSID."""
    resource = request.match_info.route.resource
    return resource.canonical if resource is not None else "(no route)"
