"""What the matcher precomputes per pack language: stems, weights and postings.

A word's weight is how unevenly it is spread over the intents' examples: "moje" appears
in most intents and says little, "piskot" appears in one and says almost everything. Words the
pack has never seen count against a match (they carry meaning the pack does not cover),
which is what lets "where is the bus stop" fall out of scope; words only the policy or
the answers use count against it less.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from intents.common_words import common_words, false_friends
from intents.language import negations, stop_words
from intents.normalize import fold
from intents.typos import FUZZY_MIN_LENGTH, meant_word, one_slip

STEM_LENGTH = 5  # podatki/podatke/podatkov -> "podat"; delete/deleting -> "delet"
UNKNOWN_WEIGHT = 7.0  # an unseen content word: twice as telling as the rarest pack word
DOMAIN_WEIGHT = 1.0  # unseen in examples, but the pack's policy or answers use the word
# A common word no example uses ("still", "lani", "вчера"; intents/common_words.py) tells a
# story: it names no topic even where the policy uses it, and a clause made of such words
# is the story, not the question. Measured on the labelled sets and on 21 long lines written
# after them: as a function word (0.2) long messages lost 4 of 217; 2 and 4 were best.
COMMON_WEIGHT = 2.0
UNKNOWN_STOP_WEIGHT = 0.2  # an unseen function word ("the", "je") hardly matters
SHORT_UNKNOWN_WEIGHT = 0.5  # one- and two-letter unknowns: mostly noise or typos
PSEUDO_COUNT = 0.3  # smoothing of a word's vote, in examples
KEYWORD_HEAD = 3  # keywords are looked up by up to this many first letters


def stem(token: str) -> str:
    return token[:STEM_LENGTH]


@dataclass(frozen=True)
class Keyword:
    intent: int
    words: tuple[str, ...]  # folded; the last one is a prefix ("hran" matches "hranite")


@dataclass
class LanguageIndex:
    lang: str
    intents: tuple[str, ...]
    example_intent: list[int] = field(default_factory=list)
    example_norm: list[float] = field(default_factory=list)
    example_sorted: list[str] = field(default_factory=list)
    postings: dict[str, list[tuple[int, float]]] = field(default_factory=dict)
    weight: dict[str, float] = field(default_factory=dict)
    share: dict[str, list[tuple[int, float]]] = field(default_factory=dict)
    keywords: list[Keyword] = field(default_factory=list)
    vocabulary: list[str] = field(default_factory=list)
    stops: frozenset[str] = frozenset()
    nots: frozenset[str] = frozenset()  # negations: no slip lands on one
    common: frozenset[str] = frozenset()  # story words, weighed as stops when unknown
    false: frozenset[str] = frozenset()  # words not read as their stem (common_words.py)
    domain: frozenset[str] = frozenset()  # stems of the pack's own texts in this language
    keyword_heads: dict[str, list[Keyword]] = field(default_factory=dict)
    _resolved: dict[str, str | None] = field(default_factory=dict)
    # A misspelt word and the word it was read as, for the keywords ("cookiws": "cookies").
    _respelled: dict[str, str] = field(default_factory=dict)

    def resolve(self, token: str) -> str | None:
        """The known stem a query word stands for (typos included), or None."""
        cached = self._resolved.get(token, "")
        if cached != "":
            return cached
        known = stem(token) in self.weight and token not in self.false
        found: str | None = stem(token) if known else None
        # An everyday word is no typo of a pack word ("vrnem" is not "varnem").
        everyday = token in self.stops or token in self.common
        meant = (
            None
            if found or everyday
            else meant_word(token, self._knows, self.vocabulary, self.nots)
        )
        found = found or (stem(meant) if meant else None)
        if len(self._resolved) > 50_000:  # bounded: arbitrary input must not grow memory
            self._resolved.clear()
            self._respelled.clear()
        self._resolved[token] = found
        if meant and one_slip(token, meant):
            self._respelled[token] = meant
        return found

    def _knows(self, word: str) -> bool:
        return stem(word) in self.weight

    def spelled(self, token: str) -> str:
        """The word `token` was read as (itself unless it is a typo of a pack word)."""
        self.resolve(token)
        return self._respelled.get(token, token)

    def keywords_for(self, token: str) -> list[Keyword]:
        """Keywords whose first word could be a prefix of `token` (by its first letters)."""
        found: list[Keyword] = []
        for size in range(1, min(KEYWORD_HEAD, len(token)) + 1):
            found.extend(self.keyword_heads.get(token[:size], ()))
        return found

    def rarity(self, intents: int) -> float:
        """Weight of a word used by `intents` of the intents (inverse intent frequency)."""
        return math.log((len(self.intents) + 1) / (intents + 0.5))

    def unknown_weight(self, token: str) -> float:
        if token in self.stops:
            return UNKNOWN_STOP_WEIGHT
        if token in self.common:  # before the domain: the policy saying "years" is no topic
            return COMMON_WEIGHT
        if len(token) > 2 and stem(token) in self.domain:
            return DOMAIN_WEIGHT
        return SHORT_UNKNOWN_WEIGHT if len(token) <= 2 else UNKNOWN_WEIGHT


def _informativeness(counts: dict[int, int], n_intents: int) -> tuple[float, dict[int, float]]:
    """How much a word tells (log N minus the entropy of where it occurs) and its
    smoothed vote. One pseudo-example spread over all intents keeps a word seen in a
    single example from deciding on its own."""
    seen = sum(counts.values()) + PSEUDO_COUNT
    base = PSEUDO_COUNT / n_intents / seen
    votes = {intent: count / seen + base for intent, count in counts.items()}
    unseen = n_intents - len(votes)
    entropy = -sum(p * math.log(p) for p in votes.values()) - unseen * base * math.log(base)
    return max(math.log(n_intents) - entropy, 0.0), votes


def _intent_frequency(
    examples: list[tuple[int, list[str]]], n_intents: int
) -> tuple[dict[str, float], dict[str, list[tuple[int, float]]]]:
    """Each stem's weight and how its vote splits among the intents using it."""
    per_intent: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for intent, words in examples:
        for word in set(words):
            per_intent[word][intent] += 1
    weight: dict[str, float] = {}
    share: dict[str, list[tuple[int, float]]] = {}
    for word, counts in per_intent.items():
        weight[word], votes = _informativeness(counts, n_intents)
        share[word] = list(votes.items())
    return weight, share


def _add_keyword(index: LanguageIndex, intent: int, keyword: str) -> None:
    words = tuple(fold(keyword).split())
    # Numbers never score, so "под 18" would shrink to the bare prefix "под" and match
    # "подизпълнители"; such a keyword is left out rather than weakened.
    if not words or any(char.isdigit() for char in keyword):
        return
    entry = Keyword(intent, words)
    index.keywords.append(entry)
    index.keyword_heads.setdefault(words[0][:KEYWORD_HEAD], []).append(entry)


def build_index(
    lang: str,
    intents: tuple[str, ...],
    examples: dict[str, tuple[str, ...]],
    keywords: dict[str, tuple[str, ...]],
    domain: Iterable[str] = (),
) -> LanguageIndex:
    """Index one language of a pack: `examples` and `keywords` are per intent id,
    `domain` the pack's other texts in that language (policy, answers)."""
    index = LanguageIndex(
        lang=lang,
        intents=intents,
        stops=stop_words(lang),
        nots=negations(lang),
        common=common_words(lang),
        false=false_friends(lang),
    )
    index.domain = frozenset(stem(word) for text in domain for word in fold(text).split())
    stemmed: list[tuple[int, list[str]]] = []
    vocabulary: set[str] = set()
    for number, intent in enumerate(intents):
        for phrase in examples.get(intent, ()):
            words = fold(phrase).split()
            vocabulary.update(word for word in words if len(word) >= FUZZY_MIN_LENGTH)
            stemmed.append((number, [stem(word) for word in words]))
            index.example_sorted.append(" ".join(sorted(words)))
        for keyword in keywords.get(intent, ()):
            _add_keyword(index, number, keyword)
    index.weight, index.share = _intent_frequency(stemmed, len(intents))
    for number, (owner, words) in enumerate(stemmed):
        unique = set(words)
        index.example_intent.append(owner)
        norm = math.sqrt(sum(index.weight[w] ** 2 for w in unique))
        index.example_norm.append(max(norm, 1e-9))  # an example of only weightless words
        for word in unique:
            index.postings.setdefault(word, []).append((number, index.weight[word]))
    index.vocabulary = sorted(vocabulary)
    return index
