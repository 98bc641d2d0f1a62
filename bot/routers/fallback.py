"""Last router: whatever no one else took gets a friendly menu, never a guess, and a next
step: a person from the staff for what the bot does not cover; a message about personal
data or a right also gets the offer to pass it to the privacy staff."""

from __future__ import annotations

from bot.answers import answer, menu
from bot.constants import LIKE_STICKERS
from bot.pipeline.dispatcher import Outcome, Turn
from bot.pipeline.replies import Reply
from bot.routers.safety_net import offer_pass, topics_or_person
from bot.texts import text
from bot.texts.words import yes_or_no
from intents.privacy_words import speaks_of_privacy


async def fallback(turn: Turn) -> Outcome:
    pack = turn.services.pack
    message = turn.event.message
    liked = message is not None and str(message.sticker_id or "") in LIKE_STICKERS
    if liked or yes_or_no(turn.event.text) is not None:
        # A like, or a "ja" / "no" with no question open: a nod, not an off-topic question.
        return answer(pack, "acknowledge", turn.lang)
    if message is not None and message.attachments and not message.text:
        return [Reply(text("attachment", turn.lang)), menu(pack, turn.lang)]
    if speaks_of_privacy(turn.event.text):
        # A request in free words is still a request: never a dead end (safety_net.py).
        return [await offer_pass(turn, menu(pack, turn.lang, "not_understood_privacy"))]
    if turn.first_contact:
        return [menu(pack, turn.lang)]
    # Out of scope ("when do you open?"): a person from the staff can answer it here.
    return [topics_or_person(turn, "not_understood")]
