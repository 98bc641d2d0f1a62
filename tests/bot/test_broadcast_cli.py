"""`privacybot broadcast ...`: create (dry run and queued), status, cancel, clear errors."""

from __future__ import annotations

import base64
import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

from bot.cli.main import main
from tests.conftest import ON_CLUSTER
from tests.helpers import APP_SECRET


@pytest.fixture
def cli_env(
    monkeypatch: pytest.MonkeyPatch, redis_url: str, prefix: str, tmp_path: Path
) -> Iterator[None]:
    for name, value in {
        "APP_SECRET": APP_SECRET,
        "VERIFY_TOKEN": "v",
        "PAGE_ACCESS_TOKEN": "",
        "REDIS_URL": redis_url,
        "REDIS_PREFIX": prefix,
        "VAR_DIR": str(tmp_path),
        "DATA_KEY": base64.b64encode(b"k" * 32).decode(),
        "PRIVACYBOT_ENV": "development",
        "REDIS_CLUSTER": "1" if ON_CLUSTER else "0",
    }.items():
        monkeypatch.setenv(name, value)
    yield
    client = (
        redis.RedisCluster.from_url(redis_url) if ON_CLUSTER else redis.Redis.from_url(redis_url)
    )
    for key in client.scan_iter(match=f"{prefix}:*", count=1000):  # every primary of a cluster
        client.delete(key)
    client.close()


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["broadcast", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_create_status_and_cancel_from_the_terminal(
    cli_env: None, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "create", "--text", "Akcija", "--lang", "sl,en", "--dry-run")
    assert code == 0
    dry = json.loads(out)
    assert dry["status"] == "done" and dry["audience"] == 0
    day = (dt.datetime.now(dt.UTC) + dt.timedelta(days=30)).date().isoformat()
    code, out, _ = run(capsys, "create", "--text", "Akcija", "--at", f"{day}T09:00:00+01:00")
    created = json.loads(out)
    assert code == 0 and created["status"] == "queued"
    code, out, _ = run(capsys, "status", created["id"])
    view = json.loads(out)
    assert view["scheduled_at"] == f"{day}T08:00:00Z" and view["languages"] == []
    code, out, _ = run(capsys, "cancel", created["id"])
    assert code == 0 and json.loads(out)["status"] == "cancelled"


def test_mistakes_are_explained(cli_env: None, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "create", "--text", "x" * 2000)
    assert code == 2 and "at most 1999 characters" in err
    code, _, err = run(capsys, "create", "--text", "Hi", "--at", "2027-01-01T09:00")
    assert code == 2 and "give a time zone" in err
    code, _, err = run(capsys, "create", "--text", "Hi", "--at", "9999-12-31T23:59:59-01:00")
    assert code == 2 and "at most 366 days ahead" in err
    code, _, err = run(capsys, "status", "nope")
    assert code == 1 and "no such broadcast" in err
