"""A question about which data is held, asked together with "show me", is a request to see it.

intents.md's taxonomy: `data_collected` is "which data about them is collected or stored" (a
question the policy answers), `access` is "see the data held about them" (an action). "kaj
vse veste o meni, pokaži" and "what's on file about me? show me" ask both; the person wants
to see, so the message is `access`. The words that ask to see are the access intent's own
keywords in the pack ("pokaz", "show", "покаж", "arat").
"""

from __future__ import annotations

from intents.index import LanguageIndex
from intents.results import Ambiguous, IntentMatch, Understanding
from intents.scoring import keyed_intents

QUESTION = "data_collected"
REQUEST = "access"


def asks_to_see(index: LanguageIndex, words: list[str], result: Understanding) -> bool:
    """Whether `result` read a question about held data that also asks to see it."""
    read = {result.best.intent, result.runner_up.intent} if isinstance(result, Ambiguous) else set()
    best = result.best if isinstance(result, Ambiguous) else result
    # A tie of the two ("kje vidim vse, kar ste shranili o meni") is the same question.
    asked = isinstance(best, IntentMatch) and best.intent == QUESTION
    if not asked and read != {QUESTION, REQUEST}:
        return False
    if REQUEST not in index.intents:
        return False
    return index.intents.index(REQUEST) in keyed_intents(index, words)
