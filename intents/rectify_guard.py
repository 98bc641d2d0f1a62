"""The guard of `rectify`: correcting one's own data, not fixing a thing.

"kje lahko popravim kolo" (where can I fix my bike), "can you fix my order": the verb of
correcting about something the pack does not know and no word for one's data or a detail
is no request to correct. The erase guard's traps apply too ("change my review", "cancel
my order"). A bare "popravite prosim" still counts: the bot asks what to correct.
"""

from __future__ import annotations

from intents.action_guard import may_erase
from intents.guard import _stems, any_stem
from intents.index import LanguageIndex

SHORT = 2  # one- and two-letter words name nothing
# A long message tells a story around the request in words the pack does not know: only a
# short one is judged by its unknown words.
JUDGED_UP_TO = 6
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
OWN = _stems(_OWN)


def may_rectify(
    index: LanguageIndex, words: list[str], covered: list[set[int]], intent: int
) -> bool:
    """Whether `words` can ask to correct one's data (see the module docstring)."""
    if not may_erase(index, words, covered, intent):
        return False
    if len(words) > JUDGED_UP_TO or any_stem(words, OWN, index.lang):
        return True
    return all(_known(index, word) for word in words)


def _known(index: LanguageIndex, word: str) -> bool:
    """A word the pack knows, a function or story word, or too short to name a thing."""
    return (
        len(word) <= SHORT
        or word in index.stops
        or word in index.common
        or index.resolve(word) is not None
    )
