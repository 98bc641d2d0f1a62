"""The guard of `human_agent`, which hands the thread to the staff at once, without a
question, so it is read only where a person is asked for:

- "am I talking to a human or a bot?" asks what the bot is (`bot_identity`);
- "I changed my operator and my number" names a phone network, not a person;
- "I talked to a person at the store and they were rude" tells of a talk that happened:
  a talking verb in the past, and no wish ("rad bi se pogovoril" is a wish).
"""

from __future__ import annotations

from intents.guard import _stems, any_stem
from intents.index import LanguageIndex

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

BOT_WORDS = _stems(_BOT_WORDS)
CARRIERS = _stems(_CARRIERS)
PHONE = _stems(_PHONE)
OR = {lang: frozenset(words) for lang, words in _stems(_OR).items()}
TALKED = {lang: frozenset(words) for lang, words in _stems(_TALKED).items()}
WISH = {lang: frozenset(words) for lang, words in _stems(_WISH).items()}


def may_hand_over(
    index: LanguageIndex, words: list[str], covered: list[set[int]], intent: int
) -> bool:
    """Whether `words` can ask for a person (see the module docstring)."""
    lang = index.lang
    if any_stem(words, CARRIERS, lang) and any_stem(words, PHONE, lang):
        return False
    # The first word is left out: Slovene "ali" also opens any question ("ali lahko govorim s
    # človekom, ne z botom?" asks for a person).
    either = bool(OR.get(lang, frozenset()) & set(words[1:]))
    if either and any_stem(words, BOT_WORDS, lang):
        return False
    told = TALKED.get(lang, frozenset()) & set(words)
    return not told or bool(WISH.get(lang, frozenset()) & set(words))
