"""The clock and the price of things are out of scope; the price of a right is not."""

from __future__ import annotations

import pytest

from intents.matcher import Matcher
from tests.intents.shipped import reads


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "hey whats the time"),
        ("sl", "kok je ura zdej"),
        ("bg", "извинете, колко е часът сега?"),
        ("ro", "cât e ceasul acum?"),
        ("en", "how much is the parking for a day"),
        ("sl", "koliko stanejo drsalke v intersparu"),
        ("bg", "колко струва билетът за кино"),
        ("ro", "cat costa o pizza la food court"),
    ],
)
def test_the_time_or_a_price_is_out_of_scope(
    matchers: dict[str, Matcher], lang: str, text: str
) -> None:
    assert reads(matchers, lang, text) is None


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "how much does it cost to get a copy of my data"),
        ("sl", "koliko stane, ce zahtevam vpogled v svoje podatke"),
    ],
)
def test_the_price_of_a_right_is_still_understood(
    matchers: dict[str, Matcher], lang: str, text: str
) -> None:
    assert reads(matchers, lang, text) is not None
