"""Meta's `X-Hub-Signature-256`: HMAC-SHA256 of the raw body bytes with the app secret."""

from __future__ import annotations

import hashlib
import hmac

from bot.crypto import same_secret


def sign(app_secret: str, body: bytes) -> str:
    """The header value Meta would send for `body` (also used by the simulator and chat)."""
    return "sha256=" + hmac.new(app_secret.encode(), body, hashlib.sha256).hexdigest()


def is_valid(app_secret: str, body: bytes, header: str | None) -> bool:
    """Constant-time check over the bytes exactly as received, before any parsing."""
    if not header or not header.startswith("sha256="):
        return False
    return same_secret(header, sign(app_secret, body))
