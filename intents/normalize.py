"""Text normalisation for matching only; what the person typed is never changed.

Everything that is compared (examples, keywords, queries, compliance words) goes through
the same `fold`, so both sides of a comparison always agree.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Letters that NFKD does not decompose but people type without the stroke. Bulgarian ъ
# meets а: typed in Latin letters both are "a" (intents/transliterate.py).
_EXTRA_FOLDS = str.maketrans({"đ": "d", "ł": "l", "ø": "o", "æ": "ae", "œ": "oe", "ъ": "а"})

# A token is a run of letters; digits, emoji and punctuation separate tokens and never
# score (a phone number or an emoji says nothing about which intent is meant).
_TOKEN = re.compile(r"[^\W\d_]+")
# Any letter repeated: "pleaseeee" -> "please", "stopp" -> "stop". Doubles collapse too,
# on both sides, so "adress" and "address" meet.
_REPEATS = re.compile(r"([^\W\d_])\1+")


def _is_cyrillic(char: str) -> bool:
    return "\u0400" <= char <= "\u04ff"


def _strip_marks(text: str) -> str:
    """Drop diacritics from Latin letters (č->c, ș->s, ă->a); keep Cyrillic letters whole.

    Cyrillic й would otherwise lose its breve and turn into и, a different letter.
    """
    out: list[str] = []
    for char in text:
        if _is_cyrillic(char) or char.isascii():
            out.append(char)
            continue
        base = unicodedata.normalize("NFKD", char)
        out.append("".join(c for c in base if not unicodedata.combining(c)))
    return "".join(out)


@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """Case-fold, strip Latin diacritics, drop punctuation, digits and emoji, fold repeats."""
    folded = _strip_marks(unicodedata.normalize("NFC", text).casefold()).translate(_EXTRA_FOLDS)
    return " ".join(_REPEATS.sub(r"\1", token) for token in _TOKEN.findall(folded))


def tokens(text: str) -> list[str]:
    """The folded words of `text`, in order."""
    return fold(text).split()


def has_cyrillic(text: str) -> bool:
    return any(_is_cyrillic(char) for char in text)
