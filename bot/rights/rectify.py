"""Correcting one's data: which fields can be corrected and what a valid new value is.

An invalid value gets a clear reason and the old value stays."""

from __future__ import annotations

import datetime as dt
import functools
import re
import zoneinfo

from bot.texts import LANGUAGE_NAMES
from bot.texts.words import zones
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
    """Hours from UTC, from "UTC+1", "+2", "-5:30", an IANA name like Europe/Ljubljana, or
    a city or country ("ljubljana", "Sofia", "Slovenija")."""
    match = _OFFSET.match(value.strip())
    if match:
        hours, minutes = int(match.group(1)), int(match.group(2) or 0)
        offset = hours + (minutes / 60 if hours >= 0 else -minutes / 60)
        if -12 <= offset <= 14:
            return offset
        raise Invalid("invalid_timezone")
    return zone_offset(zone_name(value))


def zone_offset(name: str) -> float:
    delta = dt.datetime.now(zoneinfo.ZoneInfo(name)).utcoffset()
    return delta.total_seconds() / 3600 if delta else 0.0


def zone_name(value: str) -> str:
    """The IANA zone meant by a zone name or a place, or `Invalid`."""
    name = _zone_names().get(fold(value.replace("/", " ").replace("_", " ")))
    if name is None:
        raise Invalid("invalid_timezone")
    return name


@functools.cache
def _zone_names() -> dict[str, str]:
    """Folded "europe ljubljana" and "ljubljana" -> Europe/Ljubljana; the places of the
    words tables (bot/texts/*.words.toml) too. Europe's zones win a shared city name."""
    names: dict[str, str] = {}
    for name in sorted(zoneinfo.available_timezones(), key=lambda n: not n.startswith("Europe/")):
        names.setdefault(fold(name.replace("/", " ").replace("_", " ")), name)
        names.setdefault(fold(name.rsplit("/", 1)[-1].replace("_", " ")), name)
    for place, name in zones().items():
        names.setdefault(place, name)
    return names


def shown_timezone(offset_hours: float, name: str | None = None) -> str:
    """As a person reads it: "UTC+1 (Europe/Ljubljana)", "UTC-5:30"; never "1" or "1.0"."""
    whole, minutes = int(abs(offset_hours)), round(abs(offset_hours) % 1 * 60)
    shown = f"UTC{'-' if offset_hours < 0 else '+'}{whole}" + (f":{minutes:02d}" if minutes else "")
    return f"{shown} ({name})" if name else shown


def timezone_value(value: str) -> str:
    """The time zone to keep for what the person typed: an IANA name when they named a
    zone or a place, else "UTC+1" (an offset)."""
    if _OFFSET.match(value.strip()):
        return shown_timezone(timezone_offset(value))
    return zone_name(value)


def timezone_fields(value: str) -> dict[str, str]:
    """What is stored for a kept time zone: the hours (Facebook's form, what broadcasts
    read) and, for a named zone, its name (`profile_zone`)."""
    if value.startswith("UTC"):
        return {"profile:timezone": f"{timezone_offset(value):g}", "profile_zone": ""}
    return {"profile:timezone": f"{zone_offset(value):g}", "profile_zone": value}


def shown_value(field: str, value: str) -> str:
    """A value of the rectify flow as the person reads it."""
    if field != "timezone":
        return value
    if value.startswith("UTC"):
        return value
    return shown_timezone(zone_offset(value), value)


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
        return timezone_value(value)
    if field == "language":
        return language_code(value, languages)
    if not any(char.isalpha() for char in value):
        raise Invalid("invalid_letters")
    return value
