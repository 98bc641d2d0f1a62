"""The open question stays in view, and only an answer to it while it is current counts.

After a turn, two things happen here (bot.pipeline.handler calls both):
- `put_again`: when a decision is still open (a consent question, "delete everything?", a
  correction's field, value or yes) and the turn's last reply is not that question, the
  question is put again, with its quick replies, after the bot has answered what was asked;
  unless that answer is a choice of its own ("did you mean", the menu): its quick replies
  would vanish under the question's.
- `remember_question`: the flow records the Send API's message id of its question while
  that question is the bot's last message to the person, and forgets it as soon as
  anything else is said; a typed yes / no decides only while it is there.
"""

from __future__ import annotations

from dataclasses import replace

from bot.consent.flow import ask, next_purpose, still_open
from bot.pipeline.dispatcher import Turn
from bot.pipeline.flows import (
    ConsentFlow,
    EraseFlow,
    Flow,
    ObjectFlow,
    PassStaffFlow,
    RectifyConfirm,
    RectifyField,
    RectifyValue,
    SubscriptionFlow,
    parse_flow,
)
from bot.pipeline.replies import Reply
from bot.routers import rectify
from bot.routers.actions import confirm_subscription_change
from bot.routers.objection import objection_question
from bot.routers.rights import erase_question

_ASKING_KINDS = frozenset({"message", "postback"})


async def _flow(turn: Turn) -> Flow | None:
    services = turn.services
    return parse_flow(await services.redis.get(services.keys.flow(turn.psid)))


async def put_again(turn: Turn, router: str, replies: list[Reply]) -> list[Reply]:
    """`replies`, followed by the open question when they do not end with it. STOP and
    START (the `compliance` router) stay confirmed in one line."""
    quiet = turn.breach or turn.event.standby or router == "compliance"
    if quiet or turn.event.kind not in _ASKING_KINDS:
        return replies
    if not replies or replies[-1].asks or replies[-1].ends_turn:
        # Quick replies go with the last message only: a question put after "Did you
        # mean ...?" would take its choices away. It is put again at the next turn.
        return replies
    rights_version = turn.services.pack.pack.rights_version
    if turn.flow is None and next_purpose(turn.user, rights_version) is None:
        return replies  # nothing was open as the turn began (the common case: no reads)
    user = await turn.services.store.load(turn.psid)
    if not user.exists:
        return replies  # erased in this turn: nothing is open any more
    opened_now = not isinstance(turn.flow, PassStaffFlow)
    turn = replace(turn, user=user, flow=await _flow(turn), lang=user.language or turn.lang)
    if isinstance(turn.flow, PassStaffFlow) and opened_now:
        return replies  # "Pass to the staff?" was just offered: its buttons are the question
    question = await _question(turn)
    return replies if question is None else [*replies, question]


async def _question(turn: Turn) -> Reply | None:
    flow = turn.flow
    if isinstance(flow, ConsentFlow):
        return await _consent_again(turn, flow)
    if isinstance(flow, EraseFlow):
        return erase_question(turn)
    if isinstance(flow, SubscriptionFlow):
        return await confirm_subscription_change(turn, flow.intent)
    if isinstance(flow, ObjectFlow):
        return objection_question(turn, flow.purpose)
    if isinstance(flow, RectifyField | RectifyValue | RectifyConfirm):
        return rectify.question(turn, flow)
    purpose = next_purpose(turn.user, turn.services.pack.pack.rights_version)
    return None if purpose is None else await ask(turn, purpose)


async def _consent_again(turn: Turn, flow: ConsentFlow) -> Reply | None:
    """The consent question again, unless the person has since settled it another way (STOP,
    a restriction): then it is closed, so that a later "yes" grants nothing."""
    if still_open(turn.user, flow.purpose, turn.services.pack.pack.rights_version):
        return await ask(turn, flow.purpose)
    await turn.services.store.clear_flow(turn.psid)
    return None


async def remember_question(turn: Turn, last: Reply | None, message_id: str | None) -> None:
    """After the replies went out: the open flow's question is current only if it was the
    last of them (`message_id`: what the Send API answered for that last message)."""
    if last is None:
        return  # nothing said: whatever was current stays current
    if turn.flow is None and not last.asks:
        return  # no flow was open and none was opened (no read needed)
    flow = await _flow(turn)
    if flow is None:
        return
    question = message_id if last.asks else None
    if flow.question != question:
        await turn.services.store.set_flow(
            turn.psid, flow.model_copy(update={"question": question})
        )
