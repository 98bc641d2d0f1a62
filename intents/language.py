"""Guess the language of a message among the few a pack speaks.

Cyrillic means Bulgarian (the only Cyrillic language of any pack). Otherwise the
language whose stop words and tell-tale letters fit the message best wins; with no
evidence the caller decides (the matcher then asks its own vocabularies).
"""

from __future__ import annotations

from collections.abc import Sequence

from intents.normalize import fold, has_cyrillic
from intents.transliterate import to_cyrillic

# Folded like everything else (no diacritics, repeated letters collapsed). Greetings and
# thanks are left out on purpose: they are what the `greeting` intent is about.
_STOP_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        fold(
            "the a an is are am was be do does did you your i my me we our us it this that "
            "what which who whom where when why how can could would should will shall to of "
            "in on for from with about and or not no yes please "
            "have has get want need tell know there here any all some"
        ).split()
    ),
    "sl": frozenset(
        fold(
            "je so sem si smo ste in ali pa da ne ja na v za z s iz od do po pri o k "
            "kaj kdo kje kdaj zakaj kako kateri katere katera koliko kam mi me moj moje "
            "moji mojih mojo vi vas vam vasi vase tudi se lahko bi bo bodo ter kot ker "
            "prosim rad rada zelim hocem imate imam "
            "kaksen kaksne kaksni ta to te tega tem teh jih jim njih"
        ).split()
    ),
    "ro": frozenset(
        fold(
            "si sau nu da este sunt e la in din de pe cu pentru ce cine unde cand cum de "
            "ce care cat cate meu mea mele mei vreau doresc puteti poti va vă voi noi "
            "dumneavoastra va rog ma imi mi il o un una ale al "
            "aveti am ati fost fi sa se despre"
        ).split()
    ),
    "bg": frozenset(
        fold(
            "и или не да е са съм си сме сте на в във за с със от до по при към "
            "какво кой коя кое кои къде кога защо как колко моите моя мои моят ми ме "
            "вие вас ви вашите ваш тази този това тези също може мога искам бих ще "
            "моля какви каква какъв дали има имате"
        ).split()
    ),
}

# Greetings and thanks say which language someone speaks even where they say nothing else
# ("hello" as a first message): counted for the guess only, never as stop words.
_GREETINGS: dict[str, frozenset[str]] = {
    "en": frozenset(fold("hello hi hey thanks thank cheers bye goodbye morning evening").split()),
    "sl": frozenset(fold("zivjo zdravo pozdravljeni hvala adijo lp dober jutro vecer").split()),
    "ro": frozenset(fold("buna salut multumesc mersi ziua seara dimineata").split()),
}

LATIN_BG_WEIGHT = 0.9  # a tie with English stays English ("do" is no "до")
# Letters that only one candidate language writes (checked before folding).
_TELL_TALE: dict[str, frozenset[str]] = {
    "sl": frozenset("čšžČŠŽ"),
    "ro": frozenset("ăâîșțşţĂÂÎȘȚŞŢ"),
}


def stop_words(lang: str) -> frozenset[str]:
    return _STOP_WORDS.get(lang, frozenset())


def language_scores(text: str, candidates: Sequence[str]) -> dict[str, float]:
    """Evidence per candidate: stop words found plus tell-tale letters (worth more)."""
    words = fold(text).split()
    scores: dict[str, float] = {}
    for lang in candidates:
        known = _STOP_WORDS.get(lang, frozenset()) | _GREETINGS.get(lang, frozenset())
        hits = sum(1 for word in words if word in known)
        letters = _TELL_TALE.get(lang, frozenset())
        scores[lang] = hits + (2.0 if any(char in letters for char in text) else 0.0)
    return scores


def guess_language(text: str, candidates: Sequence[str]) -> str | None:
    """The best fitting candidate, or None when the evidence does not single one out."""
    if not candidates:
        return None
    if has_cyrillic(text):
        return "bg" if "bg" in candidates else None
    latin = [lang for lang in candidates if lang != "bg"]
    scores = language_scores(text, latin)
    if "bg" in candidates:
        # Bulgarian typed in Latin letters ("a kak da si iztegla dannite"): its function words
        # show once read in Cyrillic; each counts less than a word written as it stands.
        scores["bg"] = LATIN_BG_WEIGHT * language_scores(to_cyrillic(text), ["bg"])["bg"]
    ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)
    if not ranked or ranked[0][1] == 0:
        return None
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return None
    return ranked[0][0]


# Negations, whole words (folded: "don't" is "don" and "t"); the guards read them, and a
# misspelt word is never read as one ("po novem" is no "nocem").
NEGATIONS_TEXT: dict[str, str] = {
    "en": "no not dont don never nothing neither nor",
    "sl": "ne nocem noce nikoli nic",
    "bg": "не никога нищо",
    "ro": "nu niciodata nimic",
}


def negations(lang: str) -> frozenset[str]:
    return frozenset(NEGATIONS_TEXT.get(lang, "").split())
