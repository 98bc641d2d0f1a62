"""Last router: whatever no one else took gets a friendly menu, never a guess."""

from __future__ import annotations

from bot.answers import menu
from bot.pipeline.dispatcher import Outcome, Turn
from bot.pipeline.replies import Reply
from bot.texts import text


async def fallback(turn: Turn) -> Outcome:
    pack = turn.services.pack
    message = turn.event.message
    if message is not None and message.attachments and not message.text:
        return [Reply(text("attachment", turn.lang)), menu(pack, turn.lang)]
    lead = "menu" if turn.first_contact else "not_understood"
    return [menu(pack, turn.lang, lead)]
