"""Issue 11, tenth pass: what a message tells is not what it asks. An act told of someone
else, a disclaimer ("not complaining"), a word that only looks like a topic's, and a
sentence ending in "EU." were read as requests or as the wrong question."""

from __future__ import annotations

import pytest

from intents.evaluate import ACTING
from intents.matcher import Matcher
from tests.intents.shipped import reads


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "my friend unsubscribed from your newsletter and still gets them, is that normal"),
        ("en", "my wife withdrew her consent last month, does that affect anything"),
        ("sl", "soseda je preklicala soglasje, pa jo se vedno klicete"),
        ("sl", "sestra je zahtevala izbris podatkov, ali je to res tako enostavno"),
        ("sl", "moja prijateljica se je odjavila od novic in zdaj nic vec ne dobi"),
    ],
)
def test_an_act_told_of_someone_else_changes_nothing(
    matchers: dict[str, Matcher], lang: str, text: str
) -> None:
    assert reads(matchers, lang, text) not in ACTING


@pytest.mark.parametrize(
    ("lang", "text", "intent"),
    [
        ("en", "my wife and I want to unsubscribe from your newsletter", "unsubscribe"),
        ("sl", "moj moz se je odjavil od novic, odjavite se mene", "unsubscribe"),
        ("en", "my friend told me you keep data, please delete all my data", "erase"),
    ],
)
def test_the_writer_acting_beside_someone_else_still_asks(
    matchers: dict[str, Matcher], lang: str, text: str, intent: str
) -> None:
    assert reads(matchers, lang, text) == intent


def test_not_complaining_is_no_complaint(matchers: dict[str, Matcher]) -> None:
    text = "Not complaining, just curious: what do you do with all my data once you have it?"
    assert reads(matchers, "en", text) != "complaint"


def test_complicated_is_no_complaint_and_writing_to_someone_is_the_contact(
    matchers: dict[str, Matcher],
) -> None:
    text = (
        "Hi, I have a question about my personal data that's a bit too complicated to explain "
        "in a chat window. Is there an email address, or someone in charge of privacy at BTC, "
        "that I can write to directly? Thanks"
    )
    assert reads(matchers, "en", text) == "contact"


def test_a_sentence_ending_in_a_short_word_ends(matchers: dict[str, Matcher]) -> None:
    # "EU." ended no sentence (read as an abbreviation): the story was part of the question.
    text = (
        "Good evening. I work in IT, so I read your policy, and it says you work with partners "
        "that may be outside Slovenia or the EU. Does my chatbot data end up on servers in the "
        "US, for example? Kind regards, Petra"
    )
    assert reads(matchers, "en", text) == "international_transfer"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "I want to talk to the manager of the shoe shop"),
        ("en", "can i speak to someone at the cinema box office"),
        ("sl", "lahko govorim s kom na blagajni kina"),
    ],
)
def test_someone_at_a_shop_is_not_the_privacy_staff(
    matchers: dict[str, Matcher], lang: str, text: str
) -> None:
    # The hand-over happens at once and the bot falls silent: it must be asked for.
    assert reads(matchers, lang, text) != "human_agent"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "can I speak to someone about my personal data"),
        ("en", "this bot keeps showing me a menu, can I please talk to an actual person"),
        ("sl", "rad bi govoril z nekom glede mojih podatkov"),
    ],
)
def test_a_person_for_ones_data_is_still_handed_over(
    matchers: dict[str, Matcher], lang: str, text: str
) -> None:
    assert reads(matchers, lang, text) == "human_agent"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "forget it, nevermind"),
        ("sl", "pozabi, nic"),
        ("en", "i changed my mind about the sofa, can i cancel"),
    ],
)
def test_a_question_dropped_is_no_erasure_or_correction(
    matchers: dict[str, Matcher], lang: str, text: str
) -> None:
    assert reads(matchers, lang, text) not in ACTING


@pytest.mark.parametrize(
    ("lang", "text"), [("en", "forget me"), ("sl", "pozabite me"), ("en", "forget about me please")]
)
def test_the_right_to_be_forgotten_still_asks_to_erase(
    matchers: dict[str, Matcher], lang: str, text: str
) -> None:
    assert reads(matchers, lang, text) == "erase"


def test_the_question_at_the_end_of_a_long_letter_is_read(matchers: dict[str, Matcher]) -> None:
    # Only the first 40 words were scored: the "stop" of the last sentence was cut off.
    text = (
        "Hi there! I moved to Ljubljana from Portugal last autumn and signed up for your loyalty "
        "card at the shopping centre because the cashier said I would get discounts. Now I keep "
        "getting these emails every week about sales. Can you make them stop? Thanks, Rui"
    )
    assert reads(matchers, "en", text) == "unsubscribe"


@pytest.mark.parametrize(
    ("lang", "text", "intent"),
    [
        (
            "en",
            "Hi there, I entered the christmas raffle on messenger and typed my phone and email. "
            "Who gets to see that? Regards, Tom",
            "security",
        ),
        (
            "sl",
            "Pozdravljeni, v kinu sem kupila karte prek aplikacije in vpisala stevilko kartice. "
            "Ali to shranjujete? Lp",
            "data_collected",
        ),
    ],
)
def test_details_given_are_the_story_of_the_question(
    matchers: dict[str, Matcher], lang: str, text: str, intent: str
) -> None:
    # The story read as a correction ("typed my phone", "vpisala številko").
    assert reads(matchers, lang, text) == intent


def test_signing_up_told_is_no_request_to_sign_up(matchers: dict[str, Matcher]) -> None:
    text = "Pred enim letom sem se prijavila na novice, zdaj jih je prevec. A lahko to ustavite?"
    assert reads(matchers, "sl", text) != "resubscribe"


def test_small_talk_does_not_answer_a_story_of_ones_details(
    matchers: dict[str, Matcher],
) -> None:
    # "Kam pa to gre?" reads "kako gre?" alone: "how are you" answered a question about data.
    text = (
        "Pozdravljeni, v chatu sem vam povedala svoj naslov, ker sem hotela sodelovat v "
        "nagradni igri. Kam pa to gre?"
    )
    assert reads(matchers, "sl", text) != "how_are_you"
