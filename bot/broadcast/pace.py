"""The Page-wide send rate: every sender, in every worker, books its send slots from one
schedule in Redis, so all broadcasts together stay under Meta's 300 calls/s per Page.

Each broadcast keeps its own rate (its token bucket); on top of that a message goes out only
in a slot booked here. The schedule is one key holding the Page's next free slot (a "generic
cell rate algorithm"): a booking takes max(next free, now - slack) and moves it on by one
interval, all in one script on Redis's clock (workers' clocks may differ). The caller sleeps
until its slot. `slack` lets a sender that fell a little behind catch up: in any second at
most PAGE_RATE * (1 + slack) + 1 messages, 263 at the defaults.
"""

from __future__ import annotations

import asyncio

from bot.broadcast.spec import MAX_RATE
from bot.lua import Scripts

PAGE_RATE = MAX_RATE  # one broadcast may use it all; two share it
SLACK_S = 0.05


class PagePace:
    """Send slots shared by every sender of the Page."""

    def __init__(self, scripts: Scripts, key: str, rate: float = PAGE_RATE) -> None:
        self.key = key
        self.interval_us = round(1_000_000 / rate)
        self._book = scripts.book_send_slot  # book_send_slot.lua: the booking, on Redis's clock

    async def take(self) -> None:
        """Wait for the Page's next free slot. Woken well after it (this process stalled),
        book again: sending then would go out in a burst with every other late sender."""
        loop = asyncio.get_running_loop()
        args = [self.interval_us, round(SLACK_S * 1e6), 0]
        while True:
            asked = loop.time()
            due = asked + int(await self._book(keys=[self.key], args=args)) / 1e6
            if due > loop.time():
                await asyncio.sleep(due - loop.time())
            if loop.time() - due <= SLACK_S:
                return

    async def hold(self, delay_s: float) -> None:
        """Meta throttled the Page (613): no sender books a slot for `delay_s`."""
        await self._book(keys=[self.key], args=[self.interval_us, 0, round(delay_s * 1e6)])
