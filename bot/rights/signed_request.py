"""Meta's `signed_request` (data-deletion callback): `<sig>.<payload>`, both base64url without
padding; the signature is HMAC-SHA256 of the payload *as received* under the app secret."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import math
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
    A request carrying neither cannot show it is fresh, so it counts as expired; so does a
    time that is no time (NaN, Infinity: `NaN < now` is false, which read as "fresh")."""
    expires, issued = _finite(data.get("expires")), _finite(data.get("issued_at"))
    if data.get("expires") and not expires:  # signed, but not a time anyone can reach
        return True
    if expires:
        return expires < now
    if issued:
        return issued + _LIFETIME_S < now
    return True


def _finite(value: Any) -> float:
    """A real unix time, else 0 (absent)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return 0.0
    number = float(value)
    return number if math.isfinite(number) and 0 < number < _LAST_UNIX_S else 0.0


def request_identity(data: dict[str, Any]) -> str:
    """What names one deletion request however it was encoded: the user and when Meta
    issued it (a re-encoded or re-signed copy carries the same two)."""
    return json.dumps([str(data.get("user_id", "")), data.get("issued_at")])


_LIFETIME_S = 3600
_LAST_UNIX_S = 253_402_300_800  # year 10000: beyond it no datetime can show the time


def make_signed_request(payload: dict[str, Any], app_secret: str) -> str:
    """What Meta sends (for the tests and the simulator)."""
    body = base64.urlsafe_b64encode(json.dumps(payload).encode()).rstrip(b"=").decode()
    digest = hmac.new(app_secret.encode(), body.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode() + "." + body
