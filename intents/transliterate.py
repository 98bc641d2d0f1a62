"""Bulgarian typed in Latin letters (common on phones), read back into Cyrillic.

The streamlined system (sht, zh, ch, yu, ya, ts, a for ъ) and the phone habits beside it
(iu / ia, q for я, 4 for ч, 6 for ш, w for в, x for х, c for ц, i for й after a vowel:
"iztriite", "imeil", "dai"). One spelling is lost:
"a" for ъ becomes а, which `fold` treats alike (intents/normalize.py), so "kade" still
meets "къде".
"""

from __future__ import annotations

import re

from intents.normalize import has_cyrillic

# Longest first: "sht" before "sh", "dzh" before "dz" and "zh".
_MULTI = (
    ("sht", "щ"),
    ("dzh", "дж"),
    ("zh", "ж"),
    ("ch", "ч"),
    ("sh", "ш"),
    ("ts", "ц"),
    ("yu", "ю"),
    ("iu", "ю"),
    ("ju", "ю"),
    ("ya", "я"),
    ("ia", "я"),
    ("ja", "я"),
    ("yo", "ьо"),
)
_SINGLE = dict(
    zip(
        "abvgdezijklmnoprstufhcyqwx",
        "абвгдезийклмнопрстуфхцйявх",
        strict=True,
    )
)
_PHONE_DIGITS = {"4": "ч", "6": "ш"}
_VOWELS_CYR = frozenset("аеиоуъюя")
_VOWELS_LAT = frozenset("aeiouy")
_LATIN_WORD = re.compile(r"[a-z0-9]+")


def _word(latin: str) -> str:
    if latin.isdigit():
        return latin  # a number, not phone letters
    out: list[str] = []
    i = 0
    while i < len(latin):
        for source, target in _MULTI:
            if latin.startswith(source, i):
                out.append(target)
                i += len(source)
                break
        else:
            out.append(_letter(latin, i, out))
            i += 1
    return "".join(out)


def _letter(latin: str, i: int, out: list[str]) -> str:
    """One Latin letter in Cyrillic. Phones have no й: "i" after a vowel and before a
    consonant or the word's end is one ("iztriite" изтрийте, "imeil" имейл, "moi" мой)."""
    char = latin[i]
    after_vowel = bool(out) and out[-1][-1:] in _VOWELS_CYR
    before_consonant = i + 1 == len(latin) or latin[i + 1] not in _VOWELS_LAT
    if char == "i" and after_vowel and before_consonant:
        return "й"
    return _SINGLE.get(char) or _PHONE_DIGITS.get(char, char)


def to_cyrillic(text: str) -> str:
    """Latin-letter Bulgarian in Cyrillic; text already in Cyrillic is returned as it is."""
    if has_cyrillic(text):
        return text
    return _LATIN_WORD.sub(lambda match: _word(match.group(0)), text.lower())


def is_latin(text: str) -> bool:
    """Latin letters and no Cyrillic: a candidate for transliteration."""
    return not has_cyrillic(text) and any("a" <= char <= "z" for char in text.lower())
