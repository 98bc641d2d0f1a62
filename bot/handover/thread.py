"""Who holds a person's thread, and the thread-control calls that change it.

Meta decides who holds a thread; the bot keeps its own view per person (`Keys.thread`, erased
with them) so that it knows to stay silent, when the inbox went idle, and whom to tell that
the bot is back. Absent means the bot holds the thread.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from bot.constants import PAGE_INBOX_APP_ID
from bot.errors import GraphError, GraphPermanent
from bot.pipeline.replies import Reply
from bot.texts import text

if TYPE_CHECKING:
    from bot.services import Services

log = logging.getLogger("privacybot.handover")
INBOX = "inbox"


@dataclass(frozen=True, slots=True)
class Held:
    """The Page Inbox holds the thread: since when, who asked, the last word in it (ms)."""

    since_ms: int
    last_ms: int
    by: str


def now_ms() -> int:
    return int(time.time() * 1000)


async def held(services: Services, psid: str) -> Held | None:
    raw = cast(dict[str, str], await services.redis.hgetall(services.keys.thread(psid)))
    if raw.get("holder") != INBOX:
        return None
    return Held(int(raw.get("since", 0)), int(raw.get("last", 0)), raw.get("by", ""))


async def mark_inbox(services: Services, psid: str, *, by: str, at_ms: int) -> None:
    fields = {"holder": INBOX, "since": str(at_ms), "last": str(at_ms), "by": by}
    await services.redis.hset(services.keys.thread(psid), mapping=cast(Any, fields))


async def note_activity(services: Services, psid: str, at_ms: int) -> None:
    """A word in the thread while the inbox holds it (the person's or the staff's)."""
    key = services.keys.thread(psid)
    if await services.redis.hget(key, "holder") == INBOX:
        await services.redis.hset(key, "last", str(at_ms))


async def mark_bot(services: Services, psid: str) -> bool:
    """The bot holds the thread again; True if the inbox held it until now."""
    return bool(await services.redis.delete(services.keys.thread(psid)))


def is_idle(state: Held, at_ms: int, idle_s: float) -> bool:
    return at_ms - state.last_ms >= idle_s * 1000


async def person_lang(services: Services, psid: str) -> str:
    user = await services.store.load(psid)
    lang = user.language or services.pack.default_language
    return lang if lang in services.pack.languages else services.pack.default_language


async def hand_to_inbox(services: Services, psid: str, lang: str, *, by: str) -> bool:
    """Tell the person, then pass the thread to the Page Inbox (once passed, the bot can no
    longer write to them: Meta refuses with 2018300). False if Meta refused the pass, and
    the person is told that no one could be reached this way."""
    if await held(services, psid) is not None:
        return True
    await tell(services, psid, Reply(text("handover_passing", lang)))
    try:
        await services.graph.pass_thread_control(psid, PAGE_INBOX_APP_ID, metadata=f"by {by}")
    except GraphError as error:
        log.warning("pass_thread_control refused code=%s", error.label)
        await tell(services, psid, Reply(text("handover_failed", lang)))
        return False
    await mark_inbox(services, psid, by=by, at_ms=now_ms())
    return True


async def take_back(services: Services, psid: str, *, reason: str) -> bool:
    """The bot takes the thread back from the inbox (idle); the person is told by the caller."""
    try:
        await services.graph.take_thread_control(psid, metadata=reason)
    except GraphError as error:
        log.warning("take_thread_control refused code=%s", error.label)
        return False
    await mark_bot(services, psid)
    return True


def back_reply(lang: str) -> Reply:
    return Reply(text("handover_back", lang))


async def tell(services: Services, psid: str, reply: Reply) -> None:
    """A notice about the thread itself, sent at once (not with the turn's replies)."""
    try:
        await services.graph.send(psid, reply.message())
    except GraphPermanent as error:  # outside the window, blocked: the pass still goes on
        log.warning("handover notice undeliverable code=%s", error.label)
