"""The bot's own words (not policy answers, which live in the packs), per language.

The words are data, `sl.toml`, `en.toml`, `bg.toml` and `ro.toml` beside this file
(read by `bot.texts.catalog`); this module is how the bot asks for them."""

from __future__ import annotations

from typing import Final

from bot.texts.catalog import LANGUAGES, catalogue

FALLBACK_LANGUAGE: Final = "en"


def text(key: str, lang: str, **values: str) -> str:
    """The text `key` in `lang` (English where a language lacks it), values filled in."""
    variants = catalogue()[key]
    template = variants.get(lang) or variants[FALLBACK_LANGUAGE]
    return template.format(**values) if values else template


# Each language's name for itself (language choice, access summary).
LANGUAGE_NAMES: Final = {lang: text("language_name", lang) for lang in LANGUAGES}
