"""An erasure said as its refusal is none (intents/negation.py); an erasure asked with a
"no" elsewhere in the message still is. Lines written for these tests."""

from __future__ import annotations

import pytest

from intents.matcher import Matcher
from tests.intents.shipped import reads


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "i really dont want to delete my account"),
        ("en", "I do not want my data removed, I only have a question"),
        ("sl", "ne bi rad zbrisal svojega racuna"),
        ("bg", "не искам да изтривате профила ми"),
        ("ro", "nu vreau sa-mi stergeti contul"),
    ],
)
def test_not_wanting_an_erasure_is_no_erasure(
    matchers: dict[str, Matcher], lang: str, text: str
) -> None:
    assert reads(matchers, lang, text) != "erase"


def test_the_other_request_beside_a_refused_erasure_is_read(matchers: dict[str, Matcher]) -> None:
    text = "I don't want to delete my account, but can you restrict how you use my data?"
    assert reads(matchers, "en", text) == "object_processing"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "please delete my data, i dont want you to keep it"),
        ("sl", "ne pozabite izbrisati vseh mojih podatkov"),
        ("ro", "nu am castigat nimic, va rog sa stergeti datele mele"),
    ],
)
def test_a_no_elsewhere_still_asks_for_the_erasure(
    matchers: dict[str, Matcher], lang: str, text: str
) -> None:
    assert reads(matchers, lang, text) == "erase"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "how do i delete the app from my phone"),
        ("bg", "как да изтрия приложението от телефона"),
    ],
)
def test_deleting_an_app_is_no_erasure(matchers: dict[str, Matcher], lang: str, text: str) -> None:
    assert reads(matchers, lang, text) != "erase"


def test_a_correction_in_the_app_is_still_a_correction(matchers: dict[str, Matcher]) -> None:
    assert reads(matchers, "en", "my surname is wrong in your app, please fix it") == "rectify"


@pytest.mark.parametrize(
    ("lang", "text", "intent"),
    [
        ("en", "stop analysing what I do in the chat but keep my account", None),
        ("en", "I dont want you to keep my data anymore", "erase"),
        ("sl", "ne zelim da hranite moje podatke", "erase"),
    ],
)
def test_asking_to_keep_is_no_erasure_and_not_to_keep_is_one(
    matchers: dict[str, Matcher], lang: str, text: str, intent: str | None
) -> None:
    said = reads(matchers, lang, text)
    assert said == intent if intent else said != "erase"
