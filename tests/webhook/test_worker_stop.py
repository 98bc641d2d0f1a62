"""Shutting down `privacybot serve` while its in-process worker is still busy after 5 s: the
worker is cancelled and the app closes cleanly (no TimeoutError out of the cleanup)."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.settings import Settings
from webhook import app as app_module
from webhook.app import create_app


async def _never_stops(*_: Any) -> None:
    await asyncio.sleep(3600)  # ignores its stop event, like a worker stuck on a slow call


async def test_stopping_a_worker_that_overruns_5_s_does_not_raise(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(app_module, "run_background", _never_stops)
    client: TestClient[Any, Any] = TestClient(TestServer(create_app(settings)))
    await client.start_server()
    assert (await client.get("/healthz")).status == 200
    started = time.monotonic()
    await client.close()  # runs the cleanup contexts; raised TimeoutError before
    assert 4.5 < time.monotonic() - started < 10
