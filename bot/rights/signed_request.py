"""Meta's `signed_request` (data-deletion callback): `<sig>.<payload>`, both base64url without
padding; the signature is HMAC-SHA256 of the payload *as received* under the app secret."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from typing import Any

from bot.errors import BadRequest, Forbidden


def _b64url(value: str) -> bytes:
    try:
        return base64.b64decode(value + "=" * (-len(value) % 4), altchars=b"-_", validate=True)
    except ValueError as exc:
        raise BadRequest("signed_request is not base64url") from exc


def parse_signed_request(signed: str, app_secret: str, now: float | None = None) -> dict[str, Any]:
    """The verified payload; BadRequest if malformed, Forbidden if forged or expired."""
    signature, dot, payload = signed.partition(".")
    if not dot or not signature or not payload:
        raise BadRequest("signed_request must be <signature>.<payload>")
    expected = hmac.new(app_secret.encode(), payload.encode(), hashlib.sha256).digest()
    if not hmac.compare_digest(_b64url(signature), expected):
        raise Forbidden
    try:
        data = json.loads(_b64url(payload))
    except ValueError as exc:
        raise BadRequest("signed_request payload is not JSON") from exc
    if not isinstance(data, dict) or str(data.get("algorithm", "")).upper() != "HMAC-SHA256":
        raise BadRequest("signed_request algorithm must be HMAC-SHA256")
    if _expired(data, now or time.time()):
        raise Forbidden
    if not str(data.get("user_id", "")).strip():
        raise BadRequest("signed_request has no user_id")
    return data


def _expired(data: dict[str, Any], now: float) -> bool:
    """By `expires`; without it, an hour after `issued_at` (Meta's own example gives an hour).
    A request carrying neither cannot show it is fresh, so it counts as expired."""
    expires, issued = data.get("expires"), data.get("issued_at")
    if isinstance(expires, int | float) and expires:
        return bool(expires < now)
    if isinstance(issued, int | float) and issued:
        return bool(issued + _LIFETIME_S < now)
    return True


_LIFETIME_S = 3600


def make_signed_request(payload: dict[str, Any], app_secret: str) -> str:
    """What Meta sends (for the tests and the simulator)."""
    body = base64.urlsafe_b64encode(json.dumps(payload).encode()).rstrip(b"=").decode()
    digest = hmac.new(app_secret.encode(), body.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode() + "." + body
