"""Settings: production refuses unsafe configuration and says what to set."""

from __future__ import annotations

import base64
import os
import stat
from pathlib import Path

import pytest

from bot.errors import ConfigError
from bot.settings import load_settings

GOOD = {
    "privacybot_env": "production",
    "app_secret": "3f9c2b7d1e",
    "verify_token": "a-long-random-verify-string",
    "page_access_token": "EAAG-real-looking-token",
    "redis_url": "redis://redis.internal:6379/0",
    "data_key": base64.b64encode(os.urandom(32)).decode(),
}


@pytest.mark.parametrize(
    "name", ["APP_SECRET", "VERIFY_TOKEN", "PAGE_ACCESS_TOKEN", "REDIS_URL", "DATA_KEY"]
)
def test_production_refuses_a_missing_secret_and_names_it(name: str) -> None:
    values = {**GOOD, name.lower(): ""}
    with pytest.raises(ConfigError, match=name):
        load_settings(**values)


def test_production_refuses_a_placeholder() -> None:
    with pytest.raises(ConfigError, match="APP_SECRET"):
        load_settings(**{**GOOD, "app_secret": "changeme"})


def test_production_accepts_real_values() -> None:
    settings = load_settings(**GOOD)
    assert settings.production and not settings.fake_graph


def test_development_fills_safe_defaults_and_keeps_the_key_private(tmp_path: Path) -> None:
    settings = load_settings(var_dir=tmp_path, app_secret="", data_key="")
    assert settings.fake_graph and settings.app_secret
    key_file = tmp_path / "data.key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert len(settings.data_key_bytes()) == 32
    again = load_settings(var_dir=tmp_path, data_key="")
    assert again.data_key == settings.data_key
