"""The words the bot's flows understand: a typed yes or no, a correction typed in one
sentence, places named for a time zone. One data table per language, `<lang>.words.toml`
beside the catalogues; everything is compared folded (intents.normalize.fold)."""

from __future__ import annotations

import functools
import re
import tomllib
from importlib import resources
from typing import Final, Literal

from bot.texts.catalog import LANGUAGES
from intents.normalize import fold

YesNo = Literal["yes", "no"]
_LABELS: Final = ("yes", "no", "polite")
_LONGEST_PHRASE = 5  # words; no phrase in the tables is longer


@functools.cache
def table(lang: str) -> dict[str, object]:
    """`<lang>.words.toml` as written."""
    source = resources.files(__package__).joinpath(f"{lang}.words.toml")
    return tomllib.loads(source.read_text(encoding="utf-8"))


def _section(lang: str, name: str) -> dict[str, object]:
    value = table(lang).get(name, {})
    return value if isinstance(value, dict) else {}


def _strings(lang: str, section: str, key: str) -> tuple[str, ...]:
    values = _section(lang, section).get(key, [])
    return tuple(str(v) for v in values) if isinstance(values, list) else ()


@functools.cache
def phrases(lang: str, section: str, key: str) -> tuple[str, ...]:
    """The folded phrases of `section.key` in `lang`'s table (folded once: every message asks)."""
    return tuple(fold(value) for value in _strings(lang, section, key))


@functools.cache
def _answer_words() -> dict[str, str]:
    """Folded phrase -> yes / no / polite, over every language: people answer in the
    language they think of, not the one the bot last spoke. A yes or no wins over polite."""
    labelled: dict[str, str] = {}
    for label in reversed(_LABELS):
        for lang in LANGUAGES:
            labelled.update(dict.fromkeys(phrases(lang, "yes_no", label), label))
    return labelled


def yes_or_no(message: str) -> YesNo | None:
    """ "ja seveda", "ne, hvala", "да, разбира се", "nu, multumesc": the answer they give;
    None when the message is anything else (or says both)."""
    words = fold(message).split()
    labels = _labels(words, _answer_words())
    if labels is None:
        return None
    decided = set(labels) - {"polite"}
    if len(decided) != 1:
        return None
    return "yes" if "yes" in decided else "no"


@functools.cache
def _nod_words() -> dict[str, str]:
    """`_answer_words` with the nods ("ok", "sure", "v redu", "добре", "bine") told apart."""
    nods = {phrase: "nod" for lang in LANGUAGES for phrase in phrases(lang, "yes_no", "unsure")}
    return _answer_words() | nods


def only_acknowledges(message: str) -> bool:
    """Whether `message` is an acknowledgement and courtesy at most ("ok", "ok hvala", "ok
    thanks"): said to the answer before the question as often as to the question, so no
    consent; "ok, lahko" and "sure" are answers."""
    acks, courtesy = _acknowledgements()
    said = f" {' '.join(fold(message).split())} "
    for phrase in courtesy:
        said = said.replace(f" {phrase} ", " ")
    return " ".join(dict.fromkeys(said.split())) in acks


@functools.cache
def _acknowledgements() -> tuple[frozenset[str], tuple[str, ...]]:
    """Every language's acknowledgements, and its polite words that are none, longest
    first (every typed answer to a consent question asks)."""
    acks = frozenset(p for lang in LANGUAGES for p in phrases(lang, "yes_no", "ack"))
    polite = {p for lang in LANGUAGES for p in phrases(lang, "yes_no", "polite")} - acks
    return acks, tuple(sorted(polite, key=len, reverse=True))


def only_nods(message: str) -> bool:
    """Whether `message` is a nod and courtesy at most ("ok thanks", "sure why not", "ok
    hvala"): agreement said in passing, which must not delete everything or restrict
    processing; a "yes" beside it ("yes ok") is a yes."""
    labels = _labels(fold(message).split(), _nod_words())
    return labels is not None and "nod" in labels and set(labels) <= {"nod", "polite"}


def _labels(words: list[str], known: dict[str, str]) -> list[str] | None:
    """The labels of the phrases `words` is made of, longest phrases first; None when a
    word belongs to no phrase."""
    labels: list[str] = []
    at = 0
    while at < len(words):
        for size in range(min(_LONGEST_PHRASE, len(words) - at), 0, -1):
            label = known.get(" ".join(words[at : at + size]))
            if label is not None:
                labels.append(label)
                at += size
                break
        else:
            return None
    return labels


# Said without words: a lone "?", or a face that wonders ("🤔", "😕").
PUZZLED_MARKS = ("?", "🤔", "😕", "🤨", "❓", "❔")


@functools.cache
def _puzzled_words() -> frozenset[str]:
    return frozenset(p for lang in LANGUAGES for p in phrases(lang, "puzzled", "said"))


def is_puzzled(message: str) -> bool:
    """ "kaj?", "what??", "ne razumem", a lone "?": puzzled by what was said, in any language
    (people ask back in the one they think in)."""
    said = " ".join(fold(message).split())
    wondering = not said and any(mark in message for mark in PUZZLED_MARKS)
    return said in _puzzled_words() or wondering


@functools.cache
def _law_start() -> re.Pattern[str]:
    """Where a sentence that speaks for the law begins ("By law (GDPR) ...")."""
    markers = [marker for lang in LANGUAGES for marker in _strings(lang, "law", "markers")]
    alternatives = "|".join(re.escape(m) for m in sorted(markers, key=len, reverse=True))
    return re.compile(rf"(?:^|(?<=[.;!?])\s+)(?:{alternatives})", re.IGNORECASE)


def law_starts(message: str) -> int | None:
    """The index in `message` where what the law says begins, or None."""
    found = _law_start().search(message)
    return None if found is None else found.start()


@functools.cache
def zones() -> dict[str, str]:
    """Folded place name -> IANA zone, from every language's table."""
    places: dict[str, str] = {}
    for lang in LANGUAGES:
        for place, zone in _section(lang, "zones").items():
            places[fold(place)] = str(zone)
    return places
