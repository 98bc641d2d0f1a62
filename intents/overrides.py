"""What plain rules say over the matcher's scores (`Matcher.classify` asks after scoring).

- Under the threshold, the one topic whose own keyword the message holds, when it also
  speaks of data (`keyed_guess`).
- A cited rights article, a question about held data that asks to see it, a child of a
  given age, and a request said in plain words (`plain_rule`; intents/articles.py,
  intents/seeing.py, intents/minors.py, intents/requests.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from intents.articles import cited_intent
from intents.minors import names_a_minor
from intents.privacy_words import names_data, speaks_of_privacy
from intents.requests import Cue, requested
from intents.results import Ambiguous, IntentMatch, Understanding, Vague
from intents.scoring import keyword_cover
from intents.seeing import REQUEST, asks_to_see
from intents.taxonomy import ACTION_INTENTS

if TYPE_CHECKING:
    from intents.matcher import Matcher

# A message under the threshold is still understood when its best intent is the only one
# of the two best whose keyword it contains and it scores at least this.
KEYED_MIN = 30.0
# Not for intents that act without asking or change subscriptions: they keep the threshold.
UNGUESSED = frozenset({"human_agent", "unsubscribe", "resubscribe"})
# Intents a guess needs no word for personal data for ("this bot is useless").
UNPRIVATE = frozenset({"frustration"})
SUBSCRIPTION = frozenset({"unsubscribe", "resubscribe"})


def keyed_guess(
    matcher: Matcher, text: str, ranked: list[tuple[str, float]], lang: str
) -> IntentMatch | None:
    """Under the threshold, the best intent still, when one of its own keywords is in
    the message, the runner-up's are not, and it is not far under (see KEYED_MIN)."""
    if len(ranked) < 2 or ranked[0][1] < KEYED_MIN or ranked[0][0] in UNGUESSED:
        return None
    # "cookie recipe", "show me the way to the cinema": a keyword alone, off the subject.
    if ranked[0][0] not in UNPRIVATE and not speaks_of_privacy(text):
        return None
    index = matcher.index(lang)
    if index is None:
        return None
    words = matcher.words(text, lang)
    cover = keyword_cover(index, words)
    keyed = set().union(*cover)
    first, second = (index.intents.index(name) for name, _ in ranked[:2])
    if first not in keyed or second in keyed:
        return None
    # "remove my car from the tow list": an act needs more than its own verb about data.
    rest = [word for word, keys in zip(words, cover, strict=True) if first not in keys]
    if ranked[0][0] in ACTION_INTENTS and not names_data(rest):
        return None
    return IntentMatch(ranked[0][0], round(ranked[0][1], 1), lang)


def plain_rule(matcher: Matcher, text: str, result: Understanding, lang: str) -> str | None:
    """What a plain rule says `text` is, over the scores: one cited rights article
    (intents/articles.py), a question about held data that asks to see it
    (intents/seeing.py), or a child of a given age unless something is asked for
    (intents/minors.py)."""
    cited = cited_intent(text)
    if cited in matcher.pack.intents:
        return cited
    words = matcher.words(text, lang)  # once: both rules below read them
    index = matcher.index(lang)
    if index is not None and asks_to_see(index, words, result):
        return REQUEST
    # A child's own subscription is no change to this person's: "may my 15-year-old
    # daughter sign up for your newsletter?" asks about minors.
    acts = isinstance(result, IntentMatch) and result.intent in ACTION_INTENTS - SUBSCRIPTION
    if not acts and "children" in matcher.pack.intents and names_a_minor(text, lang):
        return "children"
    return _plainly_requested(matcher, text, words, result, lang)


def _plainly_requested(
    matcher: Matcher, text: str, words: list[str], result: Understanding, lang: str
) -> str | None:
    """A request said in plain words (intents/requests.py) over the question beside it,
    nothing, or a tie that offers either; a question understood as another stays."""
    if isinstance(result, Vague):
        return None
    # As written, else as meant ("kako popravim svoj emal naslv"; "heard" is no slip of "hear").
    cue = requested(words, lang) or _requested_as_meant(matcher, words, lang)
    if cue is None or cue.intent not in matcher.pack.intents:
        return None
    if isinstance(result, Ambiguous):
        offered = {result.best.intent, result.runner_up.intent}
        if cue.intent not in offered and result.best.intent not in cue.over:
            return None
    elif isinstance(result, IntentMatch) and result.intent not in cue.over:
        return None
    if not cue.guarded:
        return cue.intent
    _, refused = matcher.rank_and_refused(text, lang)
    return None if cue.intent in refused else cue.intent


def _requested_as_meant(matcher: Matcher, words: list[str], lang: str) -> Cue | None:
    index = matcher.index(lang)
    meant = [index.spelled(word) for word in words] if index is not None else words
    return requested(meant, lang) if meant != words else None
