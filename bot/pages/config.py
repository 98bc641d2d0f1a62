"""PAGES_FILE: the Pages one deployment serves (TOML, one `[[page]]` table each).

Without the file, PAGE_ACCESS_TOKEN + POLICY_PACK describe one Page whose id is unknown until
events say it: it serves every entry and keeps today's unscoped keys.
"""

from __future__ import annotations

import logging
import os
import tomllib
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from bot.errors import ConfigError
from intents.pack import PackError, load_pack

log = logging.getLogger("privacybot.pages")


class PageConfig(BaseModel):
    """One `[[page]]` table, with its token resolved."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(default="", pattern=r"^[0-9A-Za-z_-]*$", max_length=64)
    name: str = ""
    pack: str
    access_token: str = ""
    access_token_env: str = ""
    time_zone: str = ""
    # Which Page keeps the data of the one-Page layout this deployment ran before (upgrade).
    adopt_existing: bool = False


class PagesConfig(BaseModel):
    """Every Page; `from_file` False: the one-Page configuration of the environment."""

    model_config = ConfigDict(frozen=True)

    pages: tuple[PageConfig, ...]
    from_file: bool = False

    @property
    def any_token(self) -> bool:
        return any(page.access_token for page in self.pages)


def single_page(*, token: str, pack: str) -> PagesConfig:
    """Today's configuration: one Page, id unknown, serving every entry."""
    return PagesConfig(pages=(PageConfig(pack=pack, access_token=token),))


def load_pages(path: Path, *, production: bool, pack_dir: Path | None) -> PagesConfig:
    """Parse and check the file; production refuses a duplicate id, an unknown pack or a
    missing token, naming the Page and the field."""
    try:
        data = tomllib.loads(path.read_text())
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"PAGES_FILE {path} cannot be read: {type(exc).__name__}") from exc
    tables = data.get("page")
    if not isinstance(tables, list) or not tables:
        raise ConfigError(f"PAGES_FILE {path} has no [[page]] table; add one per Page.")
    pages = tuple(_page(index, table, production, pack_dir) for index, table in enumerate(tables))
    _check_ids(pages)
    return PagesConfig(pages=pages, from_file=True)


def _page(index: int, table: object, production: bool, pack_dir: Path | None) -> PageConfig:
    where = f"[[page]] #{index + 1}"
    try:
        page = PageConfig.model_validate(table)
    except ValidationError as exc:
        fields = ", ".join(".".join(map(str, e["loc"])) or "?" for e in exc.errors())
        raise ConfigError(f"PAGES_FILE {where}: invalid field(s) {fields}.") from exc
    where = f"Page {page.id}" if page.id else where
    if not page.id:
        raise ConfigError(f"PAGES_FILE {where}: field id is missing (the Facebook Page id).")
    try:
        load_pack(page.pack, pack_dir)
    except PackError as exc:
        raise ConfigError(f"PAGES_FILE {where}: field pack {page.pack!r} is unknown.") from exc
    token = page.access_token
    if not token and page.access_token_env:
        token = os.environ.get(page.access_token_env, "")
    if production and not token:
        field = "access_token"
        if page.access_token_env:
            field = f"access_token_env ({page.access_token_env} is unset)"
        raise ConfigError(f"PAGES_FILE {where}: field {field} is missing; set the Page token.")
    return page.model_copy(update={"access_token": token, "name": page.name or page.id})


def _check_ids(pages: tuple[PageConfig, ...]) -> None:
    seen: set[str] = set()
    for page in pages:
        if page.id in seen:
            raise ConfigError(f"PAGES_FILE: Page {page.id}: field id appears twice.")
        seen.add(page.id)
    adopters = [page.id for page in pages if page.adopt_existing]
    if len(adopters) > 1:
        listed = ", ".join(adopters)
        raise ConfigError(f"PAGES_FILE: adopt_existing is set on several Pages ({listed}).")


def warn_ignored() -> None:
    """With PAGES_FILE the single-Page variables are ignored; say so once at start if set."""
    if any(name in os.environ for name in ("PAGE_ACCESS_TOKEN", "POLICY_PACK")):
        log.warning("PAGES_FILE is set: PAGE_ACCESS_TOKEN and POLICY_PACK are ignored")
