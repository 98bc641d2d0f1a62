"""Slovene as typed on a phone (issue 11): spoken forms read as the packs' words, and the
everyday words that used to pass for privacy topics do not.

The lines are written for these tests, apart from the packs and the labelled sets."""

from __future__ import annotations

import pytest

from intents.evaluate import ACTING, predicted
from intents.matcher import Matcher
from intents.pack import load_pack
from intents.registers import standardise
from intents.understand import understand


@pytest.fixture(scope="module")
def btc() -> Matcher:
    return Matcher(load_pack("btc"))


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("nehte mi posilat", "nehajte mi posilat"),
        ("kere podatke mate o men", "katere podatke imate o meni"),
        ("spremente naslov, sm se preselu", "spremenite naslov sem se preselil"),
        ("nebi rad", "ne bi rad"),
        ("ubistvu me zanima", "me zanima"),
    ],
)
def test_spoken_forms_read_as_standard(typed: str, read: str) -> None:
    assert standardise(typed, "sl") == read


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("nehte me zasipat s temi sms-i", "unsubscribe"),
        ("kere podatke pa mate shranjene o men", "data_collected"),
        ("spremente mi priimek, sm se porocila", "rectify"),
        ("a mi lahk pokazte kaj use mate o men", "access"),
        ("dejte mi zivga cloveka prosm", "human_agent"),
    ],
)
def test_spoken_requests_understood(btc: Matcher, text: str, intent: str) -> None:
    assert predicted(understand(btc, text, "sl")) == intent


@pytest.mark.parametrize(
    "text",
    ["koliko stane kapucino", "koliko stane prenosni racunalnik", "ali iscete nove sodelavce"],
)
def test_shop_questions_stay_off_topic(btc: Matcher, text: str) -> None:
    assert predicted(understand(btc, text, "sl")) is None


@pytest.mark.parametrize(
    "text", ["zbrisite mojo oceno izdelka", "kako zbrisem vaso aplikacijo z mobitela"]
)
def test_reviews_and_apps_are_not_ones_data(btc: Matcher, text: str) -> None:
    assert predicted(understand(btc, text, "sl")) not in ACTING
