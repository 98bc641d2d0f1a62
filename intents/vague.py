"""One or two words that point at several topics ("podatki", "my data", "glede mojih
podatkov"): the bot asks "did you mean" with the likeliest few, never guesses one."""

from __future__ import annotations

from intents.normalize import fold

VAGUE_MAX_WORDS = 3
VAGUE_OPTIONS = 4
# Words that name "my data" and nothing more precise, per language (folded).
_VAGUE_WORDS = {
    "en": "data information info personal privacy details my own the about please pls regarding "
    "concerning re account profile consent thing things question questions query customer "
    "customers user users and hmm so something i have a got card cards loyalty membership "
    "camera cameras cctv surveillance",
    "sl": "podatki podatke podatkov osebni osebne osebnih moji moje mojih informacije informacija "
    "informacij info meni zasebnost zasebnosti varstvo o prosim glede kaj pa soglasje soglasja "
    "privolitev privolitve profil moj moja mojega mojem vprasanje vprasanja imam eno racun racuna "
    "kartica kartice kartico kartici zvestobe ugodnosti nakupi nakupov nakupih nagradna nagradne "
    "igra igre mail email e-mail e-naslov naslov telefonska telefon stevilka videonadzor "
    "videonadzora kamere kamer posnetki posnetke posnetkov facebook fb btc",
    "bg": "данни данните лични личните лична личната моите мои моята моя информация информацията "
    "инфо поверителност за мен ми моля относно ами съгласие съгласието профил профила акаунт "
    "акаунта моят моето въпрос имам един",
    "ro": "date datele datelor personale personal mele meu mea informatii informatiile informatia "
    "info confidentialitate despre mine va rog referitor la privind legat legatura cu de "
    "consimtamant consimtamantul profil profilul contul intrebare am o",
}
VAGUE_WORDS = {lang: frozenset(fold(words).split()) for lang, words in _VAGUE_WORDS.items()}
# Words that frame a topic without naming one ("regarding my data", "kaj pa moji podatki"):
# they do not make a message longer, like "please".
PLEASE = frozenset(
    fold(
        "please pls prosim моля va rog regarding concerning re about glede kaj pa "
        "относно ами referitor la privind legat legatura cu and hmm so i have a got imam eno "
        "имам един am o"
    ).split()
)
# "What about my data?": an opener that asks about what follows, like "kaj pa".
OPENERS = {"en": ("what", "about")}
# "I have a question": a question announced, no topic named yet. After a hello it is the
# greeting's to answer ("salutare, am o intrebare").
QUESTION = frozenset(
    fold("question questions query vprasanje vprasanja въпрос въпроси intrebare intrebari").split()
)
# What a vague message may mean, likeliest first when the ranking cannot tell.
VAGUE_TOPICS = (
    "data_collected",
    "access",
    "data_use",
    "rights_overview",
    "erase",
    "export",
    "rectify",
    "retention",
    "personal_data_definition",
    "data_sources",
    "third_parties",
    "security",
    "policy_overview",
    "withdraw_consent",
    "legal_basis",
)


def vague_options(
    words: list[str], lang: str, ranked: list[tuple[str, float]], greeted: bool = False
) -> tuple[str, ...]:
    """The likeliest topics when `words` only say "my data" (else empty); "please" does not
    make it longer. `greeted`: a hello came before them."""
    opener = OPENERS.get(lang, ())
    if opener and tuple(words[: len(opener)]) == opener:
        words = words[len(opener) :]
    said = [word for word in words if word not in PLEASE]
    if not said or len(said) > VAGUE_MAX_WORDS or not set(said) <= VAGUE_WORDS.get(lang, set()):
        return ()
    if greeted and set(said) <= QUESTION:
        return ()
    order = [intent for intent, score in ranked if intent in VAGUE_TOPICS and score > 0]
    order += [intent for intent in VAGUE_TOPICS if intent not in order]
    return tuple(order[:VAGUE_OPTIONS])
