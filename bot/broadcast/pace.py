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

from redis.asyncio import Redis

from bot.broadcast.spec import MAX_RATE

PAGE_RATE = MAX_RATE  # one broadcast may use it all; two share it
SLACK_S = 0.05

# KEYS: the pace key. ARGV: interval µs, slack µs, hold µs (0: book a slot). Returns how long
# the caller waits for its slot, in µs (<= 0: now). A hold pushes the next slot out (613).
_BOOK = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local interval, slack, hold = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local free = tonumber(redis.call('GET', KEYS[1]) or '0')
local slot, after
if hold > 0 then
  slot = now
  after = math.max(free, now + hold)
else
  if free == 0 then slack = 0 end  -- the Page was idle: no burst at the start
  slot = math.max(free, now - slack)
  after = slot + interval
end
local ttl = math.floor((after - now) / 1000) + 1000
redis.call('SET', KEYS[1], string.format('%.0f', after), 'PX', ttl)
return math.floor(slot - now)
"""


class PagePace:
    """Send slots shared by every sender of the Page."""

    def __init__(self, redis: Redis, key: str, rate: float = PAGE_RATE) -> None:
        self.key = key
        self.interval_us = round(1_000_000 / rate)
        self._book = redis.register_script(_BOOK)

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
