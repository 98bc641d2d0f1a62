"""The one async client for Meta's Graph API: pooled, typed errors, bounded retries."""

from __future__ import annotations

import asyncio
import logging
import random
import urllib.parse
from dataclasses import dataclass
from typing import Any

import aiohttp
from pymessenger.utils import generate_appsecret_proof

from bot.constants import (
    GRAPH_BACKOFF_BASE_S,
    GRAPH_BACKOFF_CAP_S,
    GRAPH_MAX_RETRIES,
    GRAPH_POOL_SIZE,
    GRAPH_TIMEOUT_S,
)
from bot.errors import GraphError, GraphPermanent, GraphRetryable
from bot.metrics import Metrics

log = logging.getLogger("privacybot.graph")

_RETRYABLE_CODES = frozenset({1, 2, 4, 17, 341, 613})
# 613 is retryable only as a rate limit; these subcodes are policy warnings, not throttling.
_PERMANENT_SUBCODES = frozenset({2018338, 1893016})


def graph_error(status: int, body: Any) -> GraphError:
    """Turn Meta's `{"error": {...}}` body (or its absence) into a typed error."""
    error = body.get("error") if isinstance(body, dict) else None
    if not isinstance(error, dict):
        cls = GraphRetryable if status >= 500 else GraphPermanent
        return cls(f"HTTP {status} without a Graph error body", code=-status, status=status)
    code = int(error.get("code", 0))
    subcode = error.get("error_subcode")
    subcode = int(subcode) if subcode is not None else None
    retryable = status >= 500 or (code in _RETRYABLE_CODES and subcode not in _PERMANENT_SUBCODES)
    cls = GraphRetryable if retryable else GraphPermanent
    return cls(
        str(error.get("message", "")),
        code=code,
        subcode=subcode,
        fbtrace_id=error.get("fbtrace_id"),
        status=status,
    )


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    retries: int = GRAPH_MAX_RETRIES
    base_s: float = GRAPH_BACKOFF_BASE_S
    cap_s: float = GRAPH_BACKOFF_CAP_S

    def delay(self, attempt: int) -> float:
        """Capped exponential backoff with full jitter."""
        return random.uniform(0, min(self.cap_s, self.base_s * 2**attempt))  # noqa: S311


class GraphClient:
    def __init__(
        self,
        base_url: str,
        access_token: str,
        app_secret: str,
        metrics: Metrics,
        *,
        policy: RetryPolicy | None = None,
        timeout_s: float = GRAPH_TIMEOUT_S,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self._auth = {
            "access_token": access_token,
            "appsecret_proof": generate_appsecret_proof(access_token, app_secret),
        }
        self._metrics = metrics
        self._policy = policy or RetryPolicy()
        self._timeout = aiohttp.ClientTimeout(total=timeout_s)
        self._session: aiohttp.ClientSession | None = None

    async def __aenter__(self) -> GraphClient:
        connector = aiohttp.TCPConnector(limit=GRAPH_POOL_SIZE)
        self._session = aiohttp.ClientSession(connector=connector, timeout=self._timeout)
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._session is not None:
            await self._session.close()

    async def send(
        self, psid: str, message: dict[str, Any], messaging_type: str = "RESPONSE"
    ) -> dict[str, Any]:
        body = {"recipient": {"id": psid}, "messaging_type": messaging_type, "message": message}
        return await self.call("POST", "me/messages", json=body)

    async def send_to_token(self, token: str, message: dict[str, Any]) -> dict[str, Any]:
        """A marketing message to a Marketing Messages (`notification_messages`) token."""
        body = {
            "recipient": {"notification_messages_token": token},
            "messaging_type": "UPDATE",
            "message": message,
        }
        return await self.call("POST", "me/messages", json=body)

    async def sender_action(self, psid: str, action: str) -> dict[str, Any]:
        body = {"recipient": {"id": psid}, "sender_action": action}
        return await self.call("POST", "me/messages", json=body)

    async def user_profile(self, psid: str, fields: tuple[str, ...]) -> dict[str, Any]:
        """User Profile API; the PSID is a path segment, escaped (it comes from outside)."""
        path = urllib.parse.quote(psid, safe="")
        return await self.call("GET", path, params={"fields": ",".join(fields)})

    async def pass_thread_control(
        self, psid: str, target_app_id: str, metadata: str = ""
    ) -> dict[str, Any]:
        """Conversation Routing: hand the thread to another app (the Page Inbox)."""
        body = {"recipient": {"id": psid}, "target_app_id": target_app_id, "metadata": metadata}
        return await self.call("POST", "me/pass_thread_control", json=body)

    async def take_thread_control(self, psid: str, metadata: str = "") -> dict[str, Any]:
        """Take the thread back from whichever app holds it."""
        body = {"recipient": {"id": psid}, "metadata": metadata}
        return await self.call("POST", "me/take_thread_control", json=body)

    async def set_messenger_profile(self, profile: dict[str, Any]) -> dict[str, Any]:
        return await self.call("POST", "me/messenger_profile", json=profile)

    async def call(
        self, method: str, path: str, *, json: Any = None, params: dict[str, str] | None = None
    ) -> dict[str, Any]:
        """One Graph call; transient errors retried with backoff, permanent ones raised."""
        for attempt in range(self._policy.retries + 1):
            try:
                result = await self._once(method, path, json, params)
            except GraphRetryable as error:
                self._metrics.graph_calls.labels(outcome="retryable", code=error.label).inc()
                if attempt == self._policy.retries:
                    raise
                await asyncio.sleep(self._policy.delay(attempt))
            except GraphPermanent as error:
                self._metrics.graph_calls.labels(outcome="permanent", code=error.label).inc()
                raise
            else:
                self._metrics.graph_calls.labels(outcome="ok", code="").inc()
                return result
        raise AssertionError("unreachable")  # pragma: no cover

    async def _once(
        self, method: str, path: str, json: Any, params: dict[str, str] | None
    ) -> dict[str, Any]:
        if self._session is None:
            raise RuntimeError("GraphClient used outside `async with`")
        url = f"{self.base_url}/{path}"
        try:
            async with self._session.request(
                method, url, json=json, params={**self._auth, **(params or {})}
            ) as response:
                body = await _json_or_none(response)
                if response.status >= 400 or (isinstance(body, dict) and "error" in body):
                    raise graph_error(response.status, body)
                return body if isinstance(body, dict) else {}
        except (TimeoutError, aiohttp.ClientConnectionError) as exc:
            raise GraphRetryable(f"transport: {type(exc).__name__}", code=-1, status=0) from exc


async def _json_or_none(response: aiohttp.ClientResponse) -> Any:
    try:
        return await response.json(content_type=None)
    except ValueError:
        return None
