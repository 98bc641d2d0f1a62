import pytest

from intents.matcher import (
    MARGIN,
    THRESHOLD,
    Ambiguous,
    IntentMatch,
    Matcher,
    NoMatch,
    decide,
)
from tests.intents.fixture_pack import intent_of


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("koliko časa HRANITE moje podatke??", "sl", "retention"),
        ("kako dolgo shranjujete moje podatke", "sl", "retention"),
        ("izbrišite vse moje podatke prosim", "sl", "erase"),
        ("how long will you keep my data", "en", "retention"),
        ("please delete all my data", "en", "erase"),
        ("do you use tracking cookies", "en", "cookies"),
        ("pišškotkiii", "sl", "cookies"),
        ("how can i contact you", "en", "contact"),
    ],
)
def test_inflected_and_unseen_phrasings_match(
    matcher: Matcher, text: str, lang: str, expected: str
) -> None:
    assert intent_of(matcher.classify(text, lang)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "where is the bus stop",
        "what's the weather like tomorrow",
        "tell me a joke about penguins",
        "kakšno bo vreme jutri",
        "asdfghjkl qwerty",
    ],
)
def test_off_topic_is_no_match(matcher: Matcher, text: str) -> None:
    assert isinstance(matcher.classify(text), NoMatch)


@pytest.mark.parametrize("text", ["", "   ", "😀👍", "1234 5678", "?!?!"])
def test_nothing_to_score_is_no_match(matcher: Matcher, text: str) -> None:
    result = matcher.classify(text)
    assert isinstance(result, NoMatch)
    assert result.score == 0.0


def test_typos_still_match(matcher: Matcher) -> None:
    assert intent_of(matcher.classify("how lnog do you keeep my data", "en")) == "retention"
    assert intent_of(matcher.classify("izbrsite moje podatke", "sl")) == "erase"


def test_language_is_guessed_when_not_given(matcher: Matcher) -> None:
    assert matcher.classify("kako dolgo hranite moje podatke").lang == "sl"
    assert matcher.classify("how long do you keep my data").lang == "en"


def test_unknown_language_falls_back_to_guessing(matcher: Matcher) -> None:
    result = matcher.classify("how long do you keep my data", "de")
    assert result.lang == "en"


def test_scores_are_percentages(matcher: Matcher) -> None:
    for text in ["delete my data", "hello", "where is the bus stop", "cookies"]:
        ranked = matcher.rank(text, "en")
        assert ranked == sorted(ranked, key=lambda pair: pair[1], reverse=True)
        assert all(0.0 <= score <= 100.0 for _, score in ranked)


def test_decide_threshold_and_margin() -> None:
    low = THRESHOLD - 1
    assert isinstance(decide([("erase", low), ("access", low - 5)], "en"), NoMatch)
    clear = decide([("erase", THRESHOLD + 20), ("access", THRESHOLD)], "en")
    assert clear == IntentMatch("erase", THRESHOLD + 20, "en")
    close = decide([("erase", THRESHOLD + 5), ("access", THRESHOLD + 5 - MARGIN / 2)], "en")
    assert isinstance(close, Ambiguous)
    assert (close.best.intent, close.runner_up.intent) == ("erase", "access")
    assert isinstance(decide([], "sl"), NoMatch)


@pytest.mark.parametrize("intent", ["unsubscribe", "resubscribe"])
def test_marketing_changes_need_more_evidence_than_other_intents(intent: str) -> None:
    just_enough = THRESHOLD + 1
    assert isinstance(decide([(intent, just_enough)], "en"), NoMatch)
    assert isinstance(decide([("erase", just_enough)], "en"), IntentMatch)


def test_repeated_words_add_nothing(matcher: Matcher) -> None:
    once = matcher.rank("delete my data", "en")
    assert matcher.rank("delete delete my my data data", "en") == once


def test_a_long_paste_is_scored_on_its_start(matcher: Matcher) -> None:
    paste = "how long do you keep my data " + "lorem ipsum dolor sit amet " * 80
    assert intent_of(matcher.classify(paste, "en")) in {None, "retention"}
    assert intent_of(matcher.classify("xq " * 1000, "en")) is None


def test_results_are_frozen(matcher: Matcher) -> None:
    result = matcher.classify("delete my data", "en")
    with pytest.raises(AttributeError):
        result.lang = "xx"  # type: ignore[misc]
