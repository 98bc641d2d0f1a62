"""Keyed hashes of PSIDs: what logs, metrics and the suppression set hold instead of the id
(and, under a key of their own, of the words of names: `bot.name_index`)."""

from __future__ import annotations

import hashlib
import hmac

PSID_HASH = b"privacybot/psid-hash/v1"


class Pseudonymizer:
    """HMAC-SHA256 of a PSID under a key derived from DATA_KEY (stable across restarts).

    `purpose` derives a separate key for another kind of value (the name index hashes name
    words with it), so a hash of one kind can never be matched against the other."""

    def __init__(self, data_key: bytes, purpose: bytes = PSID_HASH) -> None:
        self._key = hmac.new(data_key, purpose, hashlib.sha256).digest()

    def __call__(self, value: str) -> str:
        return hmac.new(self._key, value.encode(), hashlib.sha256).hexdigest()[:32]
