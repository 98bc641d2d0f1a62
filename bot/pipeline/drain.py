"""Draining one person's run queue: in order, under their lock, until it is empty.

The worker that won the person's lock (bot/pipeline/run_queue.py) runs this; others only route
events into the queue. An event that is not yet the head of the person's inbox waits a little
for the earlier one to be routed; after that the lock is given up to whoever routes it.
"""

from __future__ import annotations

import asyncio
import time

from bot.constants import RETRY_DELAY_S
from bot.pipeline.locks import UserLocks
from bot.pipeline.run_queue import RunQueues
from bot.pipeline.stream import Pending, Result
from bot.pipeline.turns import Turns

NOT_HEAD_PATIENCE_S = 2.0  # a drainer waits this long for an earlier event to be routed


class Drain:
    def __init__(self, turns: Turns, queues: RunQueues, locks: UserLocks) -> None:
        self.turns = turns
        self.queues = queues
        self.locks = locks

    async def queue(self, psid: str, token: str, stop: asyncio.Event) -> None:
        stalled_since: float | None = None
        while True:
            if stop.is_set():
                await self.locks.release(psid, token)
                return
            batch = await self.queues.take(psid)
            if not batch:
                if await self.queues.release_if_idle(psid, token):
                    return
                continue
            left, outcome = await self._batch(batch, token)
            await self.queues.put_back(psid, left)
            if outcome is Result.LOST:
                return
            if outcome is Result.NOT_HEAD:
                # The head is still with a worker that has not routed it (or a dead one's,
                # reclaimed later): wait a little, then let whoever routes it drain.
                stalled_since = stalled_since or time.monotonic()
                if time.monotonic() - stalled_since > NOT_HEAD_PATIENCE_S:
                    await self.locks.release(psid, token)
                    return
                await asyncio.sleep(RETRY_DELAY_S / 5)
                continue
            stalled_since = None
            if outcome is Result.DEFERRED:  # a failed turn: retry it after its back-off
                await asyncio.sleep(max(0.0, left[0].not_before - time.monotonic()))

    async def _batch(self, batch: list[Pending], token: str) -> tuple[list[Pending], Result]:
        """Handle what can be handled; returns what is left and why (DONE: some progress)."""
        left: list[Pending] = []
        progressed = False
        for index, pending in enumerate(batch):
            result = await self.turns.take(pending, token)
            if result is Result.NOT_HEAD:
                left.append(pending)
            elif result in (Result.LOST, Result.DEFERRED):
                return left + batch[index:], result
            else:
                progressed = True
        return left, Result.DONE if progressed or not left else Result.NOT_HEAD
