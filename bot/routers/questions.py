"""Questions about the policy: the intent matcher, with "did you mean" when unsure."""

from __future__ import annotations

import re
from dataclasses import replace

from bot.answers import answer, did_you_mean, pack_lang, topic_buttons, understand_turn
from bot.pipeline.dispatcher import SKIP, Outcome, Turn
from bot.pipeline.replies import Reply
from bot.rights.operations import record_request
from bot.rights.sentence import erases_a_part
from bot.routers.actions import respond_to_sentence
from bot.routers.rights import erase
from bot.routers.safety_net import offer_pass, topics_or_person
from bot.texts import text
from bot.texts.dates import human_date
from bot.texts.words import is_puzzled
from intents.matcher import Ambiguous, IntentMatch, Vague
from intents.privacy_words import speaks_of_privacy
from intents.taxonomy import ACTION_INTENTS

# A message this long may hold more points than the two answered (a letter under Art. 15
# with four questions and a request at the end).
LETTER_WORDS = 45
# So may a shorter one that asks this many questions ("kdo je vaša pooblaščena oseba? koliko
# časa hranite podatke? ali delate profiliranje?"): at most two are answered.
LETTER_QUESTIONS = 3
# A story around one question ("Dober dan, ... A mi lahko to pokažete? Lp") is one point:
# the offer read as a brush-off. Only a letter twice as long may hold more without a "?".
ONE_QUESTION_WORDS = 2 * LETTER_WORDS
LETTER_ACCESS = "records held outside the chat, asked in a letter, in the person's own words"
_QUESTION = re.compile(r"[^?\s][^?]*\?")
# Someone who thanks or says goodbye is leaving: an open consent question is not put after
# the answer (it comes back when they write again).
LEAVING = frozenset({"thanks", "goodbye"})


async def questions(turn: Turn) -> Outcome:
    if not turn.event.text.strip():
        return SKIP
    if is_puzzled(turn.event.text):
        # "kaj?", "ne razumem" ask nothing new: the answer before was not clear.
        return [topics_or_person(turn, "puzzled")]
    services = turn.services
    result, turn = understand_turn(turn)
    if isinstance(result, IntentMatch):
        replies = await respond_to_sentence(turn, result.intent)
        if result.intent in LEAVING and replies:  # no question put after a goodbye
            replies[-1] = replace(replies[-1], ends_turn=True)
        if result.also:
            replies += await also_asked(turn, result.also)
        return await letter_kept(turn, replies, asked={result.intent, result.also})
    if isinstance(result, Ambiguous):
        pair = (result.best.intent, result.runner_up.intent)
        return [did_you_mean(services.pack, pair, turn.lang)]
    if isinstance(result, Vague):
        return [did_you_mean(services.pack, result.options, turn.lang)]
    return SKIP


async def also_asked(turn: Turn, intent: str) -> list[Reply]:
    """The second question of a message: answered too when it only asks, offered as a
    quick reply when it would start something (that waits for the person's own tap); one
    detail to delete is offered to the staff, as when asked alone."""
    pack = turn.services.pack
    if intent == "erase" and erases_a_part(turn.event.text):
        return await erase(turn)
    if intent in ACTION_INTENTS:
        lang = pack_lang(pack, turn.lang)
        buttons = topic_buttons(pack, (intent,), lang)
        return [Reply(text("also_asked", lang), buttons, ends_turn=True)]
    return answer(pack, intent, turn.lang)


async def letter_kept(turn: Turn, replies: list[Reply], asked: set[str]) -> list[Reply]:
    """`replies`, and after a long letter about one's data the offer to pass all of it to the
    privacy staff, so that no point beyond the two answered is lost (it stands in for any
    "ask the staff" above it: the whole letter covers that); not when the replies end with a
    question of their own. A letter asking for access is recorded at once (see below)."""
    said = turn.event.text
    asked_count, words = len(_QUESTION.findall(said)), len(said.split())
    long = words >= LETTER_WORDS or asked_count >= LETTER_QUESTIONS
    if not long or not speaks_of_privacy(said):
        return replies
    if replies and replies[-1].asks:
        return replies  # a question of its own is open ("delete everything?")
    lang = pack_lang(turn.services.pack, turn.lang)
    if "access" in asked:
        # A letter under Art. 15 asks for everything held, not only what the chat shows: an
        # open access request for the staff, with the letter's words, on the one-month clock.
        record = await record_request(
            turn.services, turn.psid, "access", done=False, outcome=LETTER_ACCESS, text=said
        )
        due = human_date(record.due, lang)
        return [*replies, Reply(text("access_other_recorded", lang, due=due), ends_turn=True)]
    if asked_count == 1 and words < ONE_QUESTION_WORDS:
        return replies  # one question in a story, answered
    return [*replies, await offer_pass(turn, Reply(text("letter_pass", lang)))]
