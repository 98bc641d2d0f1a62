"""What the console keeps about sign-ins: which session ids were signed out, and how many
sign-ins failed lately from one client address (held only as a keyed hash of it).

The limit applies to unknown tokens only: a valid token is let in whatever others sent from
the same address (behind a proxy or a shared NAT, five wrong tokens from anyone must not lock
every admin out; tokens are 256-bit random, so the limit is against noise, not guessing). A
wrong token is counted first and judged after (one atomic INCR): of 50 sent at once, 5 are
answered "not valid", the rest "too many"."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.services import Services

MAX_FAILURES = 5
FAILURE_WINDOW_S = 600


async def session_alive(services: Services, sid: str, token_hash: str) -> bool:
    """A session stands while it was not signed out and its user's token was not revoked."""
    pipe = services.redis.pipeline(transaction=False)
    pipe.exists(services.keys.console_revoked(sid))
    pipe.hexists(services.keys.admins, token_hash)
    revoked, token_alive = await pipe.execute()
    return bool(token_alive) and not revoked


async def end_session(services: Services, sid: str, remaining_s: int) -> None:
    """The cookie may have been copied: refuse its id until it would have expired anyway."""
    await services.redis.set(services.keys.console_revoked(sid), "1", ex=max(1, remaining_s))


class SignInLimit:
    """Failed sign-ins from one address within FAILURE_WINDOW_S of the first of them."""

    def __init__(self, services: Services, address: str) -> None:
        self.redis = services.redis
        self.key = services.keys.console_fails(services.pseudonym(f"ip:{address}"))

    async def failed(self) -> bool:
        """Count one failed sign-in; True while the address is still within the limit (this
        failure included). Counting and reading are one atomic step, so concurrent failures
        cannot all read a count below the limit."""
        pipe = self.redis.pipeline(transaction=True)
        # The window starts at the first failure (SET NX); INCR keeps its expiry.
        pipe.set(self.key, 0, ex=FAILURE_WINDOW_S, nx=True)
        pipe.incr(self.key)
        _, count = await pipe.execute()
        return int(count) <= MAX_FAILURES

    async def wait_minutes(self) -> int:
        """Whole minutes until the window ends (at least one)."""
        return max(1, (await self.redis.ttl(self.key) + 59) // 60)
