"""Times as staff read them: in their language and in the Page's home zone, with the stored
UTC moment kept in the markup (`<time datetime=... title=...>`), so hovering shows UTC and a
test or a script can still read the exact value.

The store writes times in several shapes (ISO with `Z` or an offset, `YYYY-MM-DD HH:MM` in
UTC, `... UTC`, a bare date); anything else is shown as it is rather than guessed at."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_skeleton, format_time
from markupsafe import Markup, escape


def parse_utc(value: str) -> dt.datetime | dt.date | None:
    """The moment a stored string names (naive means UTC), a bare date, or None."""
    text = value.strip().removesuffix(" UTC").replace(" ", "T", 1)
    if len(text) == 10:
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return None
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)


def local_text(moment: dt.datetime, lang: str, zone: str) -> str:
    """Day, short month, year and 24-hour time: "5. dec. 2026, 11:00", "Dec 5, 2026, 11:00"."""
    local = moment.astimezone(ZoneInfo(zone))
    day = format_date(local, "medium", locale=lang)
    return f"{day}, {format_time(local, 'HH:mm', locale=lang)}"


def day_text(value: str, lang: str, *, short: bool = False) -> str:
    """A calendar day (`YYYY-MM-DD`): "5. 12." / "12/5" on an axis, else "5. dec. 2026"."""
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return value
    return format_skeleton("Md", day, locale=lang) if short else format_date(day, locale=lang)


def time_tag(value: object, lang: str, zone: str) -> Markup:
    """`<time>` with the local reading as text and UTC in `datetime` and on hover."""
    if value is None or value == "":
        return Markup("–")
    parsed = parse_utc(str(value))
    if parsed is None:
        return escape(str(value))
    if not isinstance(parsed, dt.datetime):
        shown = format_date(parsed, "medium", locale=lang)
        return Markup('<time datetime="{0}">{1}</time>').format(parsed.isoformat(), shown)
    utc = parsed.strftime("%Y-%m-%dT%H:%M:%SZ")
    hover = parsed.strftime("%Y-%m-%d %H:%M UTC")
    shown = local_text(parsed, lang, zone)
    return Markup('<time datetime="{0}" title="{1}">{2}</time>').format(utc, hover, shown)
