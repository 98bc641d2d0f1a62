"""The console session: a signed cookie, and the CSRF token bound to it.

The cookie holds who signed in, their role, a random session id, the hash of the token
they used (so a session ends when its token is revoked) and an expiry. It is signed with
HMAC-SHA256 under a key derived from DATA_KEY; nothing in it is secret, all of it is
tamper-evident."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time

from pydantic import BaseModel, ConfigDict, ValidationError

from bot.crypto import same_secret
from bot.staff.users import Role

COOKIE = "pb_session"
LOGIN_CSRF_COOKIE = "pb_login_csrf"
LIFETIME_S = 8 * 3600
_CONTEXT = b"privacybot/console-session/v1"


class Session(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    role: Role
    sid: str
    token_hash: str
    expires: int

    @property
    def remaining_s(self) -> int:
        return max(0, self.expires - int(time.time()))


class Signer:
    def __init__(self, data_key: bytes) -> None:
        self._key = hmac.new(data_key, _CONTEXT, hashlib.sha256).digest()

    def _mac(self, message: bytes) -> str:
        digest = hmac.new(self._key, message, hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).decode().rstrip("=")

    def issue(self, name: str, role: Role, token_hash: str) -> tuple[Session, str]:
        session = Session(
            name=name,
            role=role,
            sid=secrets.token_urlsafe(16),
            token_hash=token_hash,
            expires=int(time.time()) + LIFETIME_S,
        )
        body = base64.urlsafe_b64encode(session.model_dump_json().encode()).decode()
        return session, f"{body}.{self._mac(body.encode())}"

    def open(self, cookie: str) -> Session | None:
        """The session, or None when the cookie is forged, damaged or expired."""
        body, _, mac = cookie.partition(".")
        if not body or not body.isascii() or not same_secret(mac, self._mac(body.encode())):
            return None
        try:
            session = Session.model_validate(json.loads(base64.urlsafe_b64decode(body)))
        except (ValueError, ValidationError):
            return None
        return session if session.remaining_s > 0 else None

    def csrf(self, session: Session) -> str:
        """The form token of this session: forms carry it, every POST is checked against it."""
        return self._mac(b"csrf|" + session.sid.encode())

    def csrf_ok(self, session: Session, token: str) -> bool:
        return same_secret(token, self.csrf(session))
