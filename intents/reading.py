"""Reading one message in one language, as people write: courtesy formulas weigh nothing,
a long message is read whole and clause by clause, up to two questions are found, and one
or two words that point at several topics ("podatki", "data") are called vague.

Intents that act are still decided on the whole message: an intent whose guard refuses
the whole message (intents/guard.py, intents/action_guard.py) is refused in every clause.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from intents.clauses import CONJUNCTIONS, clauses, windows
from intents.language import stop_words
from intents.normalize import fold
from intents.registers import expand_articles
from intents.results import STRICT_THRESHOLDS, THRESHOLD, IntentMatch, Understanding, Vague, decide
from intents.taxonomy import ACTION_INTENTS
from intents.transliterate import is_latin, to_cyrillic

if TYPE_CHECKING:
    from intents.matcher import Matcher

Ranked = list[tuple[str, float]]

# Conversation intents answer a whole message only when it asks nothing else: "Hvala,
# kako dolgo hranite podatke?" is a question about retention.
CONVERSATION = frozenset(
    {"greeting", "thanks", "goodbye", "acknowledge", "how_are_you", "bot_identity", "frustration"}
)
ALSO_MIN = 55.0  # a second question must be understood clearly on its own
# A request and, in another clause, what reads like a lesser one is usually its reason: "I no
# longer use your services and want you to delete my data" asks for erasure (which ends the
# use of the data anyway), even when the request is understood less clearly than the reason;
# the lesser one is still offered as the second choice.
REASONS = {"erase": frozenset({"withdraw_consent", "object_processing"})}
# Stopping and starting the messages in different clauses: the later one is the request, the
# earlier its story ("I unsubscribed by mistake ... can you add me back?", "I don't remember
# signing up ... please take me off the list").
SUBSCRIPTION = frozenset({"unsubscribe", "resubscribe"})
# A part that asks for an act ("I would like all of it deleted please", "I object to ...") is
# the request, and
# a part that only tells ("I suspect you still have my details") its story, however clearly
# the story is understood; the story is offered as the second choice.
_ASKING = {
    "en": "please pls plz would want wanna need kindly object request demand",
    "sl": "prosim prosimo zelim zelimo hocem hocemo rad rada dej daj ugovarjam nasprotujem "
    "zahtevam zahtevamo",
    "bg": "моля искам искаме бихте желая желаем възразявам настоявам изисквам",
    "ro": "vreau doresc dorim rog puteti opun solicit cer",
}
ASKING = {lang: frozenset(fold(words).split()) for lang, words in _ASKING.items()}
VAGUE_MAX_WORDS = 3
KEEP_OPENER_BELOW = 3  # "pozdravljeni vsi": what is left after an opener is the greeting
LONG_WORDS = 8  # shorter messages are one thought, read whole even with a comma
VAGUE_OPTIONS = 4
# A part of a long message with fewer content words than this ("me zanima", "what are they
# for", "can I refuse them") leans on its neighbours: it is read, but it wins only when no
# part that says more was understood.
ALONE_MIN = 3
# A long message whose best reading stays under the threshold is still understood when a
# part of it that says enough alone reads the same, its score is at least AGREE_MIN and the
# runner-up is AGREE_MARGIN behind ("Добър ден, бих искала да знам на кого предавате личните
# ми данни, на някакви партньори ли?": 36.7, its first part 39.7, both third_parties).
# Measured on the labelled sets: long messages +2 of 217, nothing lost. Not for intents that
# act without asking (the hand-over) or change subscriptions: they keep their thresholds.
AGREE_MIN = 33.0
AGREE_MARGIN = 6.0
UNAGREED = frozenset({"human_agent", "unsubscribe", "resubscribe"})
# Words that name "my data" and nothing more precise, per language (folded).
_VAGUE_WORDS = {
    "en": "data information info personal privacy details my own the about please pls regarding "
    "concerning re",
    "sl": "podatki podatke podatkov osebni osebne osebnih moji moje mojih informacije informacija "
    "informacij info meni zasebnost varstvo o prosim glede kaj pa",
    "bg": "данни данните лични личните лична личната моите мои моята моя информация информацията "
    "инфо поверителност за мен ми моля относно ами",
    "ro": "date datele datelor personale personal mele meu mea informatii informatiile informatia "
    "info confidentialitate despre mine va rog referitor la privind legat legatura cu",
}
VAGUE_WORDS = {lang: frozenset(fold(words).split()) for lang, words in _VAGUE_WORDS.items()}
# Words that frame a topic without naming one ("regarding my data", "kaj pa moji podatki"):
# they do not make a message longer, like "please".
PLEASE = frozenset(
    fold(
        "please pls prosim моля va rog regarding concerning re about glede kaj pa "
        "относно ами referitor la privind legat legatura cu"
    ).split()
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
)


@dataclass(frozen=True)
class Reading:
    lang: str
    ranked: Ranked
    also: str = ""
    vague: tuple[str, ...] = field(default=())
    # Set when the message is long enough to be read clause by clause (`closer`).
    parts: tuple[str, ...] = ()
    refused: frozenset[str] = frozenset()

    @property
    def top(self) -> float:
        return self.ranked[0][1] if self.ranked else 0.0

    def understanding(self) -> Understanding:
        if self.vague:
            return Vague(options=self.vague, lang=self.lang)
        result = decide(self.ranked, self.lang)
        if self.also and isinstance(result, IntentMatch):
            return replace(result, also=self.also)
        return result


def _passes(ranked: Ranked) -> bool:
    return bool(ranked) and ranked[0][1] >= STRICT_THRESHOLDS.get(ranked[0][0], THRESHOLD)


def vague_options(words: list[str], lang: str, ranked: Ranked) -> tuple[str, ...]:
    """The likeliest topics when `words` only say "my data" (else empty); "please" does not
    make it longer."""
    said = [word for word in words if word not in PLEASE]
    if not said or len(said) > VAGUE_MAX_WORDS or not set(words) <= VAGUE_WORDS.get(lang, set()):
        return ()
    order = [intent for intent, _ in ranked if intent in VAGUE_TOPICS]
    order += [intent for intent in VAGUE_TOPICS if intent not in order]
    return tuple(order[:VAGUE_OPTIONS])


# ranking, clauses covered, says enough alone, asks for something (ASKING)
Window = tuple[Ranked, frozenset[int], bool, bool]


def _pick(read: list[Window], whole: Ranked, lang: str) -> Reading:
    """The best understood window (a topic over small talk, a part that says enough over a
    fragment), and a second question from clauses it does not cover."""
    passing = [item for item in read if _passes(item[0])]
    topical = [item for item in passing if item[0][0][0] not in CONVERSATION]
    pool = sorted(topical or passing, key=lambda item: (item[2], item[0][0][1]), reverse=True)
    if not pool:
        return Reading(lang, _agreed(read, whole))
    best, cover, _, asks = pool[0]
    request = None if asks or best[0][0] in ACTION_INTENTS else _asked_act(pool, cover)
    request = request or next(
        (
            ranked
            for ranked, other, *_ in pool[1:]
            if not other & cover
            and best[0][0] in REASONS.get(ranked[0][0], ())
            and ranked[0][1] >= ALSO_MIN
        ),
        None,
    )
    request = request or _later_subscription(pool, cover)
    if request is not None:  # "I no longer use your services, delete my data"
        return Reading(lang, request, also=best[0][0])
    also = next(
        (
            ranked[0][0]
            for ranked, other, *_ in pool[1:]
            if ranked[0][0] != best[0][0] and not other & cover and ranked[0][1] >= ALSO_MIN
        ),
        "",
    )
    return Reading(lang, best, also=also)


def _asked_act(pool: list[Window], cover: frozenset[int]) -> Ranked | None:
    """An act asked for in a part the best reading does not cover, when that reading only
    tells (see ASKING)."""
    return next(
        (
            ranked
            for ranked, other, _, asks in pool[1:]
            if asks and not other & cover and ranked[0][0] in ACTION_INTENTS
        ),
        None,
    )


def _later_subscription(pool: list[Window], cover: frozenset[int]) -> Ranked | None:
    """The other subscription change, when the best is one and the other is asked for in a
    later clause (see SUBSCRIPTION)."""
    best = pool[0][0][0][0]
    if best not in SUBSCRIPTION:
        return None
    return next(
        (
            ranked
            for ranked, other, *_ in pool[1:]
            if ranked[0][0] in SUBSCRIPTION - {best} and min(other) > max(cover)
        ),
        None,
    )


def _agreed(read: list[Window], whole: Ranked) -> Ranked:
    """`whole`, its best lifted to the threshold when a part that says enough alone agrees
    on it and nothing else comes close (see AGREE_MIN)."""
    if len(whole) < 2:
        return whole
    (intent, top), (_, second) = whole[0], whole[1]
    if intent in UNAGREED or intent in CONVERSATION:
        return whole
    if top < AGREE_MIN or top - second < AGREE_MARGIN:
        return whole
    agrees = any(
        ranked and ranked[0][0] == intent and alone and len(cover) < len(read[0][1])
        for ranked, cover, alone, _ in read
    )
    return [(intent, max(top, THRESHOLD)), *whole[1:]] if agrees else whole


def read(matcher: Matcher, text: str, lang: str) -> Reading:
    """A first look at `text` in `lang`: courtesy off, read whole (see the module docstring).
    A long message comes back with its clauses, for `closer` in the language chosen."""
    if lang == "bg" and is_latin(text):
        text = to_cyrillic(text)
    prepared = expand_articles(text, lang)
    parts = clauses(prepared, lang)
    core = " ".join(parts)
    if len(core.split()) < KEEP_OPENER_BELOW and len(fold(prepared).split()) > len(core.split()):
        core = fold(prepared)  # a greeting with a word after it is still a greeting
    if set(core.split()) <= stop_words(lang):
        # Only courtesy ("hvala", "lep pozdrav", "hey you"): that is what it says.
        return Reading(lang, matcher.rank(prepared, lang))
    whole, refused = matcher.rank_and_refused(core, lang)
    vague = vague_options(matcher.words(core, lang), lang, whole)
    if vague:
        return Reading(lang, whole, vague=vague)
    if len(parts) == 1 or len(core.split()) < LONG_WORDS:
        return Reading(lang, whole)
    return Reading(lang, whole, parts=tuple(parts), refused=refused)


def closer(matcher: Matcher, first: Reading) -> Reading:
    """A long message clause by clause: the best understood part, and a second question."""
    if not first.parts:
        return first
    parts, lang = list(first.parts), first.lang
    read_windows: list[Window] = [(first.ranked, frozenset(range(len(parts))), True, False)]
    read_windows += [
        (
            matcher.rank(window, lang, blocked=first.refused),
            cover,
            said >= ALONE_MIN,
            not ASKING.get(lang, frozenset()).isdisjoint(window.split()),
        )
        for window, cover in windows(parts)[:-1]
        # "zato vas prosim" (so I ask you) names nothing: read, it matched `contact`.
        if (said := _content_words(window, lang))
    ]
    return _pick(read_windows, first.ranked, lang)


def _content_words(window: str, lang: str) -> int:
    """How many words of a part of a message name something (not function words, not
    conjunctions); with ALONE_MIN of them it can be understood alone."""
    plain = stop_words(lang) | CONJUNCTIONS.get(lang, frozenset())
    return sum(1 for word in window.split() if word not in plain and len(word) > 2)
