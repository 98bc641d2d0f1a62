"""`/policy`, the first link a person gets: a page with headings and paragraphs, the
controller's name and the version date, in the pack's language, without scrape leftovers,
with the console's CSP and frame headers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from intents.pack import available_packs, load_pack
from tests.conftest import make_settings
from webhook.app import create_app

Client = TestClient[Any, Any]


async def _page(client: Client) -> tuple[str, Any]:
    response = await client.get("/policy")
    assert response.status == 200
    return await response.text(), response.headers


@pytest.mark.parametrize(
    ("pack", "lang", "title", "version", "heading"),
    [
        ("btc", "sl", "Politika zasebnosti – BTC, d.d.", "z dne 3. 9. 2018", "VARSTVO PODATKOV"),
        ("infopartner", "bg", "Политика за поверителност – Инфо", "01.10.2017 г.", ""),
        (
            "balevski",
            "bg",
            "Политика за поверителност – ",
            "Версия на политиката: 1.",
            "I. ВЪВЕДЕНИЕ",
        ),
    ],
)
async def test_the_policy_is_a_page_in_the_packs_language(
    redis_url: str,
    prefix: str,
    tmp_path: Path,
    aiohttp_client: Any,
    pack: str,
    lang: str,
    title: str,
    version: str,
    heading: str,
) -> None:
    settings = make_settings(redis_url, prefix, tmp_path, policy_pack=pack)
    page, headers = await _page(await aiohttp_client(create_app(settings)))
    assert headers["Content-Type"].startswith("text/html")
    assert f'<html lang="{lang}">' in page
    assert f"<h1>{title}" in page and version in page
    assert (f"<h2>{heading}" in page or f"<h3>{heading}" in page) and "<p>" in page
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert headers["X-Frame-Options"] == "DENY"
    assert "<script" not in page and "style=" not in page


@pytest.mark.parametrize("pack", available_packs())
def test_no_scrape_leftovers_in_any_policy_text(pack: str) -> None:
    policy = load_pack(pack).policy_text()
    for leftover in ("fbpx", "Your address will show here", "+12 34 56 78"):
        assert leftover not in policy
