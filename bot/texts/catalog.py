"""Reads the bot's own words from one TOML catalogue per language, once per process.

A catalogue groups its keys in tables by area (`[consent]`, `[rights]`, ...) for whoever
translates it; callers see flat keys. A table in `SEPARATE` is a namespace of its own (the
deletion status page reuses names such as `status_open` with other words)."""

from __future__ import annotations

import functools
import tomllib
from importlib import resources
from typing import Final, cast

from bot.errors import ConfigError

LANGUAGES: Final = ("sl", "en", "bg", "ro")
SEPARATE: Final = frozenset({"deletion"})

Catalogue = dict[str, dict[str, str]]
"""key -> language -> template"""


@functools.cache
def tables(lang: str) -> dict[str, dict[str, str]]:
    """`<lang>.toml` as written: table -> key -> template."""
    source = resources.files(__package__).joinpath(f"{lang}.toml").read_text(encoding="utf-8")
    return cast(dict[str, dict[str, str]], tomllib.loads(source))


@functools.cache
def catalogue(table: str | None = None) -> Catalogue:
    """The keys of `table`, or by default of every table outside `SEPARATE`."""
    merged: Catalogue = {}
    for lang in LANGUAGES:
        for name, entries in tables(lang).items():
            if name != table and (table is not None or name in SEPARATE):
                continue
            for key, template in entries.items():
                variants = merged.setdefault(key, {})
                if lang in variants:
                    # A silent override would show one area's words in another's place.
                    raise ConfigError(f"text {key!r} is in two tables of {lang}.toml")
                variants[lang] = template
    return merged
