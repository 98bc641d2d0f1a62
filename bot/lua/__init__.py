"""The bot's Lua scripts: one `.lua` file each beside this module, read once per process.

`Scripts` registers every script on one Redis client, once: `Services` holds it, and the
classes that run scripts take it. Registering only hashes the source; `load` sends every
script to Redis at start (to every primary of a cluster), calls send its SHA (EVALSHA), and a
NOSCRIPT answer (a restarted node, a failover) reloads and retries: `AsyncScript` does for a
call, a pipeline loads what it needs (bot/cluster/client.py on a cluster).
Each file starts with what it does, its KEYS and ARGV.
"""

from __future__ import annotations

import functools
from importlib import resources

from redis.asyncio import Redis
from redis.commands.core import AsyncScript


@functools.cache
def source(name: str) -> str:
    """The text of `<name>.lua`, read from the package on first use (cached: read once)."""
    return resources.files(__name__).joinpath(f"{name}.lua").read_text(encoding="utf-8")


def names() -> list[str]:
    """Every script shipped, by file name without `.lua`."""
    files = resources.files(__name__).iterdir()
    return sorted(f.name.removesuffix(".lua") for f in files if f.name.endswith(".lua"))


class Scripts:
    """Every script, registered on one client."""

    def __init__(self, redis: Redis) -> None:
        def script(name: str) -> AsyncScript:
            return redis.register_script(source(name))

        # The event pipeline (bot/pipeline)
        self.ingest_events = script("ingest_events")
        self.release_lock = script("release_lock")
        self.claim_event = script("claim_event")
        self.finish_event = script("finish_event")
        self.renew_event = script("renew_event")
        self.open_turn = script("open_turn")
        self.route_events = script("route_events")
        self.take_queued = script("take_queued")
        self.release_if_idle = script("release_if_idle")
        # Broadcasts (bot/broadcast)
        self.scan_audience = script("scan_audience")
        self.reclass = script("reclass")  # run with EVAL inside transactions (bot.indexes.audience)
        # The console (bot/name_index.py, by its source)
        self.name_search = script("name_search")
        self.hset_if_exists = script("hset_if_exists")
        self.book_send_slot = script("book_send_slot")
        self.decide_outcome = script("decide_outcome")
        self.settle_outcome = script("settle_outcome")
        self.transition_status = script("transition_status")
        self.renew_or_release_lease = script("renew_or_release_lease")

    async def load(self) -> None:
        """Every script into Redis now (SCRIPT LOAD reaches every primary of a cluster), so that
        the first calls, and a cluster pipeline's, find them."""
        registered: list[AsyncScript] = list(vars(self).values())  # every attribute is one
        for script in registered:
            await script.registered_client.script_load(script.script)
