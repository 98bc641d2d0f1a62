"""Misses found on unseen lines after issue 11's second pass, on the shipped packs:
a reason given before the request, and a photo deleted *from* one's profile."""

from __future__ import annotations

import pytest

from intents.articles import cited_intent
from intents.evaluate import ACTING
from intents.matcher import IntentMatch, Matcher
from intents.taxonomy import ACTION_INTENTS
from intents.understand import understand
from tests.intents.fixture_pack import intent_of
from tests.intents.shipped import PACK_OF, reads


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "I no longer use your services and want you to delete all my data"),
        ("en", "I no longer use your services, please delete my data"),
        (
            "en",
            "Dear Sir or Madam, I no longer use your services and I would like all of my data "
            "removed from your systems. Regards, Jane",
        ),
        ("en", "I don't use your services anymore so please erase everything you have about me"),
        ("bg", "вече не съм ваш клиент, моля изтрийте личните ми данни"),
        ("ro", "Nu mai folosesc serviciile voastre si vreau sa stergeti datele mele"),
        ("sl", "Ne uporabljam več vaših storitev in želim, da izbrišete moje podatke"),
    ],
)
def test_a_reason_before_the_request_does_not_hide_the_erasure(
    matchers: dict[str, Matcher], lang: str, text: str
) -> None:
    result = understand(matchers[PACK_OF[lang]], text, lang)
    assert intent_of(result) == "erase"
    if isinstance(result, IntentMatch) and result.also:
        assert result.also == "withdraw_consent"  # the reason is still offered, never started


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("bg", "как да изтрия снимка от профила си"),
        ("bg", "искам да изтрия една снимка от профила ми"),
        ("bg", "kak da iztriq snimka ot profila si"),
        ("en", "how do I delete a photo from my profile"),
        ("en", "delete all the photos I sent"),
        ("sl", "kako izbrišem fotografijo s profila"),
        ("ro", "cum sterg o poza din profilul meu"),
        # Changing one's mind about a photo sent to a contest withdraws no consent either.
        (
            "en",
            "Hello, I sent a picture of my kids to your Easter drawing contest on Messenger. "
            "I changed my mind about it, can you take the picture down please?",
        ),
    ],
)
def test_a_photo_from_ones_profile_is_no_erasure(
    matchers: dict[str, Matcher], lang: str, text: str
) -> None:
    assert reads(matchers, lang, text) not in ACTION_INTENTS


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "please delete my profile and all photos"),
        ("en", "delete my photos and all my data"),
        ("sl", "izbrišite vse moje podatke in fotografije"),
        ("bg", "изтрийте профила ми и снимките"),
    ],
)
def test_ones_profile_or_data_with_the_photos_is_still_an_erasure(
    matchers: dict[str, Matcher], lang: str, text: str
) -> None:
    assert reads(matchers, lang, text) == "erase"


@pytest.mark.parametrize(
    ("lang", "text", "intent"),
    [
        ("en", "Under Article 17 of the GDPR I request the deletion of my personal data.", "erase"),
        (
            "sl",
            "Zahtevam izbris mojih osebnih podatkov v skladu s 17. členom Splošne uredbe.",
            "erase",
        ),
        (
            "sl",
            "Na podlagi 15. člena GDPR zahtevam informacijo, katere podatke obdelujete.",
            "access",
        ),
        ("bg", "На основание чл. 17 от Регламента искам изтриване на данните ми.", "erase"),
        ("bg", "На основание чл. 20 ОРЗД моля да ми предоставите данните ми.", "export"),
        (
            "ro",
            "În temeiul art. 21 din GDPR mă opun prelucrării datelor mele.",
            "object_processing",
        ),
    ],
)
def test_a_request_citing_one_rights_article_is_a_request_under_it(
    matchers: dict[str, Matcher], lang: str, text: str, intent: str
) -> None:
    assert reads(matchers, lang, text) == intent


def test_citing_two_rights_articles_decides_nothing_by_itself() -> None:
    assert cited_intent("what do article 15 and article 17 say") is None
    assert cited_intent("čl. 17 GDPR") == "erase"
    assert cited_intent("Article 6 of the GDPR") is None  # not a right


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "am i talking to a human or a bot"),
        ("sl", "a si ti robot al človek"),
        ("bg", "с човек ли говоря или с бот"),
        ("ro", "vorbesc cu un om sau cu un robot"),
    ],
)
def test_asking_whether_one_talks_to_a_bot_hands_nothing_to_the_staff(
    matchers: dict[str, Matcher], lang: str, text: str
) -> None:
    # Handing over acts at once, without a question: only a request for a person may do it.
    assert reads(matchers, lang, text) != "human_agent"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "i want to talk to a human, not a bot"),
        ("sl", "rad bi govoril s človekom"),
        ("sl", "ali lahko govorim s človekom, ne z botom"),
    ],
)
def test_asking_for_a_person_still_hands_over(
    matchers: dict[str, Matcher], lang: str, text: str
) -> None:
    assert reads(matchers, lang, text) == "human_agent"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sl", "Pozdravljeni, moj sin ima 14 let in vam je pisal, kaj lahko naredim glede tega?"),
        ("en", "Hi, my 14 year old son has been messaging your page, what can I do about it?"),
        ("bg", "Здрасти, дъщеря ми е на 13 и ви е писала, може ли изобщо да го правите?"),
        ("ro", "Bună, fiul meu are 14 ani și v-a scris, ce pot face în privința asta?"),
    ],
)
def test_a_child_of_a_given_age_is_about_minors(
    matchers: dict[str, Matcher], lang: str, text: str
) -> None:
    assert reads(matchers, lang, text) == "children"


@pytest.mark.parametrize(
    ("lang", "text", "meant"),
    [
        ("en", "please delete the data of my 14 year old son", "erase"),
        ("en", "my son ordered 3 items, how long do you keep the order data", None),
        ("sl", "imam 2 otroka, kako dolgo hranite podatke", None),
    ],
)
def test_a_child_alone_or_a_request_about_one_is_not_overruled(
    matchers: dict[str, Matcher], lang: str, text: str, meant: str | None
) -> None:
    got = reads(matchers, lang, text)
    assert got != "children"
    if meant:
        assert got == meant


def test_a_clause_of_function_words_is_not_understood_alone(matchers: dict[str, Matcher]) -> None:
    # "zato vas prosim" (so I ask you) alone used to match `contact`, and win the message.
    text = "Dober dan. Ne bom več vaša stranka, zato vas prosim, da me izbrišete iz baz. Hvala"
    assert intent_of(understand(matchers["btc"], text, "sl")) != "contact"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "you are totally and utterly useless"),
        ("bg", "ботът ви е напълно безполезен"),
        ("ro", "e complet inutil botul vostru"),
    ],
)
def test_words_of_degree_weigh_nothing(matchers: dict[str, Matcher], lang: str, text: str) -> None:
    assert reads(matchers, lang, text) == "frustration"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "sorry, wrong button, I meant to check the parking prices"),
        ("sl", "ups, stop, napacen gumb sem pritisnil, hotel sem spored kina"),
        # A bill charged twice is the shop's to put right, not a personal record.
        ("sl", "popravite mi racun prosim, na blagajni so mi zaracunali dve kavi"),
    ],
)
def test_a_wrong_tap_corrects_nothing(matchers: dict[str, Matcher], lang: str, text: str) -> None:
    # Viewing what is held changes nothing ("check" reads as access): only acts count here.
    assert reads(matchers, lang, text) not in ACTING


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sl", "Pogovor z osebo ni potreben."),
        ("sl", "ne rabim cloveka, samo odgovor prosim"),
        ("en", "no need for a person, thanks"),
        ("en", "I don't need a human"),
    ],
)
def test_declining_a_person_asks_for_none(
    matchers: dict[str, Matcher], lang: str, text: str
) -> None:
    assert reads(matchers, lang, text) != "human_agent"


def test_declining_the_bot_still_asks_for_a_person(matchers: dict[str, Matcher]) -> None:
    assert reads(matchers, "sl", "nocem se mencat z botom, dajte mi cloveka") == "human_agent"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "unsubscribe me from the kids workshop on saturday"),
        ("sl", "kako se odjavim od delavnice za otroke"),
        ("en", "remove my car from the tow list please"),
    ],
)
def test_an_event_or_a_tow_list_is_no_subscription_or_record(
    matchers: dict[str, Matcher], lang: str, text: str
) -> None:
    assert reads(matchers, lang, text) not in ACTING


def test_a_hand_over_names_a_person_or_talking(matchers: dict[str, Matcher]) -> None:
    # "connected" read close to "connect me to an operator": the erasure was handed over.
    text = (
        "Hi, I was in Slovenia for a semester and I'm going back home, so please wipe my "
        "profile and the personal info connected to it."
    )
    assert reads(matchers, "en", text) == "erase"
    assert reads(matchers, "en", "please connect me with a human") == "human_agent"
