"""Encryption at rest for names and anything a person typed: AES-256-GCM with a key id.

A value is stored as `e1:<key id>:<base64url(nonce + ciphertext + tag)>`. The key id lets
keys rotate: new values use the current key, old values still open with an older key. The
form is kept short on purpose: a typical name stays under Redis's 64-byte listpack limit, so
a person's hash stays compact (see the store benchmark).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from bot.errors import PrivacyBotError

_PREFIX = "e1:"
SEALED_PREFIX = _PREFIX  # how a sealed value starts (never a PSID, a mid or JSON)


class DecryptError(PrivacyBotError):
    """A stored value cannot be opened with any known key."""


def same_secret(given: str, expected: str) -> bool:
    """Constant-time equality of a secret someone sent with ours. `compare_digest` refuses
    non-ASCII str (a 500 for whoever sends such bytes): compare UTF-8 bytes instead;
    surrogates (undecodable bytes in a header) are encoded as they are and never match."""
    return hmac.compare_digest(
        given.encode("utf-8", "surrogatepass"), expected.encode("utf-8", "surrogatepass")
    )


def key_id(key: bytes) -> str:
    return hashlib.sha256(b"privacybot/key-id/" + key).hexdigest()[:4]


class FieldCipher:
    def __init__(self, current: bytes, older: tuple[bytes, ...] = ()) -> None:
        self._current_id = key_id(current)
        self._keys = {key_id(k): AESGCM(k) for k in (*older, current)}

    def encrypt(self, plaintext: str, context: str) -> str:
        """`context` (e.g. the field name) is bound as associated data: a value copied to
        another field does not decrypt there."""
        nonce = os.urandom(12)
        sealed = self._keys[self._current_id].encrypt(nonce, plaintext.encode(), context.encode())
        blob = base64.urlsafe_b64encode(nonce + sealed).rstrip(b"=").decode()
        return f"{_PREFIX}{self._current_id}:{blob}"

    def decrypt(self, stored: str, context: str) -> str:
        if not stored.startswith(_PREFIX):
            raise DecryptError("value is not encrypted")
        kid, _, blob = stored[len(_PREFIX) :].partition(":")
        aead = self._keys.get(kid)
        if aead is None:
            raise DecryptError(f"no key with id {kid}")
        raw = base64.urlsafe_b64decode(blob + "=" * (-len(blob) % 4))
        try:
            return aead.decrypt(raw[:12], raw[12:], context.encode()).decode()
        except InvalidTag as exc:
            raise DecryptError("value does not authenticate") from exc
