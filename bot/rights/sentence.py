"""A correction typed in one sentence: "moj priimek je Kovač", "my name is Ana", "jezik naj
bo angleščina", "moj priimek ni prav, je Kovac"; or a field alone, "popravi mi ime".

Built from each language's `[rectify]` table (bot/texts/<lang>.words.toml): optional lead
words, an optional verb, the field, optionally "is wrong", then "is" and the value. Only a
sentence of exactly that shape is taken: "ime upravljavca je BTC" is a question, not a
correction."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from bot.texts.catalog import LANGUAGES
from bot.texts.words import phrases
from intents.normalize import fold

_FIELDS = ("first_name", "last_name", "language", "timezone")
_VALUE_WORDS_MAX = 5  # a name, a language, a zone: longer is a sentence, not a value
_TRAILING = ".!?,;:»«\"'“”"


@dataclass(frozen=True)
class Correction:
    field: str
    value: str | None  # None: only the field was named ("popravi mi ime")


class _Words:
    """The message's folded words, each with the index of the typed token it came from."""

    def __init__(self, message: str) -> None:
        self.typed = message.split()
        self.words: list[tuple[str, int]] = [
            (word, index) for index, token in enumerate(self.typed) for word in fold(token).split()
        ]
        self.folded = tuple(word for word, _ in self.words)
        self.at = 0

    def take(self, candidates: tuple[str, ...]) -> str | None:
        """The longest candidate phrase at the current position, consumed; or None."""
        for phrase, parts in _longest_first(candidates):
            if self.folded[self.at : self.at + len(parts)] == parts:
                self.at += len(parts)
                return phrase
        return None

    def skip(self, candidates: tuple[str, ...]) -> None:
        while self.take(candidates) is not None:
            pass

    def rest(self) -> str:
        """What was typed from the current position on, as typed."""
        if self.at >= len(self.words):
            return ""
        return " ".join(self.typed[self.words[self.at][1] :]).strip(_TRAILING + " ")


@functools.cache
def _longest_first(candidates: tuple[str, ...]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Each phrase with its words, longest first (every message of every turn asks)."""
    split = [(phrase, tuple(phrase.split())) for phrase in candidates if phrase.split()]
    return tuple(sorted(split, key=lambda item: -len(item[1])))


def correction(message: str) -> Correction | None:
    """The correction `message` asks for, in any language the bot speaks, or None."""
    words = _Words(message)  # folded once, read from the start in each language
    for lang in LANGUAGES:
        words.at = 0
        found = _in_language(words, lang)
        if found is not None:
            return found
    return None


def _in_language(words: _Words, lang: str) -> Correction | None:
    lead, verbs = phrases(lang, "rectify", "lead"), phrases(lang, "rectify", "verb")
    words.skip(lead)
    verb = words.take(verbs) is not None
    words.skip(lead)
    field = _field(words, lang)
    if field is None:
        return None
    if words.at == len(words.words):
        return Correction(field, None) if verb else None
    words.take(phrases(lang, "rectify", "wrong"))
    if words.take(phrases(lang, "rectify", "is")) is None:
        return None
    value = words.rest()
    if not value or len(value.split()) > _VALUE_WORDS_MAX:
        return None
    return Correction(field, value)


def _field(words: _Words, lang: str) -> str | None:
    by_phrase = _fields_by_phrase(lang)
    taken = words.take(tuple(by_phrase))
    return by_phrase[taken] if taken is not None else None


@functools.cache
def _fields_by_phrase(lang: str) -> dict[str, str]:
    return {p: f for f in _FIELDS for p in phrases(lang, "rectify", f)}


@functools.cache
def _value_words(key: str) -> frozenset[str]:
    """A `[rectify]` word list of every language the bot speaks (`value_yes`, `value_not`)."""
    return frozenset(word for lang in LANGUAGES for word in phrases(lang, "rectify", key))


def typed_value(message: str) -> str | None:
    """What was typed as a field's new value, without a yes before it or what it replaces
    after it; None when it is a question or a sentence (answered as such instead)."""
    typed = message.strip()
    words = typed.strip(_TRAILING + " ").split()
    if not words:
        return typed  # nothing: the field's check says so
    if typed.endswith("?") or len(words) > _VALUE_WORDS_MAX:
        return None
    if len(words) > 1 and fold(words[0].strip(_TRAILING)) in _value_words("value_yes"):
        words = words[1:]
    nots = _value_words("value_not")
    cut = next((at for at, word in enumerate(words) if at and fold(word) in nots), len(words))
    return " ".join(words[:cut]).strip(_TRAILING + " ") or None


def named_fields(message: str) -> set[str]:
    """The fields a message names anywhere ("change my surname, I got married"), in any
    language the bot speaks; a longer name wins ("numele de familie" is the last name)."""
    words = _Words(message)
    named: set[str] = set()
    for lang in LANGUAGES:
        words.at = 0
        while words.at < len(words.folded):
            field = _field(words, lang)
            if field is None:
                words.at += 1
            else:
                named.add(field)
    return named


def names_unkept(message: str) -> bool:
    """Whether a message names a detail the chat does not keep (e-mail, address, phone)."""
    return bool(_unkept_named(message))


def details_named(message: str) -> set[str]:
    """The fields and unkept details a message names ("surname", "telefon"): what a request
    in these words is about."""
    return named_fields(message) | _unkept_named(message)


def _unkept_named(message: str) -> set[str]:
    words = fold(message).split()
    return {stem for stem in _unkept_stems() for word in words if word.startswith(stem)}


@functools.cache
def _unkept_stems() -> frozenset[str]:
    return frozenset(s for lang in LANGUAGES for s in phrases(lang, "rectify", "unkept"))


def erases_a_part(message: str) -> bool:
    """Whether an erasure names one detail rather than everything ("delete my phone number",
    "izbrišite samo moj e-mail"): the chat deletes only all at once, so that is the staff's."""
    folded = f" {fold(message)} "
    for phrase in _erase_words("not_whole"):
        folded = folded.replace(f" {phrase} ", " ")
    words = set(folded.split())
    if not (named_fields(message) or names_unkept(message)):
        return False
    return bool(words & _erase_words("only")) or not words & _erase_words("whole")


@functools.cache
def _erase_words(key: str) -> frozenset[str]:
    return frozenset(word for lang in LANGUAGES for word in phrases(lang, "erase", key))


def names_records_elsewhere(message: str) -> bool:
    """Whether an erasure names records kept outside the chat ("tudi podatke od kartice
    zvestobe", "my purchases"): the chat cannot delete those, the staff can."""
    words = fold(message).split()
    return any(word.startswith(stem) for stem in _erase_words("elsewhere") for word in words)
