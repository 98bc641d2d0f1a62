"""Echoes, delivery and read receipts, and events of kinds we do not act on: no reply."""

from __future__ import annotations

import logging

from bot.pipeline.dispatcher import SKIP, Outcome, Turn

log = logging.getLogger("privacybot.receipts")

_SILENT = frozenset({"echo", "delivery", "read", "referral"})


async def receipts(turn: Turn) -> Outcome:
    kind = turn.event.kind
    if kind in _SILENT or turn.event.standby:
        return []  # standby: a human agent (another app) owns the thread; we must not answer
    if kind.startswith("unknown"):
        log.info("unknown event kind=%s acknowledged", kind)
        return []
    return SKIP
