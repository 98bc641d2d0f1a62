"""How people write, brought nearer to how the packs write; for matching only.

Two registers the packs' examples cannot cover word by word:
- formal: a GDPR article cited by number ("15. člen", "čl. 17", "Article 15", "чл. 17",
  "art. 17 din GDPR"). Digits never score, so the number is replaced by the words of the
  right it names, in the message's language;
- colloquial: everyday spellings of common words ("kva", "kok", "mate", "zbrisat", "u",
  "кво") are replaced by the standard word the examples use (intents/colloquial.py).
"""

from __future__ import annotations

import re

from intents.colloquial import COLLOQUIAL
from intents.normalize import fold

# Article number -> the right it grants (GDPR numbering, the same in every language).
_ARTICLES = {
    "7": "withdraw",  # 7(3) only (see article_right): consent may be withdrawn at any time
    "15": "access",
    "16": "rectify",
    "17": "erase",
    "18": "restrict",
    "20": "export",
    "21": "object",
    "77": "complaint",
}

# The words a pack's examples use for each right, per language.
_RIGHT_WORDS: dict[str, dict[str, str]] = {
    "withdraw": {
        "en": "withdraw my consent",
        "sl": "preklic privolitve",
        "bg": "оттегляне на съгласието",
        "ro": "retragerea consimtamantului",
    },
    "access": {
        "en": "see my data",
        "sl": "vpogled v moje podatke",
        "bg": "достъп до моите данни",
        "ro": "acces la datele mele",
    },
    "rectify": {
        "en": "correct my data",
        "sl": "popravek mojih podatkov",
        "bg": "поправка на данните",
        "ro": "corectarea datelor mele",
    },
    "erase": {
        "en": "delete my data",
        "sl": "izbris mojih podatkov",
        "bg": "изтриване на данните",
        "ro": "stergerea datelor mele",
    },
    "restrict": {
        "en": "restrict processing of my data",
        "sl": "omejitev obdelave podatkov",
        "bg": "ограничаване на обработването",
        "ro": "restrictionarea prelucrarii",
    },
    "export": {
        "en": "copy of my data to download",
        "sl": "kopija mojih podatkov za prenos",
        "bg": "копие на данните",
        "ro": "copie a datelor mele",
    },
    "object": {
        "en": "object to processing of my data",
        "sl": "ugovor obdelavi podatkov",
        "bg": "възражение срещу обработването",
        "ro": "opozitie la prelucrare",
    },
    "complaint": {
        "en": "complaint to the supervisory authority",
        "sl": "pritozba pri informacijskem pooblascencu",
        "bg": "жалба до комисията",
        "ro": "plangere la autoritate",
    },
}

# "Article 15", "art. 17", "čl. 17", "член 17", "articolul 17", and "15. člen(a|u|om)".
_ARTICLE_REF = re.compile(
    r"\b(?:articles?|articolul(?:ui)?|articol|art|člen[a-z]*|clen[a-z]*|čl|cl|член[а-я]*|чл)"
    r"\.?\s*(\d{1,2})\b|\b(\d{1,2})\.\s*(?:člen[a-z]*|clen[a-z]*|čl|cl)\b",
    re.IGNORECASE,
)

# Words of the formal register that name no topic: dropped like courtesy. Once an article
# is cited, the regulation's own name says nothing more (it would pull to `legal_basis`).
_FORMAL: dict[str, str] = {
    "en": "hereby herewith pursuant accordance kindly concerning regarding",
    "sl": "skladno sklicujoc pozivam prosim evidenc obvescam obvescamo dopisom razpolozljive "
    "razpolozljivih vljudno",
    "bg": "настоящото съгласно моля долуподписаният долуподписаната",
    "ro": "prezenta prin conform solicit precizati furnizati indicati prezentei subsemnatul "
    "subsemnata respectuos",
}
# Words that frame a question without naming its topic ("I'm wondering exactly what ...",
# "me sploh zanima", "oare cumva") and words of degree ("popolnoma", "напълно", "complet"):
# unknown to the packs, each would weigh like a topic word the pack lacks and pull a clear
# question under the threshold. Dropped like courtesy. ("čisto" stays: "ne vem čisto kako
# to deluje" then read as a request for help.)
_FRAMING: dict[str, str] = {
    "en": "wondering wonder whether exactly actually really just curious basically simply "
    "anyway perhaps maybe possibly currently love wish hoping find yesterday recently lately "
    "completely totally absolutely utterly entirely",
    "sl": "tocno pravzaprav res ravno mogoce morda trenutno zelel zelela zeleli vceraj nedavno "
    "popolnoma povsem totalno",
    "bg": "точно всъщност изобщо просто наистина искал искала напълно съвсем изцяло абсолютно",
    "ro": "oare cumva exact chiar tocmai doar practic caruia careia carora dori ieri recent "
    "complet total absolut",
}
# "na podlagi 15. člena GDPR": the basis is the article's, not a question of legal basis.
_REGULATION = (
    "gdpr ouvp orzd орзд регламента регламент regulation regulamentul uredbe uredba uredbo "
    "podlagi temelju основание temeiul baza"
)
# A formal request ("zahtevam", "ugovarjam", "I request", "solicit") that names the GDPR
# cites it; it does not ask about the legal basis, as with an article number.
REQUEST_VERBS = frozenset(
    fold(
        "request requesting demand zahtevam zahtevamo pozivam изисквам настоявам solicit solicitam "
        "ugovarjam ugovarjamo preklicujem preklicem"
    ).split()
)
FORMAL = {
    lang: frozenset(fold(f"{words} {_FRAMING.get(lang, '')}").split())
    for lang, words in _FORMAL.items()
}
REGULATION = frozenset(fold(_REGULATION).split())


# Article 7 is about consent in general; its paragraph 3 grants withdrawal: "7(3)", "7 (3)".
_PARAGRAPH_3 = re.compile(r"\s*\(\s*3\s*\)")


def article_right(match: re.Match[str]) -> str | None:
    """The right a matched article citation names, or None."""
    number = match.group(1) or match.group(2) or ""
    if number == "7" and not _PARAGRAPH_3.match(match.string, match.end()):
        return None
    return _ARTICLES.get(number)


def _article_words(match: re.Match[str], lang: str) -> str:
    right = article_right(match)
    if right is None:
        return match.group(0)
    return f" {_RIGHT_WORDS[right].get(lang, _RIGHT_WORDS[right]['en'])} "


def expand_articles(text: str, lang: str) -> str:
    """Cited GDPR articles replaced by the words of the right they grant."""
    return _ARTICLE_REF.sub(lambda match: _article_words(match, lang), text)


def standardise(text: str, lang: str) -> str:
    """The message folded, articles named, colloquial words in their standard form."""
    table = COLLOQUIAL.get(lang, {})
    expanded = expand_articles(text, lang)
    dropped = FORMAL.get(lang, frozenset())
    folded = fold(expanded).split()
    if _ARTICLE_REF.search(text) or expanded != text or REQUEST_VERBS & set(folded):
        dropped |= REGULATION
    words = [table.get(word, word) for word in folded if word not in dropped]
    return " ".join(word for word in words if word).strip()
