"""Dates as people write them, per language, from Babel's CLDR data: "5. 1. 2027",
"5 January 2027", "05.01.2027 г.", "5 ianuarie 2027". Which format and locale each
language uses is in its catalogue (`date_format`, `date_locale`)."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date

from bot.texts import text


def human_date(iso: str, lang: str) -> str:
    """An ISO date or UTC time ("2027-01-05", "2027-01-05T10:00:00Z") as `lang` writes it;
    anything unreadable is shown as it is."""
    try:
        day = dt.date.fromisoformat(iso[:10])
    except ValueError:
        return iso
    return format_date(day, text("date_format", lang), locale=text("date_locale", lang))
