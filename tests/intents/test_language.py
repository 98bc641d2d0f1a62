import pytest

from intents.language import guess_language
from intents.matcher import IntentMatch, Matcher
from intents.pack import load_pack
from intents.understand import understand

BTC = ["sl", "en"]


@pytest.mark.parametrize(
    ("text", "candidates", "expected"),
    [
        ("koliko casa hranite moje podatke", BTC, "sl"),
        ("Kako lahko izbrišem svoje podatke?", BTC, "sl"),
        ("how long do you keep my data", BTC, "en"),
        ("what can you do", BTC, "en"),
        ("cât timp păstrați datele mele", ["ro", "en"], "ro"),
        ("vreau sa sterg datele", ["ro", "en"], "ro"),
        ("delete my data please", ["ro", "en"], "en"),
        ("колко дълго пазите данните ми", ["bg", "en"], "bg"),
        ("изтрий", ["bg", "en"], "bg"),
    ],
)
def test_guess(text: str, candidates: list[str], expected: str) -> None:
    assert guess_language(text, candidates) == expected


def test_no_evidence_gives_none() -> None:
    assert guess_language("gdpr", BTC) is None
    assert guess_language("", BTC) is None


def test_cyrillic_without_bulgarian_candidate_is_not_forced() -> None:
    assert guess_language("привет", BTC) is None


def test_only_candidates_are_returned() -> None:
    assert guess_language("koliko casa hranite moje podatke", ["en"]) in {"en", None}


@pytest.mark.parametrize(
    ("text", "candidates", "lang"),
    [
        ("hello", ("sl", "en"), "en"),
        ("zivjo", ("sl", "en"), "sl"),
        ("buna ziua", ("ro", "en"), "ro"),
    ],
)
def test_a_greeting_alone_says_the_language(
    text: str, candidates: tuple[str, ...], lang: str
) -> None:
    assert guess_language(text, candidates) == lang


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("a kak da si iztegla dannite", "bg"),
        ("zashto mi pishete na angliiski", "bg"),
        ("how do i download my data", "en"),
        ("do you sell my data", "en"),
    ],
)
def test_bulgarian_in_latin_letters_is_told_from_english(text: str, lang: str) -> None:
    assert guess_language(text, ["bg", "en"]) == lang


def test_english_is_not_read_as_bulgarian_in_latin_letters() -> None:
    # A line of en.dev3: read as Bulgarian too, its noise outscored the English reading.
    matcher = Matcher(load_pack("balevski"))
    text = (
        "Hi, I'm a bit confused. When I log into your Wi-Fi you get my device's MAC address. "
        "Is that considered personal data or not? Thank you"
    )
    result = understand(matcher, text)
    assert isinstance(result, IntentMatch) and result.intent == "personal_data_definition"
