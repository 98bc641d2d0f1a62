"""Guards of two acts a short message can ask about something else: correcting one's data
(`rectify`) and withdrawing consent (`withdraw_consent`).

"kje lahko popravim kolo" (where can I fix my bike), "can you fix my bike", "I want to
withdraw from the contest", "withdraw my complaint", "I no longer agree with the parking
fees": the act's verb about a thing, with no word for one's data, a detail, or consent,
asks for nothing the bot does. The erase guard's traps apply too ("change my review",
"cancel my order"). A bare "popravite prosim" or "preklicujem" still counts: the bot asks
what. Only a short message is judged by its other words: a long one tells a story around
the request in words the pack does not know.
"""

from __future__ import annotations

from intents.action_guard import BOUGHT, may_erase, may_withdraw
from intents.guard import _stems, any_stem, names_nothing
from intents.index import LanguageIndex
from intents.negation import refuses_withdrawing
from intents.request_words import DETAIL_WORDS

# Words; a longer message tells a story around the request. A correction names its field in
# words the pack knows ("datum rojstva"), so a short one is judged by unknown words only;
# a withdrawal of consent names what it withdraws, so by any other word.
RECTIFY_JUDGED_UP_TO = 6
WITHDRAW_JUDGED_UP_TO = 11
# One's data and personal details.
_OWN = {
    "en": "data info information details personal name surname address email phone number "
    "birth account profile card",
    "sl": "podat osebn informac ime imen priimek priimk naslov mail telefon stevilk rojstn "
    "racun profil kartic",
    "bg": "данн лични информац име фамили адрес имейл телефон номер рожден профил акаунт карт",
    "ro": "date datel personal informat nume prenume adres email telefon numar nastere cont "
    "profil card",
}
# What consent is given to: consent itself, processing, marketing, messages.
_CONSENTED = {
    "en": "consent concent permission agreement data process marketing newslet messag offer ad ads "
    "profil cookie",
    "sl": "sogla privol dovoljenj podat obdel trzen novic sporoc ponudb oglas profil piskot",
    "bg": "съглас разрешени данн обработ маркет бюлетин съобщ оферт реклам профил бисквит",
    "ro": "consimt acord permisiun date datel prelucr marketing newslet mesaj ofert reclam "
    "profil cookie",
}
OWN, CONSENTED = _stems(_OWN), _stems(_CONSENTED)
# A tap gone wrong ("stop, wrong button, I wanted the cinema times", "narobe sem kliknila"):
# the mistake is the person's own click, no record of theirs to correct.
# A wrong tap, or a mind changed ("I changed my mind about the sofa, can I cancel"): nothing
# of one's record to correct.
_MISCLICK = {
    "en": "button click clicked tap tapped pressed mind=",
    "sl": "gumb klik kliknil kliknila pritisnil pritisnila premislil premislila",
    "bg": "бутон натиснах кликнах размислих",
    "ro": "buton apasat click razgandit",
}
MISCLICK = _stems(_MISCLICK)
# The details of a record one corrects (intents/request_words.py): named, they are what is
# fixed, even beside a trap word ("my surname is spelled wrong in your messages").
FIELDS = _stems(DETAIL_WORDS)


def may_rectify(
    index: LanguageIndex, words: list[str], covered: list[set[int]], intent: int
) -> bool:
    """Whether `words` can ask to correct one's data (see the module docstring)."""
    if any_stem(words, MISCLICK, index.lang) and not any_stem(words, FIELDS, index.lang):
        return False
    if not may_erase(index, words, covered, intent):
        return any_stem(words, FIELDS, index.lang) and not any_stem(words, BOUGHT, index.lang)
    if len(words) > RECTIFY_JUDGED_UP_TO or any_stem(words, OWN, index.lang):
        return True
    return all(_plain(index, word) or index.resolve(word) is not None for word in words)


def may_withdraw_consent(
    index: LanguageIndex, words: list[str], covered: list[set[int]], intent: int
) -> bool:
    """Whether `words` can withdraw consent (see the module docstring)."""
    if not may_withdraw(index, words, covered, intent) or refuses_withdrawing(index, words):
        return False
    if any_stem(words, CONSENTED, index.lang):
        return True
    if not may_erase(index, words, covered, intent):
        return False  # "I've changed my mind, delete the photo I sent": about the photo
    if len(words) > WITHDRAW_JUDGED_UP_TO:
        return True
    if any_stem(words, OWN, index.lang):
        return True
    # The act and nothing else: its own keyword, or words that name no thing.
    return all(
        intent in keyed or _plain(index, word) for word, keyed in zip(words, covered, strict=True)
    )


def _plain(index: LanguageIndex, word: str) -> bool:
    """A word that names nothing, or one of the story ("still", "lani")."""
    return names_nothing(index, word) or word in index.common
