"""The embedded Redis is ready only when it answers: a restart on a data directory with an
append-only file to load must not hand out a server that still says LOADING."""

from __future__ import annotations

from pathlib import Path

import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from bot.redis_server import embedded_redis

KEYS = 200_000  # with 300-byte values: loading them takes a noticeable while


def test_a_restart_on_saved_data_answers_its_first_command(tmp_path: Path) -> None:
    with embedded_redis(tmp_path) as server:
        client = redis.Redis(unix_socket_path=str(server.socket))
        pipe = client.pipeline(transaction=False)
        for number in range(KEYS):
            pipe.set(f"k{number}", "x" * 300)
        pipe.execute()
        client.close()
    with embedded_redis(tmp_path) as server:
        # No retries: the app's first commands (scripts, the layout) must just work.
        client = redis.Redis(unix_socket_path=str(server.socket), retry=Retry(NoBackoff(), 0))
        assert client.dbsize() == KEYS  # not BusyLoadingError
        client.close()
