"""Per-person exclusivity across processes: a Redis lease with a random owner token.

Event handling and erasure take the same lock, so an event in flight can never race an
erasure of the same person.
"""

from __future__ import annotations

import asyncio
import contextlib
import secrets
from collections.abc import AsyncIterator

from redis.asyncio import Redis

from bot.constants import USER_LOCK_TTL_MS
from bot.keys import Keys
from bot.lua import Scripts


class UserLocks:
    def __init__(
        self, redis: Redis, keys: Keys, scripts: Scripts, ttl_ms: int = USER_LOCK_TTL_MS
    ) -> None:
        self.redis = redis
        self.keys = keys
        self.ttl_ms = ttl_ms
        # Deletes only if we still own it: a lease that expired and was taken over stays.
        self._release = scripts.release_lock

    async def try_acquire(self, psid: str) -> str | None:
        """The owner token, or None when someone else holds the person's lock."""
        token = secrets.token_hex(16)
        ok = await self.redis.set(self.keys.lock(psid), token, nx=True, px=self.ttl_ms)
        return token if ok else None

    async def release(self, psid: str, token: str, page: str = "") -> None:
        """`page`: the Page whose person this is (PSIDs are Page-scoped)."""
        await self._release(keys=[self.keys.for_page(page).lock(psid)], args=[token])

    @contextlib.asynccontextmanager
    async def hold(self, psid: str, wait_s: float = 10.0) -> AsyncIterator[None]:
        """Wait for the person's lock (e.g. for an erasure), hold it for the block."""
        deadline = asyncio.get_running_loop().time() + wait_s
        while (token := await self.try_acquire(psid)) is None:
            if asyncio.get_running_loop().time() > deadline:
                raise TimeoutError("person is busy")
            await asyncio.sleep(0.01)
        try:
            yield
        finally:
            await self.release(psid, token)
