"""Breach mode: every message or tap gets the notice and nothing else runs.

The flag comes with the turn (`TurnOpener` reads it in the same round trip as the person)."""

from __future__ import annotations

from bot.pipeline.dispatcher import SKIP, Outcome, Turn
from bot.pipeline.replies import Reply
from bot.texts import text

_ANSWERED = frozenset({"message", "postback"})


async def breach(turn: Turn) -> Outcome:
    if not turn.breach or turn.event.standby:
        return SKIP  # standby: not our thread to answer in (the receipts router drops it)
    if turn.event.kind in _ANSWERED:
        controller = turn.services.pack.pack.controller
        return [Reply(text("breach_notice", turn.lang, controller=controller))]
    return []
