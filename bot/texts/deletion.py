"""The words of Meta's data-deletion status page (`/meta/deletion-status`), in sl and en
(their `[deletion]` tables in `sl.toml` and `en.toml`).
The page is opened from Facebook's settings, so it names the controller and says what
happens next at every stage."""

from __future__ import annotations

from typing import Final, Literal

from bot.texts.catalog import catalogue

PageLanguage = Literal["sl", "en"]
PAGE_LANGUAGES: Final[tuple[PageLanguage, ...]] = ("sl", "en")
_MONTHS_EN: Final = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def deletion_text(key: str, lang: PageLanguage, **values: str) -> str:
    """The status page's text `key` (the `[deletion]` table of the catalogues)."""
    template = catalogue("deletion")[key][lang]
    return template.format(**values) if values else template


def long_date(iso: str, lang: PageLanguage) -> str:
    """`2026-05-03T…` as people write it: 3. 5. 2026 / 3 May 2026 (the UTC date)."""
    year, month, day = int(iso[:4]), int(iso[5:7]), int(iso[8:10])
    if lang == "sl":
        return f"{day}. {month}. {year}"
    return f"{day} {_MONTHS_EN[month - 1]} {year}"
