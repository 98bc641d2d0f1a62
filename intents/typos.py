"""What a word the pack does not know was meant to be, as phones mistype.

Tried in order, each keeping the first letter (people misspell the middle and the end of a
word, rarely its start): two neighbouring letters swapped back ("chnage", "secrue"); a pack
word close enough by characters (`FUZZY_CUTOFF`: "pdoatke"); a pack word one slip away, a
letter dropped, added, or changed into its neighbour on the keyboard ("objrct", "agaim"),
never a negation ("po novem" is no "nocem") and never one of two different words.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

FUZZY_MIN_LENGTH = 4  # shorter words are too easy to confuse with each other
SLIP_MIN_LENGTH = 5  # one slip in a shorter word makes another word too often
TWO_SLIPS_FROM = 8  # a word this long may carry two slips ("izbrsati": "izbrisat")
FUZZY_CUTOFF = 85.0  # fuzz.ratio a typo must reach ("pdoatke" 86, "concertul"/"contul" 80)
SWAP_REACH = 6  # swaps are tried within the first letters, where the stem is
# Letters beside each other on a phone's keyboard (QWERTY and the Slovene QWERTZ).
_ROWS = ("qwertyuiop", "qwertzuiop", "asdfghjkl", "yxcvbnm", "zxcvbnm")
NEIGHBOURS = frozenset(pair for row in _ROWS for a, b in pairwise(row) for pair in (a + b, b + a))


def meant_word(
    token: str, known: Callable[[str], bool], vocabulary: list[str], nots: frozenset[str]
) -> str | None:
    """The word `token` stands for: one whose stem is `known`, from `vocabulary` (the pack's
    words), or None."""
    if len(token) < FUZZY_MIN_LENGTH:
        return None
    meant = _swapped(token, known)
    if meant is None:
        best = process.extractOne(token, vocabulary, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
        meant = best[0] if best and best[0][0] == token[0] else None
    if meant is None and len(token) >= SLIP_MIN_LENGTH:
        meant = _slipped(token, vocabulary, nots)
    return meant


def one_slip(typed: str, meant: str) -> bool:
    """Whether `typed` is `meant` with one letter dropped, added, changed or two swapped:
    close enough to count as that word's keyword too ("pralni" is no "pravilni")."""
    return Levenshtein.distance(typed, meant) <= 1 or (
        len(typed) == len(meant) and sorted(typed) == sorted(meant)
    )


def _swapped(token: str, known: Callable[[str], bool]) -> str | None:
    for at in range(1, min(len(token), SWAP_REACH) - 1):
        swapped = token[:at] + token[at + 1] + token[at] + token[at + 2 :]
        if swapped != token and known(swapped):
            return swapped
    return None


def _slipped(token: str, vocabulary: list[str], nots: frozenset[str]) -> str | None:
    slips = 2 if len(token) >= TWO_SLIPS_FROM else 1
    near = process.extract(
        token, vocabulary, scorer=Levenshtein.distance, score_cutoff=slips, limit=2
    )
    near = [
        hit
        for hit in near
        if hit[0][0] == token[0] and _could_slip(token, hit[0]) and hit[0] not in nots
    ]
    # Two different words one slip away: no telling which was meant. (A word and its
    # other form, the same stem, are one.)
    return near[0][0] if len({hit[0][: SWAP_REACH - 1] for hit in near}) == 1 else None


def _could_slip(typed: str, meant: str) -> bool:
    """A letter dropped or added, or one changed into its keyboard neighbour ("otroke" is
    no slip of "obroke")."""
    ops = Levenshtein.editops(typed, meant)
    return all(
        op.tag != "replace" or typed[op.src_pos] + meant[op.dest_pos] in NEIGHBOURS for op in ops
    )
