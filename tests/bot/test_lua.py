"""The Lua scripts live in bot/lua/*.lua, one file each, documented and registered once."""

from __future__ import annotations

from pathlib import Path

from redis.asyncio import Redis

from bot.lua import Scripts, names, source

ROOT = Path(__file__).resolve().parents[2]


def test_no_lua_is_left_inside_python_modules() -> None:
    found = [
        str(path.relative_to(ROOT))
        for folder in ("bot", "webhook")
        for path in sorted((ROOT / folder).rglob("*.py"))
        if "redis.call" in path.read_text(encoding="utf-8")
        or "redis.pcall" in path.read_text(encoding="utf-8")
    ]
    assert found == []


def test_every_script_opens_with_what_it_does_and_its_keys_and_argv() -> None:
    assert len(names()) == 18
    for name in names():
        header = []
        for line in source(name).splitlines():
            if not line.startswith("--"):
                break
            header.append(line)
        text = "\n".join(header)
        assert len(header) >= 2, name
        assert "KEYS" in text, name
        assert "ARGV" in text, name


async def test_every_shipped_script_is_registered_and_compiles(redis: Redis) -> None:
    scripts = Scripts(redis)
    registered = dict(vars(scripts))
    assert sorted(registered) == names()
    for name, script in registered.items():
        # SCRIPT LOAD compiles the script in the real Redis: a syntax error fails here.
        assert await redis.script_load(source(name)) == script.sha
