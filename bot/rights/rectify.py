"""Correcting one's data: which fields can be corrected and what a valid new value is.

An invalid value gets a clear reason and the old value stays."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo

from bot.texts import LANGUAGE_NAMES
from intents.normalize import fold
from intents.words import LANGUAGE_WORDS

EDITABLE = ("first_name", "last_name", "language", "timezone")
MAX_LENGTH = 100
_OFFSET = re.compile(r"^(?:utc|gmt)?\s*([+-]?\d{1,2})(?::?(\d{2}))?$", re.IGNORECASE)


class Invalid(ValueError):
    """`key` names the text that explains the problem to the person; `values` fill it in."""

    def __init__(self, key: str, **values: str) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


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
    """The pack language meant by `value` (a code or a name); one the bot does not speak is
    refused with the list of those it does."""
    wanted = fold(value)
    for code in languages:
        names = (*LANGUAGE_WORDS.get(code, (code,)), LANGUAGE_NAMES.get(code, code))
        if wanted in (fold(name) for name in names):
            return code
    spoken = ", ".join(LANGUAGE_NAMES.get(code, code) for code in languages)
    raise Invalid("invalid_language", languages=spoken)


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
