"""A message of a few words that names no topic yet: the bot asks, never guesses one."""

from __future__ import annotations

import pytest

from intents.matcher import IntentMatch, Matcher, Vague
from intents.understand import understand
from tests.intents.shipped import PACK_OF, reads


@pytest.mark.parametrize(("lang", "text"), [("en", "what?"), ("en", "why?"), ("en", "where")])
def test_a_question_word_alone_names_no_topic(
    matchers: dict[str, Matcher], lang: str, text: str
) -> None:
    # "what?" after an answer is confusion, not a question about the data collected.
    assert reads(matchers, lang, text) is None


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "consent"),
        ("en", "my account"),
        ("en", "what about my data?"),
        ("en", "i have a question about my data"),
        ("sl", "moj profil"),
        ("sl", "imam vprasanje"),
        ("sl", "soglasje?"),
        ("bg", "съгласие"),
        ("ro", "contul meu"),
    ],
)
def test_a_thing_named_without_what_to_do_with_it_is_vague(
    matchers: dict[str, Matcher], lang: str, text: str
) -> None:
    # "my account" could be seeing, fixing or deleting it: before, it started an erasure.
    assert isinstance(understand(matchers[PACK_OF[lang]], text, lang), Vague)


def test_a_hello_with_a_question_announced_is_a_greeting(matchers: dict[str, Matcher]) -> None:
    assert reads(matchers, "en", "hi, i have a question") == "greeting"
    assert reads(matchers, "ro", "salutare, am o intrebare") == "greeting"


def test_a_vague_consent_offers_the_consent_topics_first(matchers: dict[str, Matcher]) -> None:
    result = understand(matchers["btc"], "consent", "en")
    assert isinstance(result, Vague)
    assert result.options[:2] == ("withdraw_consent", "legal_basis")


def test_a_misspelt_name_is_corrected_even_beside_a_message(matchers: dict[str, Matcher]) -> None:
    # "messages" is the erasure trap ("delete the message I sent"); the surname is the record.
    text = (
        "Dear team, I noticed that my surname is spelled wrong in your messages to me, it "
        "should be Horvat with a t at the end, please fix it. Thank you in advance"
    )
    result = understand(matchers["btc"], text, "en")
    assert isinstance(result, IntentMatch)
    assert result.intent == "rectify"
    assert reads(matchers, "en", "can you change the delivery address for my order") != "rectify"


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("yo do u guys sell my info or what", "third_parties"),
        ("do you sell my data or not", "third_parties"),
        ("hey so how long do u keep my data", "retention"),
    ],
)
def test_a_texting_opener_or_a_question_tag_weighs_nothing(
    matchers: dict[str, Matcher], text: str, intent: str
) -> None:
    assert reads(matchers, "en", text) == intent


def test_a_hello_before_words_not_understood_is_still_a_hello(
    matchers: dict[str, Matcher],
) -> None:
    assert reads(matchers, "en", "hello? is anybody here?") == "greeting"
    assert reads(matchers, "en", "hi, do you sell iphones") is None  # off topic stays so


@pytest.mark.parametrize(("text", "intent"), [("whatever", None), ("forget me", "erase")])
def test_a_word_or_two_asks_to_erase_only_with_a_word_of_erasing(
    matchers: dict[str, Matcher], text: str, intent: str | None
) -> None:
    # "whatever" is a word of an erase example ("delete whatever you have on me"); alone,
    # it put "Delete all your data for good?" to someone shrugging.
    assert reads(matchers, "en", text) == intent


@pytest.mark.parametrize(("text", "intent"), [("k", "acknowledge"), ("kk", "acknowledge")])
def test_a_texted_k_is_an_ok(matchers: dict[str, Matcher], text: str, intent: str) -> None:
    assert reads(matchers, "en", text) == intent
    assert reads(matchers, "en", "kkkkkkk") is None  # a keyboard mash stays out of scope


@pytest.mark.parametrize(
    ("lang", "text", "topics"),
    [
        ("en", "cookies and ads?", {"cookies", "marketing"}),
        ("en", "delete or export", {"erase", "export"}),
        ("sl", "izbris, odjava", {"erase", "unsubscribe"}),
        ("sl", "pravice in reklame", {"rights_overview", "marketing"}),
    ],
)
def test_a_list_of_topics_is_asked_about_not_guessed(
    matchers: dict[str, Matcher], lang: str, text: str, topics: set[str]
) -> None:
    # Before, one of them was chosen: "izbris, odjava" started an erasure.
    result = understand(matchers[PACK_OF[lang]], text, lang)
    assert isinstance(result, Vague)
    assert set(result.options) == topics


@pytest.mark.parametrize(
    ("lang", "text", "intent"),
    [
        ("en", "children and privacy", "children"),  # privacy qualifies: one topic
        ("en", "new address, pls update", "rectify"),  # asks for something
        ("sl", "zasebnost otrok", "children"),
        ("sl", "izbrisi in odjavi", "erase"),  # two acts asked for, not a list to choose from
    ],
)
def test_one_topic_with_its_qualifier_is_that_topic(
    matchers: dict[str, Matcher], lang: str, text: str, intent: str
) -> None:
    assert reads(matchers, lang, text) == intent
