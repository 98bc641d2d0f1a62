"""The person's open conversation flow (`<p>:user:{psid}:flow`), one frozen model per flow.

Stored as JSON with a TTL by `Store.set_flow`; the JSON is exactly what the earlier `dict`
code wrote (the same keys in the same order), so a flow stored before still reads.
The name picks the flow, and a rectify flow's step picks its stage.
"""

from __future__ import annotations

import logging
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from bot.consent.receipts import Purpose

log = logging.getLogger("privacybot.flows")


class _Flow(BaseModel):
    # Unknown keys are ignored: a flow written by a newer version still reads here.
    model_config = ConfigDict(frozen=True, extra="ignore")

    # The Send API's `message_id` of the bot's question while it is still the last thing
    # the bot said to the person; None once anything else was said after it. Only an
    # answer to a current question decides anything (bot.pipeline.handler keeps it).
    question: str | None = None


class ConsentFlow(_Flow):
    """A consent question is open: a typed yes / no answers it."""

    name: Literal["consent"] = "consent"
    purpose: Purpose


class EraseFlow(_Flow):
    """ "Delete everything?" was asked: only a yes or a no may follow."""

    name: Literal["erase"] = "erase"
    # The request as typed, sealed, when it also names records kept outside the chat (a
    # loyalty card, purchases): at the yes that part goes to the staff in these words.
    words: str = ""


class ObjectFlow(_Flow):
    """ "Shall I restrict the use of your data?" was asked of an objection typed in free
    words: nothing is restricted until a yes."""

    name: Literal["object"] = "object"
    purpose: str = ""  # what the objection named ("marketing", "profiling"; "" = all)
    words: str = ""  # the objection as typed, sealed: it goes on the request at the yes


class SubscriptionFlow(_Flow):
    """ "Stop promotional messages?" (or start them again) was asked of a request typed in
    free words: a typed yes / no answers it, like its buttons."""

    name: Literal["subscription"] = "subscription"
    intent: Literal["unsubscribe", "resubscribe"]


class RectifyField(_Flow):
    """Which field to correct was asked."""

    name: Literal["rectify"] = "rectify"
    step: Literal["field"] = "field"


class RectifyValue(_Flow):
    """The new value of `field` was asked."""

    name: Literal["rectify"] = "rectify"
    step: Literal["value"] = "value"
    field: str


class RectifyConfirm(_Flow):
    """The new value, sealed (it is typed personal data), waits for a yes."""

    name: Literal["rectify"] = "rectify"
    step: Literal["confirm"] = "confirm"
    field: str
    value: str


class PassStaffFlow(_Flow):
    """A message not understood that speaks of privacy: the person's words, sealed (typed
    personal data), wait for "Pass to the staff" (bot/routers/safety_net.py)."""

    name: Literal["pass_staff"] = "pass_staff"
    words: str
    # What the staff get: a question, or an erasure of part of the data ("only my number").
    kind: Literal["question", "erase"] = "question"


RectifyFlow = Annotated[RectifyField | RectifyValue | RectifyConfirm, Field(discriminator="step")]
Flow = Annotated[
    ConsentFlow | EraseFlow | ObjectFlow | SubscriptionFlow | RectifyFlow | PassStaffFlow,
    Field(discriminator="name"),
]
_FLOW: TypeAdapter[Flow] = TypeAdapter(Flow)


def parse_flow(raw: str | bytes | None) -> Flow | None:
    """The stored flow, or None when there is none or it cannot be read (then the person
    is simply not in a flow; what they type next is understood afresh)."""
    if not raw:
        return None
    try:
        return _FLOW.validate_json(raw)
    except ValidationError:
        log.warning("unreadable open flow ignored")
        return None
