"""The console's own words, in Slovene and English (`sl.toml`, `en.toml` beside this file).

A catalogue groups keys in tables by page for whoever translates it; templates ask for
`t("table.key", name=value)`. Each staff user picks a language (kept on their user record);
until they do, the console speaks the pack's language where it can, English otherwise.
The JSON API stays English and ISO: only these pages are translated."""

from __future__ import annotations

import functools
import re
import string
import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Final, cast

from markupsafe import Markup, escape

from bot.errors import BadRequest
from webhook.console.i18n.dates import day_text, time_tag

LANGUAGES: Final = ("sl", "en")


@functools.cache
def messages(lang: str) -> dict[str, str]:
    """`<lang>.toml` flattened to `table.key -> template`."""
    source = resources.files(__package__).joinpath(f"{lang}.toml").read_text(encoding="utf-8")
    tables = cast(dict[str, dict[str, str]], tomllib.loads(source))
    return {
        f"{table}.{key}": text for table, entries in tables.items() for key, text in entries.items()
    }


def default_language(pack_language: str) -> str:
    return pack_language if pack_language in LANGUAGES else "en"


def chosen(stored: str, pack_language: str) -> str:
    """The user's own pick if the console speaks it, else the default."""
    return stored if stored in LANGUAGES else default_language(pack_language)


class Refusal(BadRequest):
    """A console form that cannot be accepted, said with a catalogue key (`errors.<key>`)."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


@functools.cache
def _bot_error_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    """The English messages of the bot's own errors (`[bot_errors]` in en.toml) as patterns
    whose placeholders capture what the message names (an id, a status)."""
    patterns = []
    for key, template in messages("en").items():
        if not key.startswith("bot_errors."):
            continue
        pattern = ""
        for literal, field, _, _ in string.Formatter().parse(template):
            pattern += re.escape(literal) + (f"(?P<{field}>.+?)" if field else "")
        patterns.append((re.compile(f"^{pattern}$"), key))
    return tuple(patterns)


@dataclass(frozen=True)
class Words:
    """What a page needs to speak one language: `t(...)` for text, `when(...)` for times."""

    lang: str
    zone: str

    def t(self, key: str, **params: object) -> str:
        """The text of `key`; with a `<time>` (Markup) among the values, safe markup in
        which everything else is escaped."""
        template = messages(self.lang).get(key) or messages("en")[key]
        if any(isinstance(value, Markup) for value in params.values()):
            return escape(template).format(**params)
        return template.format(**params) if params else template

    def name(self, table: str, value: object) -> str:
        """A stored value (a channel, a pause reason) in words, or as stored when the
        catalogue has none for it (a value added later must not break a page)."""
        key = f"{table}.{value}"
        return self.t(key) if key in messages("en") else str(value)

    def action(self, what: str) -> Markup:
        """An audit entry's `what` in words; the entry as stored (English) on hover."""
        core = what.removeprefix("refused: ")
        words = messages(self.lang).get(f"audit_actions.{core}")
        if words is None:
            return escape(what)
        shown = self.t("audit.refused", what=words) if core != what else words
        if shown == what:
            return escape(what)
        return Markup('<span title="{0}">{1}</span>').format(what, shown)

    def day(self, value: str, *, short: bool = False) -> str:
        return day_text(value, self.lang, short=short)

    def when(self, value: object) -> Markup:
        return time_tag(value, self.lang, self.zone)

    def error(self, exc: BadRequest) -> str:
        """A refusal from the console in the user's language; a message from the bot's own
        checks translated where the catalogue knows it, as written otherwise."""
        if isinstance(exc, Refusal):
            return self.t(f"errors.{exc.key}", **exc.params)
        message = str(exc)
        for pattern, key in _bot_error_patterns():
            found = pattern.match(message)
            if found:
                return self.t(key, **found.groupdict())
        return message
