"""The matcher: one message -> an intent, an ambiguity between two, or no match.

The bot sees only these result values; rapidfuzz and the index stay in this package.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import replace

from intents.action_guard import may_object, may_share
from intents.everyday import asks_everyday
from intents.guard import may_change_subscription
from intents.handover_guard import may_hand_over
from intents.index import LanguageIndex, build_index
from intents.language import guess_language
from intents.negation import may_delete
from intents.others_guard import ACTING, told_of_another
from intents.overrides import keyed_guess, plain_rule
from intents.pack import Pack, PackError, available_packs, load_pack
from intents.reading import closer, read
from intents.registers import standardise
from intents.results import (
    MARGIN,
    STRICT_THRESHOLDS,
    THRESHOLD,
    Ambiguous,
    IntentMatch,
    NoMatch,
    Understanding,
    Vague,
    decide,
)
from intents.scoring import Evidence, evidence
from intents.thing_guard import may_rectify, may_withdraw_consent
from intents.transliterate import is_latin, to_cyrillic

log = logging.getLogger(__name__)

__all__ = [
    "MARGIN",
    "STRICT_THRESHOLDS",
    "THRESHOLD",
    "Ambiguous",
    "IntentMatch",
    "Matcher",
    "NoMatch",
    "Understanding",
    "Vague",
    "decide",
]

# --- the knobs of the scoring (those of the decision: intents/results.py) ----------------
MAX_WORDS = 64  # words of a message that are scored
# How much each kind of evidence counts (see intents/scoring.py).
WEIGHTS = {"share": 1.0, "nearest": 1.0, "chars": 1.0}


Guard = Callable[[LanguageIndex, list[str], list[set[int]], int], bool]
# Intents that change something are considered only when the message asks for them (and
# `third_parties` only when selling is about data, not goods).
GUARDS: dict[str, Guard] = {
    "unsubscribe": may_change_subscription,
    "resubscribe": may_change_subscription,
    "object_processing": may_object,
    "erase": may_delete,
    # "delete the message I sent by mistake", "cancel my order", "anulez programarea": a
    # message, an order or an appointment is no personal record to correct or consent.
    "rectify": may_rectify,
    "withdraw_consent": may_withdraw_consent,
    "third_parties": may_share,
    "human_agent": may_hand_over,
}


def combine(found: Evidence) -> list[float]:
    """One 0-100 score per intent from the weighted evidence."""
    parts = (
        (WEIGHTS["share"], found.share),
        (WEIGHTS["nearest"], found.nearest),
        (WEIGHTS["chars"], found.chars),
    )
    total = sum(weight for weight, _ in parts)
    count = len(found.share)
    return [100.0 * sum(w * values[i] for w, values in parts) / total for i in range(count)]


def companion_packs(pack: Pack) -> list[Pack]:
    """The other packs beside `pack`. Every pack answers the same taxonomy, so their
    example phrasings in a shared language teach this pack's matcher too (measured on the
    labelled set: top-1 before the threshold rose from about 85 % to 92 % with them)."""
    companions: list[Pack] = []
    for name in available_packs(pack.directory):
        if name == pack.id:
            continue
        try:
            companions.append(load_pack(name, pack.directory))
        except PackError as error:
            log.warning("pack %s not used as a companion: %s", name, error)
    return companions


def _examples(pack: Pack, companions: Sequence[Pack], lang: str) -> dict[str, tuple[str, ...]]:
    pooled = {name: spec.examples.get(lang, ()) for name, spec in pack.intents.items()}
    for other in companions:
        for name, spec in other.intents.items():
            if name in pooled:
                pooled[name] += spec.examples.get(lang, ())
    return pooled


def _domain_text(pack: Pack, lang: str) -> list[str]:
    """What the pack itself says in `lang`: its words are about the policy even when no
    example uses them (measured: about one point of in-scope accuracy)."""
    texts = [spec.title.get(lang, "") for spec in pack.intents.values()]
    texts += [message for spec in pack.intents.values() for message in spec.answer.get(lang, ())]
    consent = (pack.consent.profile, pack.consent.marketing)
    texts += [purpose.explain.get(lang, "") for purpose in consent]
    if lang == pack.languages[0]:  # the policy is written in the pack's first language
        try:
            texts.append(pack.policy_text())
        except OSError as error:
            log.warning("pack %s: policy text not read: %s", pack.id, error)
    return texts


class Matcher:
    """Built once per pack; `classify` is then cheap and safe to call from any task.

    `companions` (default: the other packs beside this one) lend their examples.
    """

    def __init__(self, pack: Pack, companions: Sequence[Pack] | None = None) -> None:
        self.pack = pack
        self.languages = pack.languages
        others = companion_packs(pack) if companions is None else companions
        intents = tuple(pack.intents)
        self._indexes: dict[str, LanguageIndex] = {
            lang: build_index(
                lang,
                intents,
                _examples(pack, others, lang),
                {name: spec.keywords.get(lang, ()) for name, spec in pack.intents.items()},
                _domain_text(pack, lang),
            )
            for lang in pack.languages
        }

    def index(self, lang: str) -> LanguageIndex | None:
        """What the matcher precomputed for `lang` (None for a language the pack lacks)."""
        return self._indexes.get(lang)

    def words(self, text: str, lang: str) -> list[str]:
        """The words scored in `lang`: Latin-letter Bulgarian in Cyrillic, cited articles and
        colloquial words in the packs' terms; each once, and of a very long message only its
        start and its end (repeating a word adds no meaning, and a 2000-character paste must
        not cost more than a question; the question of a long letter is mostly at its end:
        "... Now I keep getting these emails. Can you make them stop?" lost its "stop")."""
        if lang == "bg" and is_latin(text):
            text = to_cyrillic(text)
        unique = list(dict.fromkeys(standardise(text, lang).split()))
        if len(unique) <= MAX_WORDS:
            return unique
        return unique[: MAX_WORDS // 2] + unique[-MAX_WORDS // 2 :]

    def rank(
        self, text: str, lang: str, blocked: frozenset[str] = frozenset()
    ) -> list[tuple[str, float]]:
        """Every intent with its score in `lang`, best first (empty if nothing to score).
        `blocked` intents score 0 (their guard refused the whole message)."""
        return self.rank_and_refused(text, lang, blocked)[0]

    def rank_and_refused(
        self, text: str, lang: str, blocked: frozenset[str] = frozenset()
    ) -> tuple[list[tuple[str, float]], frozenset[str]]:
        """`rank`, and the intents whose guard refused this text."""
        words = self.words(text, lang)
        index = self._indexes.get(lang)
        # Lone letters ("k", "v", what "kkkkkk" folds to) name no topic on their own.
        if all(len(word) == 1 for word in words) or index is None:
            return [], frozenset()
        found = evidence(index, words)
        scores = combine(found)
        refused: set[str] = set()
        meant = [index.spelled(word) for word in words]  # a guard reads "objrct" as "object"
        if told_of_another(meant, lang):  # "my friend unsubscribed, is that normal?"
            refused |= ACTING
        for number, intent in enumerate(index.intents):
            guard = GUARDS.get(intent)
            if guard and not guard(index, meant, found.covered, number):
                refused.add(intent)  # "stop" about a bus, "delete the photo": not ours
            if intent in refused or intent in blocked:
                scores[number] = 0.0
        ranked = sorted(zip(index.intents, scores, strict=True), key=lambda p: p[1], reverse=True)
        return ranked, frozenset(refused)

    def _languages_to_try(self, text: str, lang: str | None) -> list[str]:
        guessed = guess_language(text, self.languages)
        if lang in self._indexes:
            # People switch language mid-chat: a clear guess gets its chance too.
            tried = [lang] if guessed in (None, lang) else [lang, guessed]
        else:
            tried = [guessed] if guessed else list(self.languages)
        if "bg" in self._indexes and "bg" not in tried and is_latin(text) and guessed is None:
            # Bulgarian typed in Latin letters, unless the words are plainly another
            # language's: English read as Bulgarian is noise that can outscore it.
            tried.append("bg")
        return tried

    def classify(self, text: str, lang: str | None = None) -> Understanding:
        """Understand one message; `lang` None (or unknown here) -> guessed."""
        tried = self._languages_to_try(text, lang)
        if asks_everyday(text):
            return NoMatch(lang=tried[0], score=0.0)
        best = read(self, text, tried[0])
        for other in tried[1:]:
            reading = read(self, text, other)
            if reading.top > best.top:
                best = reading
        if best.top <= 0.0 and lang not in self._indexes:
            best = replace(best, lang=self.pack.default_language)
        # Clause by clause only in the language the message is written in (costly).
        result = closer(self, best).understanding()
        if isinstance(result, NoMatch):
            result = keyed_guess(self, text, best.ranked, best.lang) or result
        ruled = plain_rule(self, text, result, best.lang)
        if ruled is None or (isinstance(result, IntentMatch) and result.intent == ruled):
            return result
        return IntentMatch(ruled, round(max(THRESHOLD, best.top), 1), best.lang)
