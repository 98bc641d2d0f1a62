"""Questions about the policy: the intent matcher, with "did you mean" when unsure."""

from __future__ import annotations

from bot.answers import did_you_mean, understand_turn
from bot.pipeline.dispatcher import SKIP, Outcome, Turn
from bot.routers.actions import respond_to_sentence
from intents.matcher import Ambiguous, IntentMatch


async def questions(turn: Turn) -> Outcome:
    if not turn.event.text.strip():
        return SKIP
    services = turn.services
    result, turn = understand_turn(turn)
    if isinstance(result, IntentMatch):
        return await respond_to_sentence(turn, result.intent)
    if isinstance(result, Ambiguous):
        pair = (result.best.intent, result.runner_up.intent)
        return [did_you_mean(services.pack, pair, turn.lang)]
    return SKIP
