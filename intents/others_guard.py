"""Acts told of someone else: "my friend unsubscribed and still gets your messages, is that
normal?", "soseda je preklicala soglasje", "sestra je zahtevala izbris, ali je to res tako
enostavno?" tell a story; the bot can act only for the person writing, who asks nothing.

A message that names another person (a friend, a wife, "she") and has no word of the
writer as the one acting or asking ("I", "me", "please", "želim", "odjavite me", "моите
данни") changes nothing: no erasure, subscription change, withdrawal or objection. "My wife
and I want to unsubscribe", "moj mož se je odjavil, odjavite še mene" still act (and ask
back first, as always).
"""

from __future__ import annotations

from intents.normalize import fold

# Whole words: "son" is no stem of "some", "he" none of "hello".
_OTHERS = {
    "en": "friend friends wife husband partner girlfriend boyfriend sister brother mother mom "
    "mum father dad son daughter colleague coworker neighbour neighbor boss cousin aunt "
    "uncle grandma grandmother grandpa grandfather grandson granddaughter roommate "
    "flatmate she he",
    "sl": "prijatelj prijateljica prijateljice zena moz partner partnerka punca fant sestra "
    "brat mama mati oce ati sin hci hcerka sodelavec sodelavka kolega kolegica sosed "
    "soseda sef babica dedek teta stric cimer cimra ona on",
    "bg": "приятел приятелка приятелката приятелят съпруга съпругата съпруг съпругът мъж "
    "мъжът жена жената сестра брат майка баща син дъщеря колега колежка съсед "
    "съседка шеф баба дядо тя той",
    "ro": "prieten prietena prietenul prietenei sotia sotul sot sora fratele mama tata fiul "
    "fiica colegul colega vecinul vecina seful bunica bunicul ea el",
}
# The writer acting or asking. Not the possessives that go with another person ("my", "moja",
# "ми", "mea"): "my friend" is still someone else.
_WRITER = {
    "en": "i im ive id ill me myself we us our mine please pls plz",
    "sl": "jaz mene me meni mi sem sva smo nas nam moje moji mojih mojim mojo prosim prosimo "
    "zelim zelimo hocem hocemo rad rada",
    "bg": "аз мен ме мене ние нас моите моля искам искаме бих",
    "ro": "eu ma mie mi noi ne nostru noastre vreau vrem doresc dorim rog as",
}
# The intents that change something for the writer.
ACTING = frozenset({"erase", "unsubscribe", "resubscribe", "withdraw_consent", "object_processing"})
OTHERS = {lang: frozenset(fold(words).split()) for lang, words in _OTHERS.items()}
WRITER = {lang: frozenset(fold(words).split()) for lang, words in _WRITER.items()}


def told_of_another(words: list[str], lang: str) -> bool:
    """Whether folded `words` tell of someone else and not of the writer (see above)."""
    said = set(words)
    return bool(said & OTHERS.get(lang, frozenset())) and not said & WRITER.get(lang, frozenset())
