"""The guard of `human_agent`, which hands the thread to the staff at once, without a
question, so it is read only where a person is asked for:

- "am I talking to a human or a bot?" asks what the bot is (`bot_identity`);
- "I changed my operator and my number" names a phone network, not a person;
- "I talked to a person at the store and they were rude" tells of a talk that happened:
  a talking verb in the past, and no wish ("rad bi se pogovoril" is a wish);
- a person, or talking to one, is named: a keyword of the intent, or a word for a person
  or for talking ("all the personal info connected to it" read close to "connect me to an
  operator" and handed an erasure over);
- a person of a shop, the cinema or the security desk ("the manager of the shoe shop",
  "someone at the box office") is someone there, not the privacy staff, unless one's data or
  privacy is named;
- "no need for a person", "pogovor z osebo ni potreben", "ne rabim človeka" decline one
  (the thread would have gone to the staff and the bot fallen silent); not when the bot
  is what is declined ("nočem bota, dajte mi človeka").
"""

from __future__ import annotations

from intents.guard import _stems, any_stem
from intents.index import LanguageIndex
from intents.language import NEGATIONS_TEXT
from intents.privacy_words import names_data, speaks_of_privacy
from intents.request_words import PERSON, TALK, said_of

# "human or bot?": a bot word and an "or" ask what one is talking to.
_BOT_WORDS = {
    "en": "bot robot chatbot machine automat",
    "sl": "bot robot klepetalnik avtomat stroj",
    "bg": "бот робот чатбот машина автомат",
    "ro": "bot robot chatbot masina automat",
}
# Not Romanian "ori": in a message it mostly counts times ("de câteva ori", "de 3 ori").
_OR = {"en": "or", "sl": "ali al", "bg": "или", "ro": "sau"}
# "I changed my operator and my number": a phone network, not a person to talk to.
_CARRIERS = {"en": "operator carrier", "sl": "operater", "bg": "оператор", "ro": "operator"}
_PHONE = {
    "en": "number phone sim",
    "sl": "stevilk telefon sim",
    "bg": "номер телефон сим",
    "ro": "numar telefon sim",
}
# Places and their people: a talk asked for there is the shop's, not ours.
_THERE = {
    "en": "shop= shops= store= stores= cinema box= office= security guard cashier till= "
    "reception restaurant cafe parking garage hairdresser gym= pharmacy bank= manager desk= "
    "counter= kiosk hall= entrance job= interview",
    "sl": "trgovin kino kina blagajn varnostnik recepcij restavracij kavarn parkiri vodj "
    "poslovodj frizer lekarn",
    "bg": "магазин кино каса охран рецепци ресторант кафе паркинг управител фризьор аптек",
    "ro": "magazin cinema casier casa paza receptie restaurant cafenea parcar manager frizer "
    "farmaci",
}

# Talking in the past, as whole words; the Slovene and Bulgarian past forms also make the
# conditional ("bi govoril", "бих говорил"), which the wish words then tell apart.
_TALKED = {
    "en": "talked spoke spoken chatted",
    "sl": "govoril govorila govorili pogovarjal pogovarjala pogovoril pogovorila",
    "bg": "говорих говорил говорила говорили разговарях разговарял разговаряла",
    "ro": "vorbit discutat",
}
_WISH = {
    "en": "want wanna need would like please",
    "sl": "bi rad rada zelim hocem prosim",
    "bg": "искам бих би моля",
    "ro": "vreau as doresc rog",
}

# Needing or wanting, declined by a negation just before it ("ni potreben", "don't need").
_NEEDING = {
    "en": "need ned necessary want wanna",
    "sl": "potreb treba rab zelim hocem",
    "bg": "нужд трябва искам",
    "ro": "nevoie necesar vreau",
}
NEGATED_BEFORE = 2  # "no need", "don't really need", "ni potreben"
# Whole words that decline on their own ("nočem osebe").
_DECLINING = {"en": "", "sl": "nocem", "bg": "", "ro": ""}

BOT_WORDS = _stems(_BOT_WORDS)
NEEDING = _stems(_NEEDING)
# The language's negations, and Slovene "ni" ("ni potreben").
NOT_NEEDED = {
    lang: frozenset(words.split()) | ({"ni"} if lang == "sl" else frozenset())
    for lang, words in NEGATIONS_TEXT.items()
}
DECLINING = {lang: frozenset(words) for lang, words in _stems(_DECLINING).items()}
CARRIERS = _stems(_CARRIERS)
PHONE = _stems(_PHONE)
OR = {lang: frozenset(words) for lang, words in _stems(_OR).items()}
THERE = _stems(_THERE)
TALKED = {lang: frozenset(words) for lang, words in _stems(_TALKED).items()}
WISH = {lang: frozenset(words) for lang, words in _stems(_WISH).items()}


def may_hand_over(
    index: LanguageIndex, words: list[str], covered: list[set[int]], intent: int
) -> bool:
    """Whether `words` can ask for a person (see the module docstring)."""
    lang = index.lang
    named = any(intent in keyed for keyed in covered) or said_of(words, PERSON, lang)
    if not named and not said_of(words, TALK, lang):
        return False
    if any_stem(words, CARRIERS, lang) and any_stem(words, PHONE, lang):
        return False
    # The first word is left out: Slovene "ali" also opens any question ("ali lahko govorim s
    # človekom, ne z botom?" asks for a person).
    either = bool(OR.get(lang, frozenset()) & set(words[1:]))
    if either and any_stem(words, BOT_WORDS, lang):
        return False
    bot = any_stem(words, BOT_WORDS, lang)
    if not bot and _declined(words, lang):
        return False
    if any_stem(words, THERE, lang) and not _of_privacy(words) and not bot:
        return False  # "the manager of the shoe shop": someone there
    told = TALKED.get(lang, frozenset()) & set(words)
    return not told or bool(WISH.get(lang, frozenset()) & set(words))


def _of_privacy(words: list[str]) -> bool:
    return names_data(words) or speaks_of_privacy(" ".join(words))


def _declined(words: list[str], lang: str) -> bool:
    """Whether a person is declined (see the module docstring)."""
    if DECLINING.get(lang, frozenset()) & set(words):
        return True
    negations = NOT_NEEDED.get(lang, frozenset())
    return any(
        any_stem([word], NEEDING, lang) and negations & set(words[max(0, at - NEGATED_BEFORE) : at])
        for at, word in enumerate(words)
    )
