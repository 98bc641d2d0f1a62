"""Reading one message in one language, as people write: courtesy formulas weigh nothing,
a long message is read whole and clause by clause (which part is the question:
intents/parts.py), up to two questions are found, and one or two words that point at
several topics ("podatki", "data") are called vague (intents/vague.py).

Intents that act are still decided on the whole message: an intent whose guard refuses
the whole message (intents/guard.py, intents/action_guard.py) is refused in every clause.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from intents.clauses import CONJUNCTIONS, marked_clauses, sets_the_scene, windows
from intents.language import stop_words
from intents.listed import listed_topics
from intents.normalize import fold
from intents.parts import ASKING, DETERMINERS, Ranked, Window, pick, torn
from intents.privacy_words import names_information, speaks_of_privacy
from intents.registers import expand_articles
from intents.request_words import DETAILS, said_of
from intents.results import THRESHOLD, IntentMatch, Understanding, Vague, decide
from intents.small_talk import small_talk_first
from intents.taxonomy import CONVERSATION_IDS
from intents.transliterate import is_latin, to_cyrillic
from intents.vague import vague_options

if TYPE_CHECKING:
    from intents.matcher import Matcher

TALK = frozenset({*CONVERSATION_IDS, "greeting", "help"})
KEEP_OPENER_BELOW = 3  # "pozdravljeni vsi": what is left after an opener is the greeting
LONG_WORDS = 8  # shorter messages are one thought, read whole even with a comma
# A part of a long message with fewer content words than this ("me zanima", "what are they
# for", "can I refuse them") leans on its neighbours: it is read, but it wins only when no
# part that says more was understood.
ALONE_MIN = 3
# A clause that starts with one of these goes on from the one before it.
RELATIVE = {
    "en": frozenset({"which", "who", "whom", "whose", "where"}),
    "sl": frozenset(fold("ki kateri katera katere katerim katerih kjer").split()),
    "bg": frozenset(fold("който която което които където").split()),
    "ro": frozenset({"care", "unde"}),
}


@dataclass(frozen=True)
class Reading:
    lang: str
    ranked: Ranked
    also: str = ""
    vague: tuple[str, ...] = field(default=())
    # Set when the message is long enough to be read clause by clause (`closer`).
    parts: tuple[str, ...] = ()
    refused: frozenset[str] = frozenset()
    private: bool = False  # speaks of personal data, consent or a right (privacy_words.py)
    questions: frozenset[int] = frozenset()  # parts that end a sentence with "?"

    @property
    def top(self) -> float:
        return self.ranked[0][1] if self.ranked else 0.0

    def understanding(self) -> Understanding:
        if self.vague:
            return Vague(options=self.vague, lang=self.lang)
        result = decide(small_talk_first(self.ranked), self.lang)
        if self.also and isinstance(result, IntentMatch) and result.intent != self.also:
            return replace(result, also=self.also)
        return result


def read(matcher: Matcher, text: str, lang: str) -> Reading:
    """A first look at `text` in `lang`: courtesy off, read whole (see the module docstring).
    A long message comes back with its clauses, for `closer` in the language chosen."""
    if lang == "bg" and is_latin(text):
        text = to_cyrillic(text)
    prepared = expand_articles(text, lang)
    marked = marked_clauses(prepared, lang)
    parts = [part for part, _ in marked]
    core, said = " ".join(parts), fold(prepared)
    if len(core.split()) < KEEP_OPENER_BELOW and len(said.split()) > len(core.split()):
        core = said  # a greeting with a word after it is still a greeting
    greeted = len(said.split()) > len(core.split())  # courtesy was taken off
    if set(core.split()) <= stop_words(lang):
        # Only courtesy ("hvala", "lep pozdrav", "hey you"): that is what it says. Function
        # words alone ("what?", "and you?") name no policy topic.
        return Reading(lang, _talk_only(matcher.rank(prepared, lang)))
    whole, refused = matcher.rank_and_refused(core, lang)
    vague = vague_options(matcher.words(core, lang), lang, whole, greeted)
    vague = vague or listed_topics(matcher, prepared, lang)
    if vague:
        return Reading(lang, whole, vague=vague)
    # A short message is one thought, unless it reads as two ("use cookies and sell data?").
    if len(parts) == 1 or (len(core.split()) < LONG_WORDS and not torn(whole)):
        if greeted and len(core.split()) < LONG_WORDS and _top(whole) < THRESHOLD:
            return Reading(lang, _greeting_kept(matcher, prepared, lang, whole))
        return Reading(lang, whole)
    # A detail named ("svoj naslov", "my email") is personal data too.
    private = (
        speaks_of_privacy(text) or names_information(text) or said_of(said.split(), DETAILS, lang)
    )
    questions = frozenset(at for at, (_, question) in enumerate(marked) if question)
    return Reading(
        lang, whole, parts=tuple(parts), refused=refused, private=private, questions=questions
    )


def _greeting_kept(matcher: Matcher, prepared: str, lang: str, ranked: Ranked) -> Ranked:
    """A hello before words not understood ("hello? is anybody here?"): the whole read as
    talk, when that is understood; else `ranked`."""
    talk = _talk_only(matcher.rank(prepared, lang))
    return talk if _top(talk) >= THRESHOLD else ranked


def _top(ranked: Ranked) -> float:
    return ranked[0][1] if ranked else 0.0


def _talk_only(ranked: Ranked) -> Ranked:
    """`ranked` with every topic of the policy scored 0: only talk remains."""
    talk = [(intent, score if intent in TALK else 0.0) for intent, score in ranked]
    return sorted(talk, key=lambda pair: pair[1], reverse=True)


def closer(matcher: Matcher, first: Reading) -> Reading:
    """A long message clause by clause: the best understood part, and a second question."""
    if not first.parts:
        return first
    parts, lang = list(first.parts), first.lang
    read_windows: list[Window] = [
        (first.ranked, frozenset(range(len(parts))), True, False, bool(first.questions))
    ]
    read_windows += [
        (
            matcher.rank(window, lang, blocked=first.refused),
            cover,
            said >= ALONE_MIN and not sets_the_scene(window, lang),
            _asks(window, parts[min(cover) - 1] if min(cover) else "", lang),
            bool(cover & first.questions),
        )
        for window, cover in windows(parts)[:-1]
        # "zato vas prosim" (so I ask you) names nothing: read, it matched `contact`.
        if (said := _content_words(window, lang))
    ]
    ranked, also = pick(read_windows, first.ranked, first.private)
    return Reading(lang, ranked, also=also)


def _asks(window: str, before: str, lang: str) -> bool:
    """Whether a part asks for something: its own words, or a wish that ends the clause
    before it ("zelim, | da odstranite vse", "I would like, | that you ..."), or any wish of
    that clause when the part goes on from it ("prosim za seznam uporabnikov, | ki so jim
    bili moji podatki razkriti")."""
    said = window.split()
    wished = before.split() if said and said[0] in RELATIVE.get(lang, ()) else before.split()[-2:]
    return _asking(said, lang) or _asking(wished, lang)


def _asking(words: list[str], lang: str) -> bool:
    asking, nouns_after = ASKING.get(lang, frozenset()), DETERMINERS.get(lang, frozenset())
    return any(
        word in asking and (at == 0 or words[at - 1] not in nouns_after)
        for at, word in enumerate(words)
    )


def _content_words(window: str, lang: str) -> int:
    """How many words of a part of a message name something (not function words, not
    conjunctions); with ALONE_MIN of them it can be understood alone."""
    plain = stop_words(lang) | CONJUNCTIONS.get(lang, frozenset())
    return sum(1 for word in window.split() if word not in plain and len(word) > 2)
