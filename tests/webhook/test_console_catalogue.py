"""The console's catalogues (`webhook/console/i18n/<lang>.toml`): every key in Slovene and
English with the same placeholders, every key a template asks for exists, and every value
a template turns into a key (a request type, a status, a skip reason ...) has its words."""

from __future__ import annotations

import fnmatch
import re
import string
import tomllib
from pathlib import Path
from typing import get_args

import pytest

from bot.broadcast.rules import SKIP_REASONS
from bot.broadcast.spec import Status as BroadcastStatus
from bot.consent.receipts import PURPOSES
from bot.rights.dsar import RequestType, Status
from bot.staff.stats import DECISIONS
from bot.staff.users import ROLES
from webhook.console.i18n import LANGUAGES, messages

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "webhook" / "templates" / "console"
_ASKED = re.compile(r"""\bt\(\s*["']([a-z_]+\.[a-z_0-9]+)["']\s*[,)]""")  # not t("x." ~ v)
_REFUSED = re.compile(r"""Refusal\(\s*"([a-z_]+)\"""")


def _fields(template: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(template) if field}


def test_every_key_is_in_both_languages_with_the_same_placeholders() -> None:
    sl, en = messages("sl"), messages("en")
    assert set(sl) == set(en) and len(en) > 250
    differing = {key: (en[key], sl[key]) for key in en if _fields(en[key]) != _fields(sl[key])}
    assert differing == {}
    untranslated = [k for k in en if sl[k] == en[k] and len(en[k]) > 12 and " " in en[k]]
    assert untranslated == []


def test_every_key_a_template_or_handler_asks_for_exists() -> None:
    asked = {key for path in TEMPLATES.glob("*.html") for key in _ASKED.findall(path.read_text())}
    handlers = (ROOT / "webhook" / "console").glob("*.py")
    refused = {f"errors.{key}" for path in handlers for key in _REFUSED.findall(path.read_text())}
    assert len(asked) > 200 and len(refused) > 10
    assert sorted((asked | refused) - set(messages("en"))) == []


@pytest.mark.parametrize(
    ("table", "values"),
    [
        ("types", get_args(RequestType)),
        ("status", get_args(Status)),
        ("bstatus", get_args(BroadcastStatus)),
        ("reasons", SKIP_REASONS),
        ("decisions", (*DECISIONS, "none")),
        ("purposes", PURPOSES),
        ("roles", ROLES),
        ("language_names", LANGUAGES),
    ],
)
def test_every_value_shown_as_words_has_them(table: str, values: tuple[str, ...]) -> None:
    for lang in LANGUAGES:
        assert [v for v in values if f"{table}.{v}" not in messages(lang)] == []


def test_an_installed_package_carries_the_console_catalogues() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = pyproject["tool"]["setuptools"]["package-data"]["webhook"]
    for lang in LANGUAGES:
        assert any(fnmatch.fnmatch(f"console/i18n/{lang}.toml", p) for p in patterns)
    assert any(dep.startswith("babel") for dep in pyproject["project"]["dependencies"])
