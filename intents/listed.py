"""A short list of topics asked nothing about ("cookies and ads", "izbris, odjava",
"delete or export"): the bot asks "did you mean" with those topics rather than guess one."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from intents.normalize import fold
from intents.results import THRESHOLD
from intents.taxonomy import ACTION_INTENTS, INTENT_IDS
from intents.vague import PLEASE, VAGUE_WORDS

if TYPE_CHECKING:
    from intents.matcher import Matcher

LISTED_MAX_WORDS = 5
# An item longer than this says what to do with a thing ("izbrišite moj profil in slike").
ITEM_MAX_WORDS = 2
TOPICS = frozenset(INTENT_IDS) - {"greeting", "help"}
_SEPARATORS = {"en": "and or n", "sl": "in ali ter", "bg": "и или", "ro": "sau"}
SEPARATORS = {lang: frozenset(fold(words).split()) for lang, words in _SEPARATORS.items()}
# "delete and unsubscribe me" asks for both acts: two requests, not a list to choose from
# ("delete or export" is one).
BOTH = frozenset(fold("and n in ter и").split())
_LIST_MARKS = re.compile(r"[,;/+&]")


def listed_topics(matcher: Matcher, text: str, lang: str) -> tuple[str, ...]:
    """The topics of a list of two or three items, each understood alone as a different
    topic of the policy (else empty)."""
    said = fold(text).split()
    if len(said) > LISTED_MAX_WORDS:
        return ()
    items = [item for piece in _LIST_MARKS.split(text) for item in _items(fold(piece), lang)]
    named = _named(items, lang)
    if not 2 <= len(named) <= 3 or any(len(item.split()) > ITEM_MAX_WORDS for item in named):
        return ()
    topics: list[str] = []
    for item in named:
        ranked = matcher.rank(item, lang)
        if not ranked or ranked[0][1] < THRESHOLD or ranked[0][0] not in TOPICS:
            return ()
        topics.append(ranked[0][0])
    if len(set(topics)) < len(topics):
        return ()
    both = BOTH & set(said) and len(ACTION_INTENTS & set(topics)) > 1
    return () if both else tuple(topics)


def _named(items: list[str], lang: str) -> list[str]:
    """The items that name a topic: "privacy", "data" alone qualify the others ("children
    and privacy"); an item with "please" in it asks something ("new address, pls update")."""
    vague = VAGUE_WORDS.get(lang, frozenset())
    if any(PLEASE & set(item.split()) for item in items):
        return []
    return [item for item in items if not set(item.split()) <= vague]


def _items(folded: str, lang: str) -> list[str]:
    """The items of one piece of a list, cut at its joining words."""
    joins = SEPARATORS.get(lang, frozenset())
    items: list[list[str]] = [[]]
    for word in folded.split():
        if word in joins:
            items.append([])
        else:
            items[-1].append(word)
    return [" ".join(item) for item in items if item]
