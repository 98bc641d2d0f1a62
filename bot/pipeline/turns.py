"""One event's turn: claim it (head of the person's inbox, not a duplicate), run the handler,
then finish it, or count the failure and retry it later or move it to the dead letters."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Awaitable, Callable

from redis.asyncio import Redis

from bot.constants import MAX_ATTEMPTS, RETRY_DELAY_S
from bot.keys import Keys
from bot.metrics import Metrics
from bot.pipeline.claims import Claim, Claims
from bot.pipeline.dead_letters import DeadLetterSeal, plain_fields
from bot.pipeline.events import PAGE_MARK, MessagingEvent, parse_event
from bot.pipeline.stream import Pending, Ref, Result

log = logging.getLogger("privacybot.worker")

EventHandler = Callable[[MessagingEvent], Awaitable[None]]


class Turns:
    def __init__(
        self,
        redis: Redis,
        keys: Keys,
        *,
        handle: EventHandler,
        metrics: Metrics,
        claims: Claims,
        seal: DeadLetterSeal | None,
    ) -> None:
        self.redis = redis
        self.keys = keys
        self.handle = handle
        self.metrics = metrics
        self.claims = claims
        self.seal = seal
        # (partition, entry id) -> (page, psid, entry id, lock token): what the worker's
        # heartbeat renews
        self.in_flight: dict[Ref, tuple[str, str, str, str]] = {}

    async def take(self, pending: Pending, token: str) -> Result:
        """Claim and run one event of a person whose lock `token` holds."""
        claim, _ = await self.claims.claim(pending.psid, pending.key, token, pending.page)
        if claim is Claim.BUSY:
            return Result.LOST
        if claim is Claim.NOT_HEAD:
            return Result.NOT_HEAD
        if claim is Claim.DUPLICATE:
            self.metrics.events_duplicate.inc()
            await self._finish(pending, handled=False)
            return Result.DUPLICATE
        return await self.run(pending, token=token)

    async def run(self, pending: Pending, *, token: str) -> Result:
        started = time.perf_counter()
        self.in_flight[pending.ref] = (pending.page, pending.psid, pending.entry_id, token)
        try:  # the handler picks the Page's view by the id ingest kept beside the event
            event = parse_event({**json.loads(pending.raw), PAGE_MARK: pending.page})
            await self.handle(event)
        except Exception as exc:  # the one place a handler failure is caught: retry or dead-letter
            return await self._failed(pending, exc)
        finally:
            del self.in_flight[pending.ref]
        self.metrics.handling_seconds.observe(time.perf_counter() - started)
        self.metrics.events_handled.labels(kind=event.kind.split(":")[0]).inc()
        await self._finish(pending, handled=True)  # the drainer keeps the lock
        return Result.DONE

    async def _failed(self, pending: Pending, exc: Exception) -> Result:
        self.metrics.events_failed.inc()
        attempts_of = self.keys.attempts(pending.partition)
        attempts = int(await self.redis.hincrby(attempts_of, pending.entry_id, 1))
        error = f"{type(exc).__name__}: {exc}" if hasattr(exc, "label") else type(exc).__name__
        log.warning("event %s failed attempt=%d error=%s", pending.entry_id, attempts, error)
        if attempts < MAX_ATTEMPTS:  # a drainer keeps the lock while it waits to retry
            pending.not_before = time.monotonic() + RETRY_DELAY_S * 2**attempts
            return Result.DEFERRED
        letter = self.seal.fields if self.seal is not None else plain_fields
        fields = letter(
            pending.raw,
            error=error,
            attempts=attempts,
            entry_id=pending.entry_id,
            partition=str(pending.partition),
        )
        await self.redis.xadd(self.keys.dead_letters, fields)  # type: ignore[arg-type]
        self.metrics.events_dead.inc()
        await self._finish(pending, handled=False)
        return Result.DEAD

    async def _finish(self, pending: Pending, *, handled: bool) -> None:
        await self.claims.finish(
            pending.psid,
            pending.key,
            pending.entry_id,
            handled=handled,
            token="",
            page=pending.page,
        )
