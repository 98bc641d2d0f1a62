"""Intents that are requests to do something: each starts its flow instead of an answer."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import replace

from bot.answers import answer, pack_lang
from bot.consent.flow import policy_url
from bot.consent.subscription import start_marketing, stop_marketing
from bot.pipeline.dispatcher import Turn
from bot.pipeline.flows import ConsentFlow, SubscriptionFlow
from bot.pipeline.replies import INTENT, QuickReply, Reply
from bot.routers.consent import withdraw
from bot.routers.handover import to_a_person
from bot.routers.my_requests import my_requests
from bot.routers.objection import confirm_objection, object_processing
from bot.routers.rectify import rectify
from bot.routers.rights import access, erase, export
from bot.routers.safety_net import offer_pass, person_first
from bot.texts import text

Action = Callable[[Turn], Awaitable[list[Reply]]]
_SALUTATION_MAX = 20  # "Pozdravljeni!", "Здравейте!", "Hi there!": the pack's opening word


async def greet(turn: Turn) -> list[Reply]:
    """The pack's greeting, by first name where the person allowed their profile; only a
    hello when the first-contact greeting is still on screen (its question follows)."""
    if isinstance(turn.flow, ConsentFlow) and turn.flow.question:
        return [Reply(text("hello_again", pack_lang(turn.services.pack, turn.lang)))]
    replies = answer(turn.services.pack, "greeting", turn.lang)
    first_name = (turn.user.profile() or {}).get("first_name")
    if not replies or not first_name or turn.user.consent("profile") != "granted":
        return replies
    opening, mark, rest = replies[0].text.partition("!")
    if not mark or len(opening) > _SALUTATION_MAX:
        return replies
    named = replace(replies[0], text=f"{opening}, {first_name}!{rest}")
    return [named, *replies[1:]]


async def calm(turn: Turn) -> list[Reply]:
    """Frustration or rudeness: a calm answer and the offer of a person (the privacy staff,
    with the person's words, as the safety net does)."""
    replies = answer(turn.services.pack, "frustration", turn.lang)
    if not any(char.isalpha() for char in turn.event.text):
        # "😡" alone: no words to pass to the staff, a person is the offer.
        return [*replies[:-1], person_first(turn, replies[-1])]
    return [*replies[:-1], await offer_pass(turn, replies[-1])]


async def identity(turn: Turn) -> list[Reply]:
    """Who the bot is: its answer offers a person, so "Talk to a person" is there to tap."""
    replies = answer(turn.services.pack, "bot_identity", turn.lang)
    return [*replies[:-1], person_first(turn, replies[-1])]


async def overview(turn: Turn) -> list[Reply]:
    """What the policy is, and where to read all of it: the link, with the answer's topics."""
    replies = answer(turn.services.pack, "policy_overview", turn.lang)
    lang = pack_lang(turn.services.pack, turn.lang)
    link = Reply(text("policy_link", lang, policy_url=policy_url(turn)), replies[-1].quick_replies)
    return [*replies[:-1], replace(replies[-1], quick_replies=()), link]


ACTIONS: dict[str, Action] = {
    "greeting": greet,
    "policy_overview": overview,
    "frustration": calm,
    "bot_identity": identity,
    "unsubscribe": stop_marketing,
    "resubscribe": start_marketing,
    "withdraw_consent": withdraw,
    "access": access,
    "export": export,
    "rectify": rectify,
    "erase": erase,
    "object_processing": object_processing,
    "human_agent": to_a_person,
    "request_status": my_requests,
}

# What promotional messages someone gets changes only on a clear word: a bare STOP / START
# acts at once (the compliance router), a typed sentence the matcher understood as one of
# these is asked back first, because the matcher can be wrong ("odjava od dogodka").
CONFIRM_FIRST = frozenset({"unsubscribe", "resubscribe"})
KEEP_SUBSCRIPTION = "KEEP_SUBSCRIPTION"  # the "No" of that question: nothing changes


async def respond_to_intent(turn: Turn, intent: str) -> list[Reply]:
    """What the bot does for an intent, whether typed or tapped."""
    action = ACTIONS.get(intent)
    if action is not None:
        return await action(turn)
    return answer(turn.services.pack, intent, turn.lang)


async def respond_to_sentence(turn: Turn, intent: str) -> list[Reply]:
    """What the bot does for an intent understood from a typed sentence."""
    if intent == "resubscribe" and turn.user.gets_offers:
        # "am I subscribed now?", "send me offers again" while they come: nothing to change.
        return [Reply(text("subscription_on", pack_lang(turn.services.pack, turn.lang)))]
    if intent in CONFIRM_FIRST:
        return [await confirm_subscription_change(turn, intent)]
    if intent == "object_processing":
        return await confirm_objection(turn)  # restricting acts: asked back first
    return await respond_to_intent(turn, intent)


async def confirm_subscription_change(turn: Turn, intent: str) -> Reply:
    """ "Stop promotional messages? Yes / No": "Yes" taps the intent itself; a typed yes or
    no answers it too while it is the last question (bot.routers.subscription)."""
    flow = SubscriptionFlow(intent="resubscribe" if intent == "resubscribe" else "unsubscribe")
    await turn.services.store.set_flow(turn.psid, flow)
    lang = pack_lang(turn.services.pack, turn.lang)
    buttons = (
        QuickReply(text("yes", lang), INTENT + intent),
        QuickReply(text("no", lang), KEEP_SUBSCRIPTION),
    )
    return Reply(text(f"confirm_{intent}", lang), buttons, asks=True)
