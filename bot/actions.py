"""Intents that are requests to do something: each starts its flow instead of an answer."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from bot.answers import answer
from bot.dispatcher import Turn
from bot.replies import Reply
from bot.routers.consent import withdraw
from bot.routers.rights import access, erase, export, object_processing, rectify
from bot.subscription import start_marketing, stop_marketing

Action = Callable[[Turn], Awaitable[list[Reply]]]

ACTIONS: dict[str, Action] = {
    "unsubscribe": stop_marketing,
    "resubscribe": start_marketing,
    "withdraw_consent": withdraw,
    "access": access,
    "export": export,
    "rectify": rectify,
    "erase": erase,
    "object_processing": object_processing,
}


async def respond_to_intent(turn: Turn, intent: str) -> list[Reply]:
    """What the bot does for an intent, whether typed or tapped."""
    action = ACTIONS.get(intent)
    if action is not None:
        return await action(turn)
    return answer(turn.services.pack, intent, turn.lang)
