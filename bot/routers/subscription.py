"""The answer to "Stop promotional messages?" (or "... again?"), asked of a request typed in
free words (bot.routers.actions: `confirm_subscription_change`).

Its buttons decide, and so does a typed yes or no while the question is the last thing the
bot said ("da, spri gi"). Before, the question held no flow of its own: an open consent
question was put after it, and the "da" meant for the messages was recorded as consent to
the profile. Anything else typed leaves the question behind (the person moved on); any tap
ends it, and the payload router does what the tap says.
"""

from __future__ import annotations

from bot.answers import menu
from bot.consent.flow import typed_answer
from bot.pipeline.dispatcher import SKIP, Outcome, Turn
from bot.pipeline.flows import SubscriptionFlow
from bot.routers.actions import confirm_subscription_change, respond_to_intent


async def subscription_answers(turn: Turn) -> Outcome:
    flow = turn.flow
    if not isinstance(flow, SubscriptionFlow):
        return SKIP
    store = turn.services.store
    typed = None if turn.payload else typed_answer(turn.event.text)
    if typed is None:
        await store.clear_flow(turn.psid)
        return SKIP
    if flow.question is None:  # no longer the last thing said: put it again
        return [await confirm_subscription_change(turn, flow.intent)]
    await store.clear_flow(turn.psid)
    if typed == "yes":
        return await respond_to_intent(turn, flow.intent)
    return [menu(turn.services.pack, turn.lang, lead="subscription_kept")]
