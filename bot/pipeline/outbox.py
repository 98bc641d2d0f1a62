"""Results for a person: sent now inside Meta's 24-hour window, else held for their next
message (a message outside the window would be refused with 10/2018278). What is held goes
out when the person next writes (bot.pipeline.turn_state takes it with the rest of the turn)."""

from __future__ import annotations

import json
import time

from bot.constants import MESSAGING_WINDOW_S
from bot.pipeline.replies import Reply
from bot.services import Services


async def deliver_or_hold(services: Services, psid: str, reply: Reply) -> bool:
    """True when sent now, False when it waits for the person's next message."""
    last_action = await services.redis.hget(services.keys.user(psid), "last_action")
    now_ms = int(time.time() * 1000)
    if last_action and now_ms - int(last_action) < MESSAGING_WINDOW_S * 1000:
        await services.graph.send(psid, reply.message(), messaging_type="UPDATE")
        return True
    await services.redis.rpush(services.keys.outbox(psid), json.dumps(reply.message()))
    return False
