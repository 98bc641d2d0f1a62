"""Correcting one's data: which fields can be corrected and what a valid new value is.

An invalid value gets a clear reason and the old value stays."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo

from intents.normalize import fold

EDITABLE = ("first_name", "last_name", "language", "timezone")
MAX_LENGTH = 100
_OFFSET = re.compile(r"^(?:utc|gmt)?\s*([+-]?\d{1,2})(?::?(\d{2}))?$", re.IGNORECASE)
_LANGUAGE_NAMES = {
    "sl": ("sl", "slovenscina", "slovenski", "slovene", "slovenian"),
    "en": ("en", "english", "anglescina", "angleski"),
    "bg": ("bg", "bulgarian", "български", "bulgarski"),
    "ro": ("ro", "romanian", "romana", "romaneste"),
}


class Invalid(ValueError):
    """`key` names the text that explains the problem to the person."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def timezone_offset(value: str) -> float:
    """Hours from UTC, from "UTC+1", "+2", "-5:30" or an IANA name like Europe/Ljubljana."""
    match = _OFFSET.match(value.strip())
    if match:
        hours, minutes = int(match.group(1)), int(match.group(2) or 0)
        offset = hours + (minutes / 60 if hours >= 0 else -minutes / 60)
        if -12 <= offset <= 14:
            return offset
        raise Invalid("invalid_timezone")
    try:
        zone = zoneinfo.ZoneInfo(value.strip())
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
        raise Invalid("invalid_timezone") from exc
    delta = dt.datetime.now(zone).utcoffset()
    return delta.total_seconds() / 3600 if delta else 0.0


def language_code(value: str, languages: tuple[str, ...]) -> str:
    wanted = fold(value)
    for code in languages:
        if wanted in (fold(name) for name in _LANGUAGE_NAMES.get(code, (code,))):
            return code
    raise Invalid("invalid_empty")


def validate(field: str, raw: str, languages: tuple[str, ...]) -> str:
    """The value to store, or `Invalid` with the reason."""
    value = " ".join(raw.split())
    if not value:
        raise Invalid("invalid_empty")
    if len(value) > MAX_LENGTH:
        raise Invalid("invalid_long")
    if field == "timezone":
        return f"{timezone_offset(value):g}"
    if field == "language":
        return language_code(value, languages)
    if not any(char.isalpha() for char in value):
        raise Invalid("invalid_letters")
    return value
