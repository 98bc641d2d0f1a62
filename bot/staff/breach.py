"""Breach mode: the controller may take the service down to protect data (the policy allows
it). While the flag is set, the bot answers every message with a short notice and touches no
profile data. Setting and clearing it are audited; the flag names who set it, never a person."""

from __future__ import annotations

import datetime as dt
import json
import logging
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict
from redis.asyncio import Redis

from bot.keys import Keys
from bot.staff.audit import Audit

if TYPE_CHECKING:
    from bot.services import Services

log = logging.getLogger("privacybot.breach")


class BreachState(BaseModel):
    model_config = ConfigDict(frozen=True)

    on: bool
    since: str | None = None
    by: str | None = None
    reason: str = ""


OFF = BreachState(on=False)


class BreachMode:
    def __init__(self, redis: Redis, keys: Keys, audit: Audit) -> None:
        self.redis = redis
        self.key = keys.breach
        self.audit = audit

    async def get(self) -> BreachState:
        raw = await self.redis.get(self.key)
        return BreachState.model_validate_json(raw) if raw else OFF

    async def is_on(self) -> bool:
        """One EXISTS per event: cheap enough for the hot path."""
        return bool(await self.redis.exists(self.key))

    async def set(self, *, actor: str, role: str, reason: str = "") -> BreachState:
        state = BreachState(
            on=True,
            since=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            by=actor,
            reason=reason[:500],
        )
        await self.redis.set(self.key, json.dumps(state.model_dump()))
        await self.audit.record(actor, role, "breach mode on", "service")
        log.warning("breach mode switched on by role=%s", role)
        return state

    async def clear(self, *, actor: str, role: str) -> BreachState:
        await self.redis.delete(self.key)
        await self.audit.record(actor, role, "breach mode off", "service")
        log.warning("breach mode switched off by role=%s", role)
        return OFF


def breach_mode(services: Services) -> BreachMode:
    return BreachMode(services.redis, services.keys, services.audit)
