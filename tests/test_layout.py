"""The house keeps its rooms: `bot/` stays a few app-wide modules plus feature packages."""

from pathlib import Path

import bot

BOT = Path(bot.__file__).parent
PACKAGES = {
    "pipeline",
    "routers",
    "consent",
    "rights",
    "broadcast",
    "graph",
    "staff",
    "texts",
    "cli",
    "lua",
}


def test_bot_has_few_top_level_modules_and_the_feature_packages() -> None:
    modules = sorted(path.name for path in BOT.glob("*.py"))
    assert len(modules) <= 14, modules
    packages = {path.parent.name for path in BOT.glob("*/__init__.py")}
    assert packages >= PACKAGES


def test_packages_are_at_most_two_deep() -> None:
    for init in BOT.rglob("__init__.py"):
        assert len(init.relative_to(BOT).parts) <= 2, init
