"""Results for a person: sent now inside Meta's 24-hour window, else held for their next
message (a message outside the window would be refused with 10/2018278). What is held goes
out when the person next writes (bot.pipeline.turn_state takes it with the rest of the turn)."""

from __future__ import annotations

import json
import time

from bot.constants import MESSAGING_WINDOW_S
from bot.pipeline.flows import parse_flow
from bot.pipeline.replies import Reply
from bot.services import Services


async def deliver_or_hold(services: Services, psid: str, reply: Reply) -> bool:
    """True when sent now, False when it waits for the person's next message."""
    last_action = await services.redis.hget(services.keys.user(psid), "last_action")
    now_ms = int(time.time() * 1000)
    if last_action and now_ms - int(last_action) < MESSAGING_WINDOW_S * 1000:
        await services.graph.send(psid, reply.message(), messaging_type="UPDATE")
        await _question_not_current(services, psid)
        return True
    await services.redis.rpush(services.keys.outbox(psid), json.dumps(reply.message()))
    return False


async def _question_not_current(services: Services, psid: str) -> None:
    """Something said after the open question: it is no longer the last thing the person
    saw, so a bare "yes" may answer this instead (bot.routers.open_question)."""
    flow = parse_flow(await services.redis.get(services.keys.flow(psid)))
    if flow is not None and flow.question is not None:
        await services.store.set_flow(psid, flow.model_copy(update={"question": None}))
