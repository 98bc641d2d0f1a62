"""Per-Page CLI: users show|export|erase, broadcast create, setup-page and admin add-user
take --page; no command shows another Page's people."""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path

import pytest

from bot.cli.main import main
from bot.services import open_services
from bot.settings import Settings
from tests.bot.broadcast_support import Clock, add_people
from tests.conftest import make_settings
from tests.helpers import record_contact
from tests.webhook.pages_support import BTC, INFO, write_pages


@pytest.fixture
def env(
    redis_url: str, prefix: str, tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> Settings:
    paged = make_settings(redis_url, prefix, tmp_path, pages_file=write_pages(tmp_path))
    for name in ("redis_url", "redis_prefix", "data_key", "app_secret", "pages_file"):
        monkeypatch.setenv(name.upper(), str(getattr(paged, name)))
    monkeypatch.setenv("VAR_DIR", str(paged.var_dir))
    return paged


async def _seed(settings: Settings) -> None:
    async with open_services(settings) as services:
        btc = services.for_page(BTC)
        assert btc is not None
        await record_contact(btc, "p-btc", int(time.time() * 1000))
        await add_people(btc, Clock(time.time()), 2, "btc")


async def _main(argv: list[str]) -> int:
    return await asyncio.to_thread(main, argv)


async def test_users_commands_see_only_the_named_page(
    env: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    await _seed(env)
    for action in ("show", "export", "erase"):
        assert await _main(["users", action, "p-btc", "--page", INFO]) == 1, action
        assert "p-btc" not in capsys.readouterr().out.replace("PSID p-btc", "")
    assert await _main(["users", "show", "p-btc", "--page", BTC]) == 0
    assert json.loads(capsys.readouterr().out)["psid"] == "p-btc"
    assert await _main(["users", "show", "p-btc", "--page", "999"]) == 1


async def test_broadcast_create_counts_only_its_pages_audience(
    env: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    await _seed(env)
    argv = ["broadcast", "create", "--text", "Akcija", "--dry-run", "--page"]
    assert await _main([*argv, INFO]) == 0
    assert json.loads(capsys.readouterr().out)["audience"] == 0
    assert await _main([*argv, BTC]) == 0
    assert json.loads(capsys.readouterr().out)["audience"] == 2


async def test_setup_page_sets_every_pages_profile_with_its_own_token(
    env: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    assert await _main(["setup-page"]) == 0
    out = capsys.readouterr().out
    assert f"Page {BTC}" in out and f"Page {INFO}" in out
    assert await _main(["setup-page", "--page", "999"]) == 2


async def test_a_user_for_an_unknown_page_is_refused(
    env: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    assert await _main(["admin", "add-user", "Ana", "--role", "admin", "--page", "999"]) == 1
    assert "999" in capsys.readouterr().err
    assert await _main(["admin", "add-user", "Ana", "--role", "admin", "--page", INFO]) == 0
    assert await _main(["admin", "list-users"]) == 0
    assert INFO in capsys.readouterr().out
