"""Two Pages in one deployment for the tests: btc (Slovene) and infopartner (Bulgarian)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from aiohttp.test_utils import TestClient

from bot.services import Services
from webhook.keys import SERVICES

BTC, INFO = "1110000000000001", "2220000000000002"

PAGES_TOML = f"""
[[page]]
id = "{BTC}"
name = "BTC, d.d."
pack = "btc"

[[page]]
id = "{INFO}"
name = "Инфо Партнер"
pack = "infopartner"
"""


def write_pages(directory: Path, text: str = PAGES_TOML) -> Path:
    path = directory / "pages.toml"
    path.write_text(text)
    return path


def page_view(client: TestClient[Any, Any], page: str) -> Services:
    view = client.app[SERVICES].for_page(page)
    assert view is not None
    return view


def tokens_used(services: Services, psid: str) -> set[str]:
    """The access tokens of the Graph calls that went to this person."""
    fake = services.fake_graph
    assert fake is not None
    return {
        r.query["access_token"]
        for r in fake.requests
        if isinstance(r.body, dict) and r.body.get("recipient", {}).get("id") == psid
    }
