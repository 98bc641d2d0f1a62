from intents.clauses import clauses, marked_clauses
from intents.normalize import fold, has_cyrillic, tokens


def test_case_and_slovene_diacritics_fold() -> None:
    expected = fold("koliko casa hranite se zive podatke")
    assert fold("Koliko ČASA hranite ŠE žive podatke") == expected


def test_romanian_diacritics_fold_both_comma_and_cedilla_forms() -> None:
    assert fold("Ștergeți") == fold("Ştergeţi") == fold("stergeti")
    assert fold("înțelegere până") == fold("intelegere pana")


def test_cyrillic_stays_cyrillic() -> None:
    folded = fold("Изтрийте МОИТЕ данни")
    assert has_cyrillic(folded)
    assert "й" in folded  # the breve is part of the letter, not a diacritic to drop
    assert folded == folded.lower()


def test_punctuation_and_repeated_letters_fold() -> None:
    assert fold("pleaseeee STOPPP!!!") == fold("please stop")
    assert fold("...hello,   world?") == fold("hello world")


def test_numbers_and_emoji_stay_out() -> None:
    assert tokens("call me at 041 123 456 😀👍") == tokens("call me at")
    assert fold("😀 123 !!!") == ""


def test_tokens_keep_order() -> None:
    assert tokens("Delete my DATA") == ["delete", "my", "data"]


def test_clauses_know_which_sentences_ask() -> None:
    # "d.d." ends no sentence; every clause of the sentence with "?" asks, the rest tells.
    marked = marked_clauses(
        "Hi, I gave BTC, d.d. my number. How do you protect it, and who sees it? Thanks, Ana", "en"
    )
    asked = [part for part, question in marked if question]
    told = [part for part, question in marked if not question]
    assert asked == ["how do you protect it", fold("and who sees it")]
    assert told[0] == "i gave btc" and told[-1] == fold("my number")


def test_a_warm_sign_off_with_a_name_weighs_nothing() -> None:
    assert clauses("Kako to ustavim? Najlepša hvala, Vesna", "sl") == ["kako to ustavim"]


def test_an_answer_word_before_a_request_is_not_part_of_it() -> None:
    # "No. Delete everything pls": the "no" answers the bot; it does not negate the request.
    assert clauses("No. Delete everything pls", "en") == [fold("delete everything pls")]
    assert clauses("no need for a person", "en") == [fold("no need for a person")]
