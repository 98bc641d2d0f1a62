"""'What's happening with my request?': the person's open requests, each with its status and
the date its answer is due, read from the store (not from a policy: no section to name)."""

from __future__ import annotations

from bot.answers import pack_lang, topic_buttons
from bot.pipeline.dispatcher import Turn
from bot.pipeline.replies import Reply
from bot.rights.access import open_requests_text
from bot.rights.dsar import OPEN_STATES
from bot.rights.operations import requests
from bot.routers.safety_net import human_button
from bot.texts import text

NOTHING_OPEN = ("access", "erase")  # what is asked for most, to make the request now


async def my_requests(turn: Turn) -> list[Reply]:
    """The open requests and what happens next; a person can be asked in either case."""
    lang = pack_lang(turn.services.pack, turn.lang)
    records = await requests(turn.services).for_person(turn.psid)
    waiting = any(record.status in OPEN_STATES for record in records)
    listed = open_requests_text(records, lang)
    if waiting:
        after = Reply(text("requests_next", lang), (human_button(turn),), ends_turn=True)
    else:
        # "Have you deleted my data yet?" with nothing open here (asked by e-mail, or never
        # recorded): the request can be made now.
        asks = topic_buttons(turn.services.pack, NOTHING_OPEN, lang)
        after = Reply(text("requests_none_next", lang), (*asks, human_button(turn)), ends_turn=True)
    return [Reply(listed), after]
