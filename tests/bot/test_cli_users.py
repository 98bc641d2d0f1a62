"""`privacybot users show|export|erase` against a real Redis."""

from __future__ import annotations

import asyncio
import json

import pytest

from bot.cli.main import main
from bot.services import open_services
from bot.settings import Settings
from tests.helpers import record_contact


@pytest.fixture
def env(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Settings:
    for name in ("redis_url", "redis_prefix", "data_key", "app_secret"):
        monkeypatch.setenv(name.upper(), str(getattr(settings, name)))
    monkeypatch.setenv("VAR_DIR", str(settings.var_dir))
    return settings


async def seed(settings: Settings, psid: str) -> None:
    async with open_services(settings) as services:
        await record_contact(services, psid, 1_700_000_000_000)
        await services.store.update(psid, {"language": "sl"})


async def test_show_export_and_erase(env: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    await seed(env, "p-cli")
    assert await _main(["users", "show", "p-cli"]) == 0
    assert json.loads(capsys.readouterr().out)["language"] == "sl"
    assert await _main(["users", "export", "p-cli"]) == 0
    assert json.loads(capsys.readouterr().out)["schema"] == "privacybot.export/v1"
    assert await _main(["users", "erase", "p-cli"]) == 0
    assert json.loads(capsys.readouterr().out)["erased"] is True
    assert await _main(["users", "show", "p-cli"]) == 1


async def _main(argv: list[str]) -> int:
    return await asyncio.to_thread(main, argv)
