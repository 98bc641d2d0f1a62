"""Sending one broadcast to one person: send slot, claim and re-check, send, settle.

What a Graph answer does: 613 and other throttling back the whole broadcast off (the bucket
pauses, the rate stays); a transport failure or timeout may have delivered, so it is recorded
and never resent; 10/1893015 stops marketing for the person; 551 marks them `unreachable`
(until they next write); 190 (bad Page token) pauses the broadcast and alerts admins; other
permanent errors are recorded and the sender moves on.
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

from bot.broadcast.audience import Candidate
from bot.broadcast.pace import PagePace
from bot.broadcast.rules import TOKEN_GAP_S, USER_FIELDS, Route, Target, decide, language_of
from bot.broadcast.spec import BroadcastSpec
from bot.broadcast.store import BroadcastStore
from bot.errors import GraphError, GraphPermanent, GraphRetryable
from bot.graph.client import GraphClient, RetryPolicy
from bot.indexes.audience import stage_reclass, touches

if TYPE_CHECKING:
    from bot.services import Services

log = logging.getLogger("privacybot.broadcast")

STOPPED_MARKETING = 1893015
BAD_PAGE_TOKEN = 190
UNAVAILABLE = 551  # "This person isn't available right now"
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
            slot = max(
                now if self._next is None else self._next, now - self.slack, self._paused_until
            )
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
    pace: PagePace
    waiting: int = 0
    wake_at: float | None = None
    pause_reason: str | None = None
    _streak: int = 0

    def wait_for_day(self, until: float) -> None:
        self.waiting += 1
        self.wake_at = until if self.wake_at is None else min(self.wake_at, until)

    async def throttled(self) -> None:
        """Back the whole broadcast off, and hold the Page's other senders too (Meta throttles
        the Page); a 613 answered while already paused does not count."""
        if not self.bucket.paused():
            delay = min(self.tuning.backoff_cap_s, self.tuning.backoff_base_s * 2**self._streak)
            delay *= random.uniform(0.8, 1.0)  # noqa: S311
            self._streak += 1
            self.bucket.back_off(delay)
            await self.pace.hold(delay)
            log.warning("broadcast %s throttled by Meta, backing off %.1f s", self.bid, delay)

    async def _slot(self) -> None:
        """A send slot: the broadcast's own rate first, then one of the Page's (shared by every
        sender). A back-off that began while waiting sends it back to the queue."""
        while True:
            await self.bucket.take()
            await self.pace.take()
            if not self.bucket.paused():
                return

    async def deliver(self, candidate: Candidate) -> None:
        """Each attempt takes its send slot first, and only then claims the person and sends.
        So a claim exists only while its Send API call is under way: all that a kill -9 can
        leave behind (recorded `interrupted` by the next run)."""
        claim = f"pending:{self.run}"
        error: GraphError | None = None
        for _ in range(self.tuning.retries + 1):
            await self._slot()
            if self.halt.is_set():
                return
            try:
                await self._attempt(candidate, claim)
            except GraphRetryable as exc:
                # Throttled: Meta refused it, nothing was delivered. The claim is released
                # for the back-off, so a kill during the pause cannot strand the person.
                error = exc
                await self.throttled()
                await self.store.settle(self.bid, candidate.digest, claim, "")
                continue
            return
        failed = f"failed:{failure_code(error)}" if error else "failed:unknown"
        await self.store.decide(self.bid, candidate.digest, failed, failed)

    async def _attempt(self, candidate: Candidate, claim: str) -> None:
        """Claim (with the person re-read in the same round trip), decide again, send, record.
        Throttling raises GraphRetryable with the claim still held."""
        claimed, fresh = await self._claim(candidate, claim)
        if not claimed:
            return
        verdict = decide(fresh.fields, fresh.suppressed, self.target, self.tuning.clock())
        if verdict.route is None:
            reason = f"skipped:{verdict.reason}"
            await self.store.settle(self.bid, fresh.digest, claim, reason, reason)
        elif verdict.wait_until is not None:
            self.wait_for_day(verdict.wait_until)
            await self.store.settle(self.bid, fresh.digest, claim, "", "waiting")
        else:
            outcome = await self._send(fresh, verdict.route)
            # An empty outcome: not sent (bad Page token); the claim is released.
            counter = "sent" if outcome.startswith("sent") else outcome
            await self.store.settle(self.bid, fresh.digest, claim, outcome, counter)

    async def _claim(self, person: Candidate, claim: str) -> tuple[bool, Candidate]:
        keys = self.services.keys
        pipe = self.services.redis.pipeline(transaction=False)
        await self.store.queue_decide(pipe, self.bid, person.digest, claim)
        pipe.hmget(keys.user(person.psid), USER_FIELDS)
        pipe.sismember(keys.suppressed(keys.partition(person.psid)), person.digest)
        claimed, row, flag = await pipe.execute()
        fields = dict(zip(USER_FIELDS, row, strict=True))
        return bool(claimed), Candidate(person.psid, person.digest, fields, bool(flag))

    async def _send(self, person: Candidate, route: Route) -> str:
        """One Send API call: the outcome to record ("" = not sent). Throttling raises."""
        message = self.spec.message(language_of(person.fields, self.target))
        try:
            if route == "window":
                await self.graph.send(person.psid, message, messaging_type="UPDATE")
            else:
                await self.graph.send_to_token(person.fields.get("mm:token") or "", message)
        except GraphRetryable as exc:
            if exc.code == UNCERTAIN:  # may have been delivered: never resent
                return "failed:timeout"
            raise
        except GraphPermanent as exc:
            return await self._refused(person, exc)
        self._streak = 0
        if route == "token":
            next_at = self.tuning.clock() + TOKEN_GAP_S
            await self._person(person.psid, {"mm:next_eligible": str(int(next_at))})
        return f"sent:{route}"

    async def _refused(self, person: Candidate, error: GraphPermanent) -> str:
        if error.code == BAD_PAGE_TOKEN:
            self.pause_reason = "graph_token"
            self.halt.set()
            return ""
        if error.subcode == STOPPED_MARKETING:
            stopped = {"mm:status": "stopped", "subscribed": "0"}
            await self._person(person.psid, stopped, leave_audience=True)
            log.info("broadcast %s: user=%s stopped marketing messages", self.bid, person.digest)
        elif error.code == UNAVAILABLE:
            # Skipped by every broadcast (`unreachable`) until they write to us again.
            await self._person(person.psid, {"unreachable": str(int(self.tuning.clock()))})
            log.info("broadcast %s: user=%s unreachable", self.bid, person.digest)
        return f"failed:{failure_code(error)}"

    async def _person(
        self, psid: str, values: dict[str, str], *, leave_audience: bool = False
    ) -> None:
        """Never recreates an erased person's hash (hset_if_exists.lua); the person's audience
        count follows in the same transaction (their partition only)."""
        keys, flat = self.services.keys, [item for pair in values.items() for item in pair]
        pipe = self.services.redis.pipeline(transaction=True)
        await self.services.scripts.hset_if_exists(keys=[keys.user(psid)], args=flat, client=pipe)
        if leave_audience:
            pipe.zrem(keys.marketing_index(keys.partition(psid)), psid)
        if touches(values):
            stage_reclass(pipe, keys, psid, self.services.pseudonym(psid))
        await pipe.execute()


@contextlib.asynccontextmanager
async def broadcast_graph(services: Services) -> AsyncIterator[GraphClient]:
    """Its own client without retries: throttling is handled per broadcast, not per call."""
    settings = services.settings
    client = GraphClient(
        services.graph.base_url,
        services.page.token,
        settings.app_secret,
        services.metrics,
        policy=RetryPolicy(retries=0),
    )
    async with client:
        yield client


def failure_code(error: GraphError) -> str:
    """Meta's code as a counter name; 551 comes with several subcodes that mean the same."""
    return "551" if error.code == 551 else error.label
