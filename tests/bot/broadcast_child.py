"""A broadcast sender in its own process, for the test that kills it with SIGKILL mid-run.

Settings come from the environment (as in a worker); it prints "ready" once its services are
open, and SIGTERM stops it cleanly. Run as `python -m tests.bot.broadcast_child` from the
repository root.
"""

from __future__ import annotations

import asyncio
import signal

from bot.broadcast.delivery import Tuning
from bot.broadcast.sender import run_broadcasts
from bot.services import open_services
from bot.settings import Settings


async def main() -> None:
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    async with open_services(Settings()) as services:
        print("ready", flush=True)
        # A short lease: the next sender takes over a second after a kill, not after 15 s.
        tuning = Tuning(poll_s=0.05, watch_s=0.05, lease_ms=1000)
        await run_broadcasts(services, stop, tuning)


if __name__ == "__main__":
    asyncio.run(main())
