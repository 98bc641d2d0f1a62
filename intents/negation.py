"""The erase guard: the traps of intents/action_guard.py, an app on one's phone, and an
erasure said as its refusal, which is none: "I don't want my account deleted", "ne bi rad
čisto zbrisal računa", "не искам да изтривате профила ми", "nu vreau să-mi ștergeți contul".

The erase intent is refused when every deleting verb of the message follows a negation with
only wishes, function words, story words or words for one's data between ("not | want my
data | deleted"). "Ne pozabite izbrisati mojih podatkov" (don't forget to delete) still
asks: "forget" is another verb between. Erasure always asks before it acts; this keeps the
bot from offering it to someone who said they do not want it.
"""

from __future__ import annotations

from intents.action_guard import ERASE_DATA, may_erase, names_ones_data_anywhere
from intents.guard import _starts, _stems, any_stem
from intents.index import LanguageIndex
from intents.normalize import fold
from intents.others_guard import WRITER

_DELETING = {
    "en": "delet eras remov remuv wipe",
    "sl": "izbris zbris brisa odstran",
    "bg": "изтри изтрие изтрив премахн заличи",
    "ro": "sterg elimin",
}
_REVOKING = {
    "en": "withdraw withdrew revok",
    "sl": "preklic",
    "bg": "оттегл",
    "ro": "retrag",
}
_WANTING = {
    "en": "want wanna wish need would like asking",
    "sl": "bi rad rada zelim zelel zelela hocem hotel hotela",
    "bg": "искам искал искала бих желая да",
    "ro": "vreau as dori doresc",
}
# Keeping, as said beside a request for something else ("stop analysing my data but keep my
# account"): with no deleting verb, a message that asks to keep asks no erasure. Folded and
# with doubled letters single, as the matcher reads them ("keep" is "kep").
_KEEPING = {
    "en": "kep retain",
    "sl": "obdrz ohran",
    "bg": "запаз",
    "ro": "pastr",
}
# Negations of a verb ("nothing", "nimic" negate no wish: "nu am câștigat nimic. Vă rog să
# ștergeți ..." asks).
_NEGATORS = {
    "en": "no not dont don never wont didn doesn wouldn shouldn",
    "sl": "ne nocem nikoli",
    "bg": "не никога",
    "ro": "nu niciodata",
}
NEGATORS = {lang: frozenset(words.split()) for lang, words in _NEGATORS.items()}
_APPS = {"en": "app", "sl": "aplikacij", "bg": "приложени", "ro": "aplicati"}
APPS = _stems(_APPS)
# "forget it", "never mind", "pozabi, nič": a question dropped, not the right to be
# forgotten; "forget about me", "pozabite me" still ask.
_DISMISSING = {
    "en": "forget it | forget that | forget this | nevermind | never mind | whatever",
    "sl": "pozabi | pozabite | pozabi to | pozabite to | ni vazno | nic | ni treba",
    "bg": "забрави | няма значение | нищо",
    "ro": "las o | lasa | nu conteaza | nimic",
}
DISMISSING = {
    lang: tuple(tuple(fold(phrase).split()) for phrase in phrases.split("|"))
    for lang, phrases in _DISMISSING.items()
}
DELETING = _stems(_DELETING)
REVOKING = _stems(_REVOKING)
WANTING = _stems(_WANTING)
KEEPING = _stems(_KEEPING)
REACH = 4  # words from the negation to the verb ("not want my data deleted")
DISMISSED_UP_TO = 4  # "forget it, never mind"
BARE_WORDS = 2  # a message this short asks to erase only with a word of erasing


def may_delete(
    index: LanguageIndex, words: list[str], covered: list[set[int]], intent: int
) -> bool:
    """Whether `words` can ask to erase one's data: the erase guard, and not refused."""
    if not may_erase(index, words, covered, intent) or _refused(index, words):
        return False
    if _kept(index, words):
        return False  # "... but keep my account"
    if _dismissed(words, index.lang):
        return False  # "forget it, nevermind"
    if len(words) <= BARE_WORDS and not _says_delete(index, words, covered, intent):
        return False  # "whatever": a word of an example, no erasure
    # "how do I delete the app from my phone": an app is deleted by the person, not by us
    # (a correction "in the app" still is one: this is erasure's own trap).
    return not any_stem(words, APPS, index.lang) or names_ones_data_anywhere(words, index.lang)


def _dismissed(words: list[str], lang: str) -> bool:
    """Whether a short message is only a question dropped (see DISMISSING)."""
    if len(words) > DISMISSED_UP_TO or names_ones_data_anywhere(words, lang):
        return False
    if WRITER.get(lang, frozenset()) & set(words):
        return False  # "pozabite me": the right to be forgotten
    phrases = DISMISSING.get(lang, ())
    return any(
        tuple(words[at : at + len(phrase)]) == phrase
        for phrase in phrases
        for at in range(len(words))
    ) and all(any(word in phrase for phrase in phrases) or len(word) <= 2 for word in words)


def _says_delete(
    index: LanguageIndex, words: list[str], covered: list[set[int]], intent: int
) -> bool:
    """A deleting verb, or a word the erase intent's keywords cover ("izbris", "forget")."""
    verbs = DELETING.get(index.lang, ())
    return any(
        intent in keyed or _starts(word, verbs) for word, keyed in zip(words, covered, strict=True)
    )


def _refused(
    index: LanguageIndex, words: list[str], table: dict[str, tuple[str, ...]] = DELETING
) -> bool:
    """Whether every verb of `table` in `words` follows a negation (see the docstring)."""
    verbs = [at for at, word in enumerate(words) if _starts(word, table.get(index.lang, ()))]
    return bool(verbs) and all(_negated(index, words, at) for at in verbs)


def refuses_withdrawing(index: LanguageIndex, words: list[str]) -> bool:
    """Withdrawing said as its refusal: "soglasja ne bom preklical", "I won't withdraw my
    consent, I just want to know what it means"."""
    return _refused(index, words, REVOKING)


def _kept(index: LanguageIndex, words: list[str]) -> bool:
    """Whether the message asks to keep something and to delete nothing: a keeping verb no
    negation governs ("don't keep my data" asks to erase), and no deleting verb."""
    lang = index.lang
    if any(_starts(word, DELETING.get(lang, ())) for word in words):
        return False
    keeping = [at for at, word in enumerate(words) if _starts(word, KEEPING.get(lang, ()))]
    return any(not _negated(index, words, at) for at in keeping)


def _negated(index: LanguageIndex, words: list[str], verb: int) -> bool:
    """Whether a negation governs the verb at `verb` (see the module docstring)."""
    plain = index.stops | index.common
    for start in range(max(0, verb - REACH), verb):
        # "won't" folds to "won t"; a bare "won" is winning ("I won the draw").
        wont = words[start] == "won" and words[start + 1] == "t"
        if words[start] not in NEGATORS.get(index.lang, frozenset()) and not wont:
            continue
        between = words[start + 1 : verb]
        if all(_is_plain(word, plain, index.lang) for word in between):
            return True
    return False


def _is_plain(word: str, plain: frozenset[str], lang: str) -> bool:
    return (
        word in plain
        or len(word) <= 2
        or _starts(word, WANTING.get(lang, ()))
        or _starts(word, ERASE_DATA.get(lang, ()))
    )
