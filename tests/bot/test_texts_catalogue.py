"""The catalogues (`bot/texts/<lang>.toml`): every key in every language the packs speak,
with the same placeholders, so no person ever gets English by accident or a KeyError."""

from __future__ import annotations

import fnmatch
import string
import tomllib
from pathlib import Path

import pytest

from bot.texts import LANGUAGE_NAMES, text
from bot.texts.catalog import LANGUAGES, catalogue, tables
from bot.texts.deletion import PAGE_LANGUAGES, deletion_text

ROOT = Path(__file__).resolve().parents[2]


def _fields(template: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(template) if field is not None}


def test_every_key_is_in_every_language() -> None:
    missing = [
        (key, lang)
        for key, variants in catalogue().items()
        for lang in LANGUAGES
        if not variants.get(lang)
    ]
    assert missing == []
    assert len(catalogue()) > 100


def test_every_status_page_key_is_in_both_page_languages() -> None:
    missing = [
        (key, lang)
        for key, variants in catalogue("deletion").items()
        for lang in PAGE_LANGUAGES
        if not variants.get(lang)
    ]
    assert missing == []
    assert deletion_text("note", "sl", note="X") == "Potrebujemo: X"


@pytest.mark.parametrize("table", [None, "deletion"])
def test_placeholders_are_the_same_in_every_language(table: str | None) -> None:
    differing = {
        key: {lang: sorted(_fields(template)) for lang, template in variants.items()}
        for key, variants in catalogue(table).items()
        if len({frozenset(_fields(template)) for template in variants.values()}) > 1
    }
    assert differing == {}


def test_keys_are_flat_across_tables_and_status_page_is_apart() -> None:
    sl = tables("sl")
    assert {"chat", "consent", "rights", "deletion"} <= set(sl)
    assert text("yes", "bg") == "Да"
    # `status_open` means a request's status in the chat and a sentence on the status page.
    assert text("status_open", "sl") == "odprta"
    assert deletion_text("status_open", "sl").startswith("Stanje: prejeta.")


def test_a_language_without_the_text_gets_english_and_values_are_filled() -> None:
    assert text("source", "de", section="Pravice") == "Source: privacy policy, section “Pravice”."
    assert LANGUAGE_NAMES == {
        "sl": "Slovenščina",
        "en": "English",
        "bg": "Български",
        "ro": "Română",
    }


def test_an_installed_package_carries_the_catalogues() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = pyproject["tool"]["setuptools"]["package-data"]["bot"]
    for lang in LANGUAGES:
        assert any(fnmatch.fnmatch(f"texts/{lang}.toml", pattern) for pattern in patterns)
