"""What understanding one message comes to: an intent, an ambiguity between two, a vague
pointer at several topics, or nothing; and the threshold and margin deciding between them."""

from __future__ import annotations

from dataclasses import dataclass

# --- every tuning knob of the decision, in one place -----------------------------------
THRESHOLD = 40.0  # below this the message is out of scope
MARGIN = 5.0  # the runner-up this close to the best -> ask "did you mean A or B?"
# Changing what marketing someone gets without being asked is worse than asking again:
# these intents need more evidence.
STRICT_THRESHOLDS: dict[str, float] = {"unsubscribe": 45.0, "resubscribe": 45.0}


@dataclass(frozen=True)
class IntentMatch:
    intent: str
    score: float  # 0-100
    lang: str
    # A second question asked in the same message (another clause), answered after this one.
    also: str = ""


@dataclass(frozen=True)
class Ambiguous:
    best: IntentMatch
    runner_up: IntentMatch
    lang: str


@dataclass(frozen=True)
class NoMatch:
    lang: str
    score: float  # the best score seen, 0-100 (useful for logs and tuning)


@dataclass(frozen=True)
class Vague:
    """One or two words that point at several topics ("podatki", "data"): the bot asks
    "did you mean ..." with these, likeliest first."""

    options: tuple[str, ...]
    lang: str


Understanding = IntentMatch | Ambiguous | NoMatch | Vague


def decide(ranked: list[tuple[str, float]], lang: str) -> Understanding:
    """Apply threshold and margin to (intent, score) pairs sorted best first."""
    if not ranked:
        return NoMatch(lang=lang, score=0.0)
    (first, top), (second, next_) = ranked[0], ranked[1] if len(ranked) > 1 else ("", 0.0)
    if top < STRICT_THRESHOLDS.get(first, THRESHOLD):
        return NoMatch(lang=lang, score=round(top, 1))
    best = IntentMatch(first, round(top, 1), lang)
    if second and top - next_ < MARGIN and next_ >= STRICT_THRESHOLDS.get(second, THRESHOLD):
        return Ambiguous(best=best, runner_up=IntentMatch(second, round(next_, 1), lang), lang=lang)
    return best
