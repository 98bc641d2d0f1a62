"""The broadcast sender, run in the worker next to the event consumer.

It takes due broadcasts from `<p>:bcast:due` under a per-broadcast lease (one sender per
broadcast across processes), streams the audience in chunks and sends at the broadcast's rate
with bounded concurrency. A pass ends with the broadcast `done`, or re-queued for the next
local 09:00 of the people in quiet hours. Cancel, Meta's policy block and shutdown halt it
within `watch_s`; claims not yet sent are released and sent by a later pass.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import math
import secrets
from dataclasses import dataclass

from redis.exceptions import RedisError

from bot.broadcast.audience import Candidate, audience, target_of
from bot.broadcast.delivery import Pass, TokenBucket, Tuning, broadcast_graph
from bot.broadcast.pace import PagePace
from bot.broadcast.rules import decide
from bot.broadcast.store import BroadcastStore
from bot.constants import GRAPH_TIMEOUT_S
from bot.graph.client import GraphClient
from bot.services import Services

log = logging.getLogger("privacybot.broadcast")


async def run_broadcasts(
    services: Services, stop: asyncio.Event, tuning: Tuning | None = None
) -> None:
    tuning = tuning or Tuning()
    async with broadcast_graph(services) as graph:
        sender = Sender(
            services,
            graph,
            BroadcastStore(services.redis, services.keys, services.scripts),
            stop,
            tuning,
        )
        while not stop.is_set():
            try:
                worked = await sender.run_due()
            except (RedisError, OSError) as exc:
                log.warning("broadcast sender: %s; retrying", type(exc).__name__)
                worked = False
            except Exception:  # a bug here must not take the event worker down with it
                log.exception("broadcast sender failed; retrying")
                worked = False
            if not worked:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), tuning.poll_s)
    log.info("broadcast sender stopped")


@dataclass(frozen=True)
class Sender:
    services: Services
    graph: GraphClient
    store: BroadcastStore
    stop: asyncio.Event
    tuning: Tuning

    async def run_due(self) -> bool:
        """One due broadcast, if any (and Meta has not blocked the Page, and the service is
        not down in breach mode): True if one ran."""
        store = self.store
        if await store.blocked() or await self.services.redis.exists(self.services.keys.breach):
            return False
        for bid in await store.due(self.tuning.clock()):
            run = secrets.token_hex(6)
            if not await store.take_lease(bid, run, self.tuning.lease_ms):
                continue
            try:
                await self.run_pass(bid, run)
            finally:
                await store.release_lease(bid, run)
            return True
        return False

    async def run_pass(self, bid: str, run: str) -> None:
        store = self.store
        definition = await store.definition(bid)
        if definition.get("status") not in ("queued", "sending"):
            await store.unschedule(bid)
            return
        await store.transition(bid, "sending", "queued")
        await store.note_audience(bid)
        spec = store.spec_of(definition)
        state = Pass(
            self.services,
            self.graph,
            store,
            bid,
            spec,
            target_of(self.services, spec),
            run,
            self.tuning,
            asyncio.Event(),
            TokenBucket(spec.rate),
            PagePace(self.services.scripts, self.services.keys.broadcast_pace),
        )
        await store.set_counter(bid, "waiting", 0)
        watcher = asyncio.create_task(_watch(state, self.stop))
        try:
            await _stream(state)
        finally:
            watcher.cancel()
        await _finish(state, self.stop)


async def _stream(state: Pass) -> None:
    """Chunks of the audience: skips recorded in bulk, the eligible sent concurrently."""
    limit = asyncio.Semaphore(min(100, max(4, math.ceil(state.spec.rate * 0.3))))
    tasks: set[asyncio.Task[None]] = set()
    outcomes_key = state.services.keys.broadcast_outcomes(state.bid)
    chunks = audience(state.services, state.tuning.chunk, outcomes_key)
    try:
        async with contextlib.aclosing(chunks):
            async for chunk in chunks:
                if state.halt.is_set():
                    break
                for candidate in await _triage(state, chunk):
                    if state.halt.is_set():
                        break
                    await limit.acquire()
                    task = asyncio.create_task(state.deliver(candidate))
                    tasks.add(task)
                    task.add_done_callback(functools.partial(_done, tasks, limit))
    finally:
        # Sends already under way finish and are recorded, even when this task is cancelled.
        if tasks:
            await asyncio.wait(set(tasks), timeout=GRAPH_TIMEOUT_S + 1)


def _done(
    tasks: set[asyncio.Task[None]], limit: asyncio.Semaphore, task: asyncio.Task[None]
) -> None:
    tasks.discard(task)
    limit.release()
    if not task.cancelled() and task.exception() is not None:
        log.error("broadcast delivery failed: %r", task.exception())


async def _triage(state: Pass, chunk: list[Candidate]) -> list[Candidate]:
    """Record the chunk's skips and quiet-hours waits; the rest are to be sent (each is
    checked again just before its send)."""
    now, skips, send, waiting = state.tuning.clock(), [], [], 0
    for candidate in chunk:
        if candidate.outcome is not None:
            await _interrupted(state, candidate.digest, candidate.outcome)
            continue
        verdict = decide(candidate.fields, candidate.suppressed, state.target, now)
        if verdict.route is None:
            skips.append((candidate.digest, f"skipped:{verdict.reason}"))
        elif verdict.wait_until is not None:
            state.wait_for_day(verdict.wait_until)
            waiting += 1
        else:
            send.append(candidate)
    await state.store.decide_many(state.bid, skips)
    if waiting:
        await state.store.count(state.bid, "waiting", waiting)
    return send


async def _interrupted(state: Pass, digest: str, outcome: str) -> None:
    """A claim of another run that no longer holds the lease: it died between claim and
    send. It may have sent; at-most-once means record it, never resend."""
    if outcome.startswith("pending:") and outcome != f"pending:{state.run}":
        await state.store.settle(state.bid, digest, outcome, "interrupted", "failed:interrupted")


async def _watch(state: Pass, stop: asyncio.Event) -> None:
    """Halt promptly on cancel, pause, policy block, shutdown or a lost lease."""
    store, bid = state.store, state.bid
    while not state.halt.is_set():
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), state.tuning.watch_s)
        try:
            status = (await store.definition(bid)).get("status")
            held = await store.renew_lease(bid, state.run, state.tuning.lease_ms)
            blocked = await store.blocked()
        except RedisError:
            continue
        if stop.is_set() or status != "sending" or not held or blocked:
            state.halt.set()


async def _finish(state: Pass, stop: asyncio.Event) -> None:
    store, bid = state.store, state.bid
    if state.pause_reason is not None:
        if await store.transition(bid, "paused", "sending", "queued"):
            await store.annotate(bid, paused_reason=state.pause_reason)
            await store.set_alert(state.pause_reason, {"broadcast": bid})
            await store.unschedule(bid)
            log.error("broadcast %s paused: %s", bid, state.pause_reason)
        return
    if state.halt.is_set() or stop.is_set():
        return
    if state.wake_at is not None:
        await store.schedule(bid, state.wake_at)
        await store.annotate(bid, next_pass_at=str(int(state.wake_at)))
        log.info(
            "broadcast %s: %d people in quiet hours, next pass at %d",
            bid,
            state.waiting,
            state.wake_at,
        )
        return
    if await store.transition(bid, "done", "sending"):
        await store.unschedule(bid)
        counts = await store.progress(bid)
        summary = ", ".join(f"{k}={v}" for k, v in sorted(counts.items()))
        await state.services.audit.record("sender", "system", f"broadcast done: {summary}", bid)
        log.info("broadcast %s done: %s", bid, summary)
