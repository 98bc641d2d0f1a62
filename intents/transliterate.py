"""Bulgarian typed in Latin letters (common on phones), read back into Cyrillic.

The streamlined system (sht, zh, ch, yu, ya, ts, a for ъ) and the phone habits beside it
(iu / ia, q for я, 4 for ч, 6 for ш, w for в, x for х, c for ц, i for й after a vowel:
"iztriite", "imeil", "dai"). One spelling is lost:
"a" for ъ becomes а, which `fold` treats alike (intents/normalize.py), so "kade" still
meets "къде". "j" is ж as phones write it ("moje", "jalba", "durjite"; я and ю are "ia",
"ya", "q", "iu", "yu"). ъ typed as "u" or "y" cannot be told from у and й by letter, so the
words of the packs' topics that have it are listed (`_VARIANTS`: "kude", "suglasie",
"svurzhete"), and so are the phone spellings "st" for щ ("ste", "zastita").
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
    ("ya", "я"),
    ("ia", "я"),
    ("yo", "ьо"),
)
# Phone spellings of words with ъ ("u", "y") or щ ("st"), as "typed=standard", the standard
# in the Latin letters this module reads. A stem ends in "-" and is matched at the start of
# a word ("suglas-" suglasie, suglasna); the rest are whole words ("sus", not "suma").
_VARIANTS_TEXT = """
kude=kade kyde=kade otkude=otkade otkyde=otkade sus=sas sys=sas vuv=vav vyv=vav sum=sam
sym=sam ste=shte zasto=zashto sto=shto oste=oshte nesto=neshto nisto=nishto
suglas-=saglas syglas-=saglas nesuglas-=nesaglas svurz-=svarz svyrz-=svarz svurj-=svarzh
svyrj-=svarzh vupros-=vapros vypros-=vapros durj-=darzh dyrj-=darzh
durzh-=darzh zvun-=zvan zvyn-=zvan subir-=sabir sybir-=sabir suhran-=sahran syhran-=sahran
suobsht-=saobsht syobsht-=saobsht suobst-=saobsht suob6t-=saobsht
zastit-=zashtit posta=poshta postata=poshtata
vuzmoj-=vazmozh vuzmozh-=vazmozh vyzmoj-=vazmozh
nepuln-=nepaln pulnolet-=palnolet dushter-=dashter dyshter-=dashter vurn-=varn vyrn-=varn
vruz-=vraz vryz-=vraz turs-=tars tyrs-=tars izpuln-=izpaln purv-=parv suzd-=sazd syzd-=sazd
sudurzh-=sadarzh sudurj-=sadarzh vuzraz-=vazraz vyzraz-=vazraz
spreete=sprete ciao=chao bye=bai merci=mersi thx=mersi tnx=mersi
"""
# English words that, read as Bulgarian, become one: "tell" folds to "тел" (телефон).
_NOT_BULGARIAN = frozenset(["tell"])
# Names and formats Bulgarians type in Latin letters in Cyrillic text too, as the packs'
# keywords have them ("facebook", "json", "ip адрес"): kept as typed.
_KEEP_LATIN = frozenset(
    {
        "facebook",
        "google",
        "json",
        "gdpr",
        "excel",
        "cookie",
        "cookies",
        "https",
        "analytics",
        "dpo",
        "ip",
        "csv",
        "pdf",
    }
)


def _variants(text: str) -> tuple[dict[str, str], tuple[tuple[str, str], ...]]:
    words: dict[str, str] = {}
    stems: list[tuple[str, str]] = []
    for pair in text.split():
        typed, standard = pair.split("=")
        if typed.endswith("-"):
            stems.append((typed[:-1], standard))
        else:
            words[typed] = standard
    return words, tuple(sorted(stems, key=lambda stem: -len(stem[0])))


_WHOLE_WORDS, _STEMS = _variants(_VARIANTS_TEXT)
_SINGLE = dict(
    zip(
        "abvgdezijklmnoprstufhcyqwx",
        "абвгдезижклмнопрстуфхцйявх",
        strict=True,
    )
)
_PHONE_DIGITS = {"4": "ч", "6": "ш"}
_VOWELS_CYR = frozenset("аеиоуъюя")
_VOWELS_LAT = frozenset("aeiouy")
_LATIN_WORD = re.compile(r"[a-z0-9]+")


def _standard(latin: str) -> str:
    """A phone spelling of `_VARIANTS_TEXT` in its standard Latin letters."""
    if latin in _WHOLE_WORDS:
        return _WHOLE_WORDS[latin]
    for typed, standard in _STEMS:
        if latin.startswith(typed):
            return standard + latin[len(typed) :]
    return latin


def _word(latin: str) -> str:
    if latin.isdigit():
        return latin  # a number, not phone letters
    if latin in _NOT_BULGARIAN:
        return ""
    if latin in _KEEP_LATIN:
        return latin
    latin = _standard(latin)
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
    consonant or the word's end is one ("iztriite" изтрийте, "imeil" имейл, "moi" мой);
    "y" between consonants is ъ ("kakyv" какъв)."""
    char = latin[i]
    after_vowel = bool(out) and out[-1][-1:] in _VOWELS_CYR
    before_consonant = i + 1 == len(latin) or latin[i + 1] not in _VOWELS_LAT
    if char == "i" and after_vowel and before_consonant:
        return "й"
    between_consonants = i + 1 < len(latin) and before_consonant and not after_vowel
    if char == "y" and out and between_consonants and out[-1][-1:].isalpha():
        return "ъ"  # й never follows a consonant: "kakyv", "dylgo" are какъв, дълго
    return _SINGLE.get(char) or _PHONE_DIGITS.get(char, char)


def to_cyrillic(text: str) -> str:
    """Latin-letter Bulgarian in Cyrillic; text already in Cyrillic is returned as it is."""
    if has_cyrillic(text):
        return text
    return _LATIN_WORD.sub(lambda match: _word(match.group(0)), text.lower())


def is_latin(text: str) -> bool:
    """Latin letters and no Cyrillic: a candidate for transliteration."""
    return not has_cyrillic(text) and any("a" <= char <= "z" for char in text.lower())
