"""Small talk that says two things at once ("ok cool cya", "ok hvala", "мерси, чао") is
answered for the one that leads the conversation on, never with "did you mean Thanks or
Goodbye?".

When the best reading is small talk and so is every other within the ambiguity MARGIN of it
(where the bot would ask which was meant), the first of them in PRECEDENCE is the reading:
a question back before the rest, a goodbye ends the talk (its answer thanks too), a thanks
outranks the nod beside it, and a hello comes last. Rudeness (`frustration`) is answered
only when it reads best. Measured on the labelled sets: one line gained ("ok cool cya"),
two read differently ("hoj, a je kdo tu?" greeting -> bot_identity, a fair reading too).
"""

from __future__ import annotations

from intents.results import MARGIN, THRESHOLD

PRECEDENCE = (
    "how_are_you",
    "bot_identity",
    "goodbye",
    "thanks",
    "acknowledge",
    "greeting",
)

Ranked = list[tuple[str, float]]


def small_talk_first(ranked: Ranked) -> Ranked:
    """`ranked` with the leading small talk first and alone above the threshold, when
    everything that passes is small talk (else as it was)."""
    top = ranked[0][1] if ranked else 0.0
    passing = {intent: score for intent, score in ranked if score >= max(THRESHOLD, top - MARGIN)}
    if len(passing) < 2 or not set(passing) <= set(PRECEDENCE):
        return ranked
    lead = next(intent for intent in PRECEDENCE if intent in passing)
    rest = [(intent, score) for intent, score in ranked if intent not in passing]
    return [(lead, top), *rest]
