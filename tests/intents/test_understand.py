import pytest

from intents.matcher import Ambiguous, IntentMatch, Matcher, NoMatch
from intents.understand import understand
from tests.intents.fixture_pack import intent_of


@pytest.mark.parametrize("text", ["STOP", "stop!", "Odjava", "СТОП", "dezabonare"])
def test_bare_stop_acts_at_once(matcher: Matcher, text: str) -> None:
    result = understand(matcher, text)
    assert result == IntentMatch("unsubscribe", 100.0, result.lang)


@pytest.mark.parametrize("text", ["START", "prijava", "старт", "abonare"])
def test_bare_start_resubscribes(matcher: Matcher, text: str) -> None:
    assert intent_of(understand(matcher, text)) == "resubscribe"


def test_compliance_keeps_a_known_language(matcher: Matcher) -> None:
    assert understand(matcher, "stop", "en").lang == "en"
    assert understand(matcher, "odjava", "de").lang in matcher.languages


def test_longer_stop_requests_go_through_theintent_of(matcher: Matcher) -> None:
    result = understand(matcher, "please stop sending me offers", "en")
    assert intent_of(result) == "unsubscribe"
    assert isinstance(result, IntentMatch | Ambiguous)
    score = result.best.score if isinstance(result, Ambiguous) else result.score
    assert score < 100.0


@pytest.mark.parametrize(
    "text",
    [
        "where is the bus stop",
        "the stop sign is broken",
        "when does the race start",
        "kje je avtobusna postaja stop",
        "stop motion movies are great",
    ],
)
def test_no_false_unsubscribe(matcher: Matcher, text: str) -> None:
    assert intent_of(understand(matcher, text)) != "unsubscribe"


def test_other_messages_go_to_the_matcher(matcher: Matcher) -> None:
    assert intent_of(understand(matcher, "delete my data", "en")) == "erase"
    assert isinstance(understand(matcher, "😀"), NoMatch)


@pytest.mark.parametrize(
    ("lang", "text", "intent"),
    [
        ("en", "ok cool cya", "goodbye"),
        ("en", "ok, thank you", "thanks"),
        ("sl", "ok hvala", "thanks"),
    ],
)
def test_two_kinds_of_small_talk_get_one_answer_not_a_question(
    matchers: dict[str, Matcher], lang: str, text: str, intent: str
) -> None:
    result = understand(matchers["btc"], text, lang)
    assert isinstance(result, IntentMatch) and result.intent == intent
