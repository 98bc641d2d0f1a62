"""One root exception; the webhook maps each subclass to a response in one place."""

from __future__ import annotations

from redis.exceptions import RedisClusterException, RedisError


class PrivacyBotError(Exception):
    """Root of every error the bot raises on purpose."""


class ConfigError(PrivacyBotError):
    """Settings are missing or unsafe; the message names the variable and the fix."""


class BadRequest(PrivacyBotError):
    """The caller sent something we cannot accept (maps to 400)."""


class Unauthorized(PrivacyBotError):
    """No valid credentials (maps to 401)."""


class Forbidden(PrivacyBotError):
    """Authentication failed (maps to 403 with no detail)."""


class NotFound(PrivacyBotError):
    """The addressed object does not exist (maps to 404)."""


class StoreUnavailable(PrivacyBotError):
    """Redis could not take or give data (maps to 503 so that Meta retries)."""


# What the store's client raises when Redis cannot answer: the HTTP edge maps these to 503
# without importing the client itself. A cluster adds its own: CLUSTERDOWN, TRYAGAIN,
# MASTERDOWN, MOVED/ASK past the retries and CROSSSLOT are RedisErrors; an uncovered slot, an
# unreachable cluster and a cross-slot transaction are RedisClusterExceptions, which are not.
STORE_ERRORS: tuple[type[Exception], ...] = (RedisError, RedisClusterException)


class GraphError(PrivacyBotError):
    """An error answer from Meta's Graph API, with Meta's own codes."""

    def __init__(
        self,
        message: str,
        *,
        code: int,
        subcode: int | None = None,
        fbtrace_id: str | None = None,
        status: int = 0,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.subcode = subcode
        self.fbtrace_id = fbtrace_id
        self.status = status

    @property
    def label(self) -> str:
        """Code and subcode as one metrics label, e.g. `10/2018278`."""
        return f"{self.code}/{self.subcode}" if self.subcode else str(self.code)

    def __str__(self) -> str:
        return f"Graph error {self.label} (HTTP {self.status}, trace {self.fbtrace_id})"


class GraphRetryable(GraphError):
    """Transient: rate limit, downtime, 5xx or timeout. Retried with backoff."""


class GraphPermanent(GraphError):
    """Retrying cannot help (outside window, unavailable, bad token, bad parameter)."""
