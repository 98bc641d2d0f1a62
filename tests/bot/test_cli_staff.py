"""`privacybot admin add-user | list-users | revoke | rotate` against a real Redis: names
non-empty and unique, a token printed once, a revoked or rotated token refused at once, and
every change audited."""

from __future__ import annotations

import asyncio
import re

import pytest

from bot.cli.main import main
from bot.services import open_services
from bot.settings import Settings
from tests.bot.test_cli_users import env  # noqa: F401 - the fixture, shared

TOKEN = re.compile(r"pbt_\S+")


async def _main(argv: list[str]) -> int:
    return await asyncio.to_thread(main, argv)


async def _valid(settings: Settings, token: str) -> bool:
    async with open_services(settings) as services:
        return await services.admins.authenticate(token) is not None


async def test_users_are_listed_revoked_and_rotated(
    env: Settings,  # noqa: F811 - the fixture
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert await _main(["admin", "add-user", "Petra Novak", "--role", "admin"]) == 0
    first = TOKEN.findall(capsys.readouterr().out)
    assert len(first) == 1 and await _valid(env, first[0])
    assert await _main(["admin", "add-user", "Marko", "--role", "marketing"]) == 0
    marko = TOKEN.findall(capsys.readouterr().out)[0]

    assert await _main(["admin", "add-user", "Petra Novak", "--role", "marketing"]) == 1
    assert "exists already" in capsys.readouterr().err
    assert await _main(["admin", "add-user", "  ", "--role", "admin"]) == 1
    capsys.readouterr()

    assert await _main(["admin", "list-users"]) == 0
    listing = capsys.readouterr().out
    assert "Petra Novak" in listing and "marketing" in listing and "never" in listing
    assert "pbt_" not in listing  # never a token

    assert await _main(["admin", "rotate", "Petra Novak"]) == 0
    rotated = TOKEN.findall(capsys.readouterr().out)
    assert len(rotated) == 1 and rotated[0] != first[0]
    assert await _valid(env, rotated[0]) and not await _valid(env, first[0])

    assert await _main(["admin", "revoke", "Marko"]) == 0
    assert not await _valid(env, marko)
    assert await _main(["admin", "revoke", "Marko"]) == 1
    capsys.readouterr()
    assert await _main(["admin", "list-users"]) == 0
    assert "Marko" not in capsys.readouterr().out

    async with open_services(env) as services:
        audited = [(e["what"], e["record"]) for e in await services.audit.entries()]
    for entry in [
        ("add admin user", "Petra Novak"),
        ("rotate user token", "Petra Novak"),
        ("revoke user", "Marko"),
    ]:
        assert entry in audited
