"""PAGES_FILE: production refuses a duplicate id, an unknown pack or a missing token, and
names the Page and the field."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.errors import ConfigError
from bot.pages.config import load_pages
from bot.settings import load_settings


def _load(tmp_path: Path, text: str, *, production: bool = True) -> object:
    path = tmp_path / "pages.toml"
    path.write_text(text)
    return load_pages(path, production=production, pack_dir=None)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '[[page]]\nid = "1"\npack = "btc"\naccess_token = "a"\n'
            '[[page]]\nid = "1"\npack = "orbico"\naccess_token = "b"\n',
            "Page 1: field id appears twice",
        ),
        ('[[page]]\nid = "7"\npack = "nope"\naccess_token = "a"\n', "Page 7: field pack 'nope'"),
        ('[[page]]\nid = "8"\npack = "btc"\n', "Page 8: field access_token is missing"),
        (
            '[[page]]\nid = "9"\npack = "btc"\naccess_token_env = "PB_TEST_UNSET_TOKEN"\n',
            "Page 9: field access_token_env (PB_TEST_UNSET_TOKEN is unset)",
        ),
        ('[[page]]\npack = "btc"\n', "field id is missing"),
        ("title = 'no pages'\n", "no [[page]] table"),
    ],
)
def test_production_refuses_a_bad_pages_file_naming_page_and_field(
    tmp_path: Path, text: str, message: str
) -> None:
    with pytest.raises(ConfigError, match=re.escape(message)):
        _load(tmp_path, text)


def test_a_token_comes_from_the_named_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PB_TEST_TOKEN", "EAAG-secret")
    config = _load(
        tmp_path, '[[page]]\nid = "5"\npack = "btc"\naccess_token_env = "PB_TEST_TOKEN"\n'
    )
    assert config.pages[0].access_token == "EAAG-secret"  # type: ignore[attr-defined]


def test_development_accepts_pages_without_tokens(tmp_path: Path) -> None:
    config = _load(tmp_path, '[[page]]\nid = "5"\npack = "btc"\n', production=False)
    assert not config.any_token  # type: ignore[attr-defined]


def test_production_settings_refuse_a_pages_file_without_a_token(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "pages.toml"
    path.write_text('[[page]]\nid = "42"\npack = "btc"\n')
    values = {
        "PRIVACYBOT_ENV": "production",
        "APP_SECRET": "a-real-app-secret-value",
        "VERIFY_TOKEN": "a-real-verify-token",
        "REDIS_URL": "redis://db:6379/0",
        "DATA_KEY": "a2tra2tra2tra2tra2tra2tra2tra2tra2tra2tra2s=",
        "PAGES_FILE": str(path),
    }
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError, match="Page 42: field access_token is missing"):
        load_settings()
