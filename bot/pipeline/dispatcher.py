"""The dispatcher: routers in one fixed, visible order; the first that answers wins.

A router is a plain async function `(Turn) -> list[Reply] | Skip`. `SKIP` is the explicit
"not mine"; an empty list means "handled, nothing to say" (receipts, echoes).
A Turn is frozen: the language is decided before dispatch, and a router that changes what
it knows (a reloaded person, a switched language) goes on with `dataclasses.replace`.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Final

from bot.pipeline.events import MessagingEvent
from bot.pipeline.flows import Flow
from bot.pipeline.replies import Reply
from bot.store import UserRecord

if TYPE_CHECKING:
    from bot.services import Services

log = logging.getLogger("privacybot.dispatcher")


class Skip:
    """The explicit value a router returns for an event that is not its business."""

    def __repr__(self) -> str:
        return "SKIP"


SKIP: Final = Skip()
Outcome = list[Reply] | Skip


@dataclass(frozen=True)
class Turn:
    """One event being handled, with what the routers need to know about its person."""

    event: MessagingEvent
    services: Services
    user: UserRecord
    lang: str
    first_contact: bool = False
    breach: bool = False
    # The person's open flow as the turn began (routers that change it return right after).
    flow: Flow | None = None

    @property
    def psid(self) -> str:
        return self.event.psid

    @property
    def payload(self) -> str | None:
        """The payload of a tapped postback button or quick reply, if any."""
        event = self.event
        if event.postback is not None:
            return event.postback.payload
        if event.message is not None and event.message.quick_reply is not None:
            return event.message.quick_reply.payload
        return None

    @property
    def evidence(self) -> str:
        """The Messenger id of what the person sent: the evidence for a decision."""
        event = self.event
        mid = (event.message.mid if event.message else None) or (
            event.postback.mid if event.postback else None
        )
        return mid or f"{event.kind}@{event.timestamp}"

    async def reload(self) -> Turn:
        """This turn with the person as stored now (after the router changed them)."""
        return replace(self, user=await self.services.store.load(self.psid))


Router = Callable[[Turn], Awaitable[Outcome]]


class Dispatcher:
    def __init__(self, routers: Sequence[tuple[str, Router]]) -> None:
        self.routers = tuple(routers)

    async def dispatch(self, turn: Turn) -> tuple[str, list[Reply]]:
        """The name of the router that took the event and its replies."""
        for name, router in self.routers:
            outcome = await router(turn)
            if not isinstance(outcome, Skip):
                return name, outcome
        raise LookupError("no router took the event; the fallback router must be last")
