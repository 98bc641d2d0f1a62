"""Sending one broadcast to one person: re-check, claim, rate-limited send, settle.

What a Graph answer does: 613 and other throttling back the whole broadcast off (the bucket
pauses, the rate stays); a transport failure or timeout may have delivered, so it is recorded
and never resent; 10/1893015 stops marketing for the person; 190 (bad Page token) pauses the
broadcast and alerts admins; other permanent errors are recorded and the sender moves on.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.broadcast_audience import Candidate
from bot.broadcast_rules import TOKEN_GAP_S, USER_FIELDS, Route, Target, decide, language_of
from bot.broadcast_store import BroadcastStore
from bot.broadcasts import BroadcastSpec
from bot.errors import GraphError, GraphPermanent, GraphRetryable
from bot.graph import GraphClient, RetryPolicy

if TYPE_CHECKING:
    from bot.services import Services

log = logging.getLogger("privacybot.broadcast")

# KEYS: user hash. ARGV: field, value, ... Never recreates an erased person's hash.
_HSET_IF_EXISTS = """
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], unpack(ARGV))
return 1
"""
STOPPED_MARKETING = 1893015
BAD_PAGE_TOKEN = 190
UNCERTAIN = -1  # the client's code for a transport failure or timeout


@dataclass(frozen=True)
class Tuning:
    poll_s: float = 0.5
    chunk: int = 500
    backoff_base_s: float = 1.0
    backoff_cap_s: float = 60.0
    retries: int = 8
    lease_ms: int = 15_000
    watch_s: float = 0.2
    clock: Callable[[], float] = time.time


class TokenBucket:
    """Evenly spaced send slots at `rate`/s; a little lag may be caught up (`slack_s`).
    `back_off` pushes every slot not yet used past the pause."""

    def __init__(self, rate: float, slack_s: float = 0.1) -> None:
        self.interval = 1.0 / rate
        self.slack = slack_s
        self._next: float | None = None  # no burst at the start
        self._paused_until = 0.0
        self._epoch = 0

    async def take(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            now = loop.time()
            slot = max(now if self._next is None else self._next, now - self.slack,
                       self._paused_until)  # fmt: skip
            self._next = slot + self.interval
            epoch = self._epoch
            if slot > now:
                await asyncio.sleep(slot - now)
            if epoch == self._epoch:
                return

    def paused(self) -> bool:
        return asyncio.get_running_loop().time() < self._paused_until

    def back_off(self, delay: float) -> None:
        until = asyncio.get_running_loop().time() + delay
        if until > self._paused_until:
            self._paused_until = self._next = until
            self._epoch += 1


@dataclass
class Pass:
    """One sender's pass over a broadcast's audience."""

    services: Services
    graph: GraphClient
    store: BroadcastStore
    bid: str
    spec: BroadcastSpec
    target: Target
    run: str
    tuning: Tuning
    halt: asyncio.Event
    bucket: TokenBucket
    waiting: int = 0
    wake_at: float | None = None
    pause_reason: str | None = None
    _streak: int = 0

    def wait_for_day(self, until: float) -> None:
        self.waiting += 1
        self.wake_at = until if self.wake_at is None else min(self.wake_at, until)

    def throttled(self) -> None:
        """Back the whole broadcast off; a 613 answered while already paused does not count."""
        if not self.bucket.paused():
            delay = min(self.tuning.backoff_cap_s, self.tuning.backoff_base_s * 2**self._streak)
            self._streak += 1
            self.bucket.back_off(delay * random.uniform(0.8, 1.0))  # noqa: S311
            log.warning("broadcast %s throttled by Meta, backing off %.1f s", self.bid, delay)

    async def deliver(self, candidate: Candidate) -> None:
        """Claim first (with the person re-read in the same round trip), decide again, send."""
        claim = f"pending:{self.run}"
        claimed, fresh = await self._claim(candidate, claim)
        if not claimed:
            return
        verdict = decide(fresh.fields, fresh.suppressed, self.target, self.tuning.clock())
        if verdict.route is None:
            reason = f"skipped:{verdict.reason}"
            await self.store.settle(self.bid, fresh.digest, claim, reason, reason)
            return
        if verdict.wait_until is not None:
            self.wait_for_day(verdict.wait_until)
            await self.store.settle(self.bid, fresh.digest, claim, "", "waiting")
            return
        outcome = await self._send(fresh, verdict.route)
        # An empty outcome: not sent (halted, paused); release the claim for a later pass.
        counter = "sent" if outcome.startswith("sent") else outcome
        await self.store.settle(self.bid, fresh.digest, claim, outcome, counter if outcome else "")

    async def _claim(self, person: Candidate, claim: str) -> tuple[bool, Candidate]:
        keys = self.services.keys
        pipe = self.services.redis.pipeline(transaction=False)
        await self.store.queue_decide(pipe, self.bid, person.digest, claim)
        pipe.hmget(keys.user(person.psid), USER_FIELDS)
        pipe.sismember(keys.suppressed, person.digest)
        claimed, row, flag = await pipe.execute()
        fields = dict(zip(USER_FIELDS, row, strict=True))
        return bool(claimed), Candidate(person.psid, person.digest, fields, bool(flag))

    async def _send(self, person: Candidate, route: Route) -> str:
        message = self.spec.message(language_of(person.fields, self.target))
        error: GraphError | None = None
        for _ in range(self.tuning.retries + 1):
            await self.bucket.take()
            if self.halt.is_set():
                return ""
            try:
                if route == "window":
                    await self.graph.send(person.psid, message, messaging_type="UPDATE")
                else:
                    await self.graph.send_to_token(person.fields.get("mm:token") or "", message)
            except GraphRetryable as exc:
                if exc.code == UNCERTAIN:
                    return "failed:timeout"
                error = exc
                self.throttled()
            except GraphPermanent as exc:
                return await self._refused(person, exc)
            else:
                self._streak = 0
                if route == "token":
                    next_at = self.tuning.clock() + TOKEN_GAP_S
                    await self._person(person.psid, {"mm:next_eligible": str(int(next_at))})
                return f"sent:{route}"
        return f"failed:{failure_code(error)}" if error else "failed:unknown"

    async def _refused(self, person: Candidate, error: GraphPermanent) -> str:
        if error.code == BAD_PAGE_TOKEN:
            self.pause_reason = "graph_token"
            self.halt.set()
            return ""
        if error.subcode == STOPPED_MARKETING:
            await self._person(person.psid, {"mm:status": "stopped", "subscribed": "0"})
            await self.services.redis.zrem(self.services.keys.marketing_index, person.psid)
            log.info("broadcast %s: user=%s stopped marketing messages", self.bid, person.digest)
        return f"failed:{failure_code(error)}"

    async def _person(self, psid: str, values: dict[str, str]) -> None:
        script = self.services.redis.register_script(_HSET_IF_EXISTS)
        flat = [item for pair in values.items() for item in pair]
        await script(keys=[self.services.keys.user(psid)], args=flat)


@contextlib.asynccontextmanager
async def broadcast_graph(services: Services) -> AsyncIterator[GraphClient]:
    """Its own client without retries: throttling is handled per broadcast, not per call."""
    settings = services.settings
    client = GraphClient(
        services.graph.base_url, settings.page_access_token, settings.app_secret,
        services.metrics, policy=RetryPolicy(retries=0),
    )  # fmt: skip
    async with client:
        yield client


def failure_code(error: GraphError) -> str:
    """Meta's code as a counter name; 551 comes with several subcodes that mean the same."""
    return "551" if error.code == 551 else error.label
