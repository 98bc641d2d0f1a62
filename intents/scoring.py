"""Per-intent evidence for one message in one language, each part in 0..1.

- share:    how much of the message's information points at the intent: each word
            weighted by how telling it is, its vote split among the intents whose
            examples use it, and mostly given to an intent whose keyword stem covers it;
- nearest:  cosine of the message to the intent's closest example (same weights);
- chars:    rapidfuzz ratio to the closest example, words sorted (catches typos and
            word order the stems miss).
Unknown words stay in every denominator, so a message that is mostly about something
else scores low everywhere.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from intents.index import LanguageIndex

CHAR_CANDIDATES = 12  # closest examples by characters that are looked at
SHORT_KEYWORD = 2  # keyword words this short match only whole words
KEYWORD_SHARE = 0.6  # a curated keyword outvotes the examples' word statistics
TINY = 1e-9
# A long message mostly tells a story around its question ("I bought a fridge from you last
# year, ..."): its unknown words are the story, not another topic. From LONG_FROM words on,
# when a curated keyword names a topic, its unknown words together weigh as STORY_WORDS
# would (measured on the labelled sets: long messages 160 -> 174 of 217 understood, one
# more short off-topic line of 270 taken in: a keyword and a story of six words).
LONG_FROM = 8
STORY_WORDS = 2


@dataclass(frozen=True)
class Evidence:
    share: list[float]
    nearest: list[float]
    chars: list[float]
    covered: list[set[int]]  # per message word: the intents one of whose keywords covers it


def _fits(token: str, part: str) -> bool:
    """A keyword word is a stem ("hran" fits "hranite"); one of two letters must be whole
    ("hi" is not "hiring")."""
    return token == part if len(part) <= SHORT_KEYWORD else token.startswith(part)


def keyword_cover(index: LanguageIndex, words: list[str]) -> list[set[int]]:
    """Per message word, the intents one of whose keywords covers it."""
    covered: list[set[int]] = [set() for _ in words]
    _cover(index, words, covered)
    respelled = [index.spelled(word) for word in words]  # "cookiws" is "cookies"
    if respelled != words:
        _cover(index, respelled, covered)
    return covered


def _cover(index: LanguageIndex, words: list[str], covered: list[set[int]]) -> None:
    for start, word in enumerate(words):
        for keyword in index.keywords_for(word):
            span = len(keyword.words)
            window = words[start : start + span]
            if len(window) == span and all(
                _fits(token, part) for token, part in zip(window, keyword.words, strict=True)
            ):
                for position in range(start, start + span):
                    covered[position].add(keyword.intent)


def keyed_intents(index: LanguageIndex, words: list[str]) -> set[int]:
    """The intents one of whose keywords `words` contain."""
    return set().union(*keyword_cover(index, words))


def _votes(
    index: LanguageIndex, word: str, found: str | None, keyed: set[int], story: float
) -> tuple[float, list[tuple[int, float]]]:
    """One word's weight and how it splits its vote among the intents."""
    by_examples = index.share[found] if found else []
    by_keywords = [(intent, 1.0 / len(keyed)) for intent in keyed]
    if found:
        weight = index.weight[found]
    elif keyed:
        weight = index.rarity(len(keyed))
    else:
        weight = index.unknown_weight(word) * story
    if by_examples and by_keywords:
        mixed = [(i, (1 - KEYWORD_SHARE) * p) for i, p in by_examples]
        return weight, mixed + [(i, KEYWORD_SHARE * p) for i, p in by_keywords]
    return weight, by_examples or by_keywords


def _story(words: list[str], covered: list[set[int]]) -> float:
    """How much an unknown word weighs here, 0..1 (see LONG_FROM)."""
    if len(words) < LONG_FROM or not any(covered):
        return 1.0
    return STORY_WORDS / len(words)


def _weigh(
    index: LanguageIndex, words: list[str], covered: list[set[int]]
) -> tuple[dict[str, float], list[float], list[float]]:
    """Known stems with weights, each word's weight, and the words' votes per intent."""
    known: dict[str, float] = {}
    weights: list[float] = []
    share = [0.0] * len(index.intents)
    story = _story(words, covered)
    for word, keyed in zip(words, covered, strict=True):
        found = index.resolve(word)
        weight, votes = _votes(index, word, found, keyed, story)
        if found:
            known[found] = weight
        weights.append(weight)
        for intent, part in votes:
            share[intent] += weight * part
    return known, weights, share


def _nearest(index: LanguageIndex, known: dict[str, float], norm: float) -> list[float]:
    dots: dict[int, float] = {}
    for word, weight in known.items():
        for example, example_weight in index.postings.get(word, ()):
            dots[example] = dots.get(example, 0.0) + weight * example_weight
    scores = [0.0] * len(index.intents)
    for example, dot in dots.items():
        cosine = dot / (norm * index.example_norm[example])
        intent = index.example_intent[example]
        scores[intent] = max(scores[intent], cosine)
    return scores


def _chars(index: LanguageIndex, words: list[str]) -> list[float]:
    scores = [0.0] * len(index.intents)
    query = " ".join(sorted(words))
    for _, score, example in process.extract(
        query, index.example_sorted, scorer=fuzz.ratio, limit=CHAR_CANDIDATES
    ):
        intent = index.example_intent[example]
        scores[intent] = max(scores[intent], score / 100.0)
    return scores


def evidence(index: LanguageIndex, words: list[str]) -> Evidence:
    """All the evidence for `words` (folded tokens, non-empty)."""
    covered = keyword_cover(index, words)
    known, weights, share = _weigh(index, words, covered)
    # A word every intent uses evenly weighs nothing; a message of only such words
    # must still divide safely (and then scores 0 everywhere).
    total = max(sum(weights), TINY)
    norm = max(math.sqrt(sum(weight * weight for weight in weights)), TINY)
    return Evidence(
        share=[score / total for score in share],
        nearest=_nearest(index, known, norm),
        chars=_chars(index, words),
        covered=covered,
    )
