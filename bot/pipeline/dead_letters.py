"""Dead letters: events that could not be parsed or failed every attempt, kept for people to
inspect. They hold what a person typed, so the raw event is sealed like any typed value,
and a keyed hash of the ids it names lets an erasure find that person's letters. An event
that failed names its stream entry by partition and id: an id is unique in its own
partition's stream only."""

from __future__ import annotations

import json

from bot.crypto import SEALED_PREFIX, FieldCipher
from bot.pseudonym import Pseudonymizer

_CONTEXT = "dead-letter"
_EVENT = "event:"
_SEALED = ("u", "e")  # the PSID and the raw event; the event key and timestamp stay readable


class DeadLetterSeal:
    def __init__(self, cipher: FieldCipher, pseudonym: Pseudonymizer) -> None:
        self.cipher = cipher
        self.pseudonym = pseudonym

    def fields(
        self, raw: str, error: str, attempts: int, entry_id: str = "", partition: str = ""
    ) -> dict[str, str]:
        """The stream entry: sealed event, who it names (hashed), why it is here."""
        return {
            "e": self.cipher.encrypt(raw, _CONTEXT),
            "who": ",".join(self.pseudonym(psid) for psid in _ids(raw)),
            "error": error,
            "attempts": str(attempts),
            "id": entry_id,
            "partition": partition,
        }

    def open(self, sealed: str) -> str:
        """The raw event, for whoever inspects the dead letters."""
        return self.cipher.decrypt(sealed, _CONTEXT)

    def event_fields(self, fields: dict[str, str]) -> dict[str, str]:
        """An events-stream entry as stored: the PSID and the raw event sealed, so neither
        Redis nor its append-only file holds them in clear."""
        sealed = {name: self.cipher.encrypt(fields[name], _EVENT + name) for name in _SEALED}
        return fields | sealed

    def open_event(self, fields: dict[str, str]) -> dict[str, str]:
        """The entry as ingest built it; entries stored before sealing are read as they are."""
        opened = {
            name: self.cipher.decrypt(fields[name], _EVENT + name)
            for name in _SEALED
            if fields.get(name, "").startswith(SEALED_PREFIX)
        }
        return fields | opened


def plain_fields(
    raw: str, error: str, attempts: int, entry_id: str = "", partition: str = ""
) -> dict[str, str]:
    """Without a seal (unit tests of the pipeline): the event as it came."""
    fields = {"e": raw, "error": error, "attempts": str(attempts), "id": entry_id}
    return fields | {"partition": partition}


def names(fields: dict[str, str], psid: str, digest: str) -> bool:
    """Does this letter name the person? Sealed letters by hash, older plain ones by id."""
    if "who" in fields:
        return digest in fields["who"].split(",")
    return psid in _ids(fields.get("e", ""))


def _ids(raw: str) -> list[str]:
    try:
        event = json.loads(raw)
    except ValueError:
        return []
    if not isinstance(event, dict):
        return []
    sides = (event.get(side) for side in ("sender", "recipient"))
    return [str(side["id"]) for side in sides if isinstance(side, dict) and side.get("id")]
