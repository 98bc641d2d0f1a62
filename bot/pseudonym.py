"""Keyed hashes of PSIDs: what logs, metrics and the suppression set hold instead of the id."""

from __future__ import annotations

import hashlib
import hmac


class Pseudonymizer:
    """HMAC-SHA256 of a PSID under a key derived from DATA_KEY (stable across restarts)."""

    def __init__(self, data_key: bytes) -> None:
        self._key = hmac.new(data_key, b"privacybot/psid-hash/v1", hashlib.sha256).digest()

    def __call__(self, psid: str) -> str:
        return hmac.new(self._key, psid.encode(), hashlib.sha256).hexdigest()[:32]
