"""A child named with an age is a question about minors' data.

"Pozdravljeni, moj sin ima 14 let in je pisal vaši strani ... kaj lahko naredim glede njegovih
podatkov?" is about children to any person, but its other words ("what can I do about his
data") lean towards the rights overview. A child word ("sin", "daughter", "дъщеря", "fiul")
together with an age under 18 ("14 let", "14 year old", "на 13", "are 14 ani") decides it,
unless the message asks for something the bot does (erase, access, ...): "delete my
14-year-old son's data" stays an erasure.
"""

from __future__ import annotations

import re
import unicodedata

from intents.transliterate import is_latin, to_cyrillic

_CHILD = {
    "en": r"son|sons|daughter|daughters|child|children|kid|kids|boy|girl",
    "sl": r"sin|sina|sinu|sinom|hci|hcer\w*|otrok\w*|fant|punca|hcerka",
    "bg": r"син|сина|синът|сина ми|дъщер\w*|дете|детето|внук\w*",
    "ro": r"fiul|fiu|fiica|fiic\w*|copil\w*|baiat\w*|fata",
}
_AGE = r"(?:1[0-7]|[1-9])"  # an age under 18
_AGED = {
    "en": rf"\b{_AGE}\s*-?\s*(?:years?|yrs?|yo)\b|\b(?:is|aged|age)\s+{_AGE}\b",
    "sl": rf"\b{_AGE}\s*-?\s*(?:let\w*|leten|letn\w*)\b|\bima\s+{_AGE}\b",
    "bg": rf"\bна\s+{_AGE}\b|\b{_AGE}\s*-?\s*(?:годин\w*|годишн\w*|г\b)",
    "ro": rf"\b{_AGE}\s+(?:de\s+)?ani\b|\bare\s+{_AGE}\b",
}
CHILD = {lang: re.compile(rf"\b(?:{words})\b") for lang, words in _CHILD.items()}
AGED = {lang: re.compile(pattern) for lang, pattern in _AGED.items()}


def _plain(text: str) -> str:
    """Case-folded, Latin diacritics off, digits kept (the matcher's fold drops them)."""
    decomposed = unicodedata.normalize("NFD", text.casefold())
    kept = "".join(char for char in decomposed if not unicodedata.combining(char))
    return unicodedata.normalize("NFC", kept)


def names_a_minor(text: str, lang: str) -> bool:
    """Whether `text` speaks of a child of an age under 18."""
    if lang == "bg" and is_latin(text):
        text = to_cyrillic(text)
    plain = _plain(text)
    child, aged = CHILD.get(lang), AGED.get(lang)
    return bool(child and aged and child.search(plain) and aged.search(plain))
