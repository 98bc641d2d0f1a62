"""No sentence about buses, brake lights or events changes someone's promotional messages,
in any shipped pack and language; plain requests to cancel a subscription are understood."""

from __future__ import annotations

from functools import cache

import pytest

from intents.matcher import Ambiguous, IntentMatch, Matcher, Understanding
from intents.pack import available_packs, load_pack
from intents.understand import understand
from tests.intents.near_misses import NOT_RESUBSCRIBE, NOT_UNSUBSCRIBE

PACKS = available_packs()

WANTS_UNSUBSCRIBE: dict[str, tuple[str, ...]] = {
    "en": ("cancel my subscription", "end subscription", "please stop sending me offers"),
    "sl": ("odjavi me od novic", "prosim ne posiljajte mi vec reklam"),
    "bg": ("прекратете абонамента ми", "не искам да получавам вашите оферти"),
    "ro": ("anulati abonamentul", "nu mai vreau sa primesc oferte de la voi"),
}


@cache
def matcher(name: str) -> Matcher:
    return Matcher(load_pack(name))


def _cases(table: dict[str, tuple[str, ...]]) -> list[tuple[str, str, str]]:
    return [
        (name, lang, text)
        for name in PACKS
        for lang in load_pack(name).languages
        for text in table.get(lang, ())
    ]


def _names(result: Understanding) -> set[str]:
    """Every intent the bot would act on or offer for this result."""
    if isinstance(result, Ambiguous):
        return {result.best.intent, result.runner_up.intent}
    return {result.intent} if isinstance(result, IntentMatch) else set()


@pytest.mark.parametrize(("name", "lang", "text"), _cases(NOT_UNSUBSCRIBE))
def test_a_stop_about_something_else_is_no_unsubscribe(name: str, lang: str, text: str) -> None:
    for given in (lang, None):  # the person's language known, and guessed
        assert "unsubscribe" not in _names(understand(matcher(name), text, given))


@pytest.mark.parametrize(("name", "lang", "text"), _cases(NOT_RESUBSCRIBE))
def test_a_start_about_something_else_is_no_resubscribe(name: str, lang: str, text: str) -> None:
    for given in (lang, None):
        assert "resubscribe" not in _names(understand(matcher(name), text, given))


@pytest.mark.parametrize(("name", "lang", "text"), _cases(WANTS_UNSUBSCRIBE))
def test_cancelling_a_subscription_is_an_unsubscribe(name: str, lang: str, text: str) -> None:
    result = understand(matcher(name), text, lang)
    assert isinstance(result, IntentMatch) and result.intent == "unsubscribe", result
