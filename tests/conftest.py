"""Shared fixtures: a real Redis (REDIS_URL, else an embedded server for the session), a
private key prefix per test, and the app wired to the fake Graph API over HTTP."""

from __future__ import annotations

import base64
import os
import secrets
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from redis.asyncio import Redis

from bot.redis_server import EmbeddedRedis
from bot.settings import Settings
from tests.helpers import APP_SECRET, VERIFY_TOKEN


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    configured = os.environ.get("REDIS_URL")
    if configured:
        yield configured
        return
    server = EmbeddedRedis(tmp_path_factory.mktemp("redis"), persistent=False)
    server.start()
    yield server.url
    server.stop()


@pytest.fixture
def prefix() -> str:
    return "t" + secrets.token_hex(6)


@pytest.fixture
async def redis(redis_url: str, prefix: str) -> AsyncIterator[Redis]:
    """A client for the test's own keys; everything under its prefix is removed after."""
    client = Redis.from_url(redis_url, decode_responses=True)
    yield client
    async for key in client.scan_iter(match=f"{prefix}:*", count=1000):
        await client.delete(key)
    await client.aclose()


def make_settings(redis_url: str, prefix: str, var_dir: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "app_secret": APP_SECRET,
        "verify_token": VERIFY_TOKEN,
        "page_access_token": "",  # development + no token: the built-in fake Graph
        "redis_url": redis_url,
        "redis_prefix": prefix,
        "data_key": base64.b64encode(b"k" * 32).decode(),
        "var_dir": var_dir,
        "public_url": "http://bot.test",
    }
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


@pytest.fixture
def settings(redis_url: str, prefix: str, tmp_path: Path, redis: Redis) -> Settings:
    return make_settings(redis_url, prefix, tmp_path)
