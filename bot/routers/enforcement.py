"""Meta's `messaging_policy_enforcement` events: a `block` pauses every broadcast and alerts
admins; `unblock` lifts the alert (paused broadcasts wait for an admin to resume them)."""

from __future__ import annotations

import logging

from bot.broadcast.actions import policy_block, policy_unblock
from bot.pipeline.dispatcher import SKIP, Outcome, Turn

log = logging.getLogger("privacybot.enforcement")


async def enforcement(turn: Turn) -> Outcome:
    event = turn.event.policy_enforcement
    if turn.event.kind != "policy_enforcement" or event is None:
        return SKIP
    action = event.action.strip().lower()
    if action == "block":
        paused = await policy_block(turn.services, event.reason or "no reason given")
        log.error("policy enforcement block: %d broadcasts paused, admins alerted", paused)
    elif action == "unblock":
        await policy_unblock(turn.services)
        log.warning("policy enforcement unblock: alert cleared; paused broadcasts stay paused")
    else:
        reason = (event.reason or "")[:300]
        await turn.services.audit.record("meta", "system", f"policy enforcement {action}: {reason}")
        log.warning("policy enforcement action=%s", action)
    return []
