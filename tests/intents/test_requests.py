"""Requests said in plain words that the scores read as the question beside them
(intents/requests.py): stopping the messages, stopping ads chosen from one's purchases,
changing a personal detail, asking for a person. And what must stay a question."""

from __future__ import annotations

import pytest

from intents.matcher import IntentMatch, Matcher, Vague
from intents.understand import understand
from tests.intents.shipped import PACK_OF, reads


@pytest.mark.parametrize(
    ("lang", "text", "intent"),
    [
        (
            "en",
            "I keep getting your promo emails even though I never shop there, stop it",
            "unsubscribe",
        ),
        ("en", "please don't send me any more of those offers", "unsubscribe"),
        ("sl", "kar naprej mi posiljate ponudbe, nehajte prosim", "unsubscribe"),
        ("bg", "всеки ден получавам рекламни съобщения от вас, спрете ги", "unsubscribe"),
        ("ro", "primesc zilnic oferte de la voi, opriti-le va rog", "unsubscribe"),
        ("en", "stop showing me adverts based on my shopping history", "object_processing"),
        ("sl", "nehajte mi kazati oglase glede na moje nakupe", "object_processing"),
        ("bg", "не искам реклами според това какво купувам", "object_processing"),
        ("ro", "nu vreau reclame personalizate dupa cumparaturile mele", "object_processing"),
        ("sl", "ne zelim vec, da moje podatke uporabljate za analize", "object_processing"),
        ("en", "i don't want you using my data for profiling", "object_processing"),
        ("en", "my phone number is different now, can you update it", "rectify"),
        ("sl", "poročila sem se, prosim spremenite moj priimek", "rectify"),
        ("bg", "смених си адреса, моля поправете го", "rectify"),
        ("ro", "mi-am schimbat numele de familie, va rog sa-l modificati", "rectify"),
        ("en", "the menu doesn't help, I need to speak with a real person", "human_agent"),
        ("sl", "rad bi govoril s kakšnim zaposlenim, ne z avtomatom", "human_agent"),
        ("bg", "искам да говоря с човек от екипа ви", "human_agent"),
        ("ro", "as vrea sa vorbesc cu un angajat de la voi", "human_agent"),
    ],
)
def test_a_plain_request_is_the_request(
    matchers: dict[str, Matcher], lang: str, text: str, intent: str
) -> None:
    assert reads(matchers, lang, text) == intent


@pytest.mark.parametrize(
    ("lang", "text", "not_meant"),
    [
        # Questions beside the requests: nothing is asked for.
        ("en", "why do I see personalised ads", "object_processing"),
        ("en", "will you tell me by email when the privacy policy changes", "rectify"),
        (
            "en",
            "how long do you keep my personal details after I stop talking to this bot",
            "human_agent",
        ),
        ("ro", "ieri m-a sunat cineva cu o oferta, cine v-a dat numarul meu", "human_agent"),
        ("en", "stop at the corner by the red light", "unsubscribe"),
        ("ro", "pe ce baza legala imi trimiteti reclame, nu am fost de acord", "object_processing"),
        # A story of unsubscribing long ago, then another question understood clearly.
        (
            "bg",
            "прекратих абонамента преди година. Още ли държите данните ми и до кога?",
            "unsubscribe",
        ),
        ("sl", "ali se bo politika zasebnosti spremenila", "rectify"),
    ],
)
def test_a_question_or_an_everyday_stop_is_no_request(
    matchers: dict[str, Matcher], lang: str, text: str, not_meant: str
) -> None:
    assert reads(matchers, lang, text) != not_meant


def test_a_childs_newsletter_is_a_question_about_minors(matchers: dict[str, Matcher]) -> None:
    text = "may my 14 year old son sign up to your newsletter by himself?"
    assert reads(matchers, "en", text) == "children"


@pytest.mark.parametrize(
    ("lang", "text", "intent"),
    [
        # Under the threshold, but only one topic's own word is there, and data is named.
        ("sl", "dejte me ze pobrisat iz vasih baz", "erase"),
        ("ro", "stergeti-mi odata contul cu date cu tot", "erase"),
        ("en", "nuke my account with all the data on it", "erase"),
    ],
)
def test_one_topics_own_word_with_data_named_is_understood(
    matchers: dict[str, Matcher], lang: str, text: str, intent: str
) -> None:
    assert reads(matchers, lang, text) == intent


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "which shop here sells the best cookies"),
        ("en", "remove the blue jacket from my basket"),
        ("sl", "pokazi mi pot do parkirisca za kolesa"),
        ("bg", "рецепта за бисквитки с шоколад моля"),
    ],
)
def test_a_topics_word_about_something_else_stays_out_of_scope(
    matchers: dict[str, Matcher], lang: str, text: str
) -> None:
    assert reads(matchers, lang, text) is None


@pytest.mark.parametrize(
    ("text", "not_meant"),
    [
        ("i object to the new parking fees", "object_processing"),
        ("remove my car from the tow list", "erase"),
    ],
)
def test_an_act_named_about_something_else_does_not_act(
    matchers: dict[str, Matcher], text: str, not_meant: str
) -> None:
    assert reads(matchers, "en", text) != not_meant


def test_a_bare_objection_still_objects(matchers: dict[str, Matcher]) -> None:
    assert reads(matchers, "en", "I object") == "object_processing"
    assert reads(matchers, "ro", "ma opun") == "object_processing"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "I stopped getting your newsletter, why?"),
        ("en", "why did you stop sending me offers"),
        ("sl", "zakaj ste prenehali posiljati novice"),
        ("bg", "защо спряхте да ми пращате бюлетина"),
        ("ro", "de ce ati oprit mesajele promotionale"),
    ],
)
def test_asking_why_the_messages_stopped_changes_no_subscription(
    matchers: dict[str, Matcher], lang: str, text: str
) -> None:
    assert reads(matchers, lang, text) not in {"unsubscribe", "resubscribe"}


def test_why_with_a_plain_stop_still_stops(matchers: dict[str, Matcher]) -> None:
    assert reads(matchers, "en", "why do you keep sending me this spam, stop it") == "unsubscribe"
    assert reads(matchers, "sl", "zakaj mi posiljate reklame, nehajte prosim") == "unsubscribe"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "could you take down the review I left on your page"),
        ("bg", "изтрийте отзива ми за магазина"),
        ("ro", "stergeti recenzia pe care am lasat-o"),
    ],
)
def test_a_review_is_no_erasure(matchers: dict[str, Matcher], lang: str, text: str) -> None:
    assert reads(matchers, lang, text) != "erase"


def test_an_account_named_beside_the_reviews_is_still_erased(matchers: dict[str, Matcher]) -> None:
    assert reads(matchers, "en", "please delete my account and all my reviews") == "erase"


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("how do i unsubscirbe from the newsletter", "unsubscribe"),
        ("how long do you retian my purchase data", "retention"),
    ],
)
def test_two_letters_swapped_are_read_as_meant(
    matchers: dict[str, Matcher], text: str, intent: str
) -> None:
    assert reads(matchers, "en", text) == intent


@pytest.mark.parametrize(
    ("lang", "text", "not_meant"),
    [
        # A talk that happened is a story, not a wish to talk.
        ("en", "I talked to a person at the store and they were rude", "human_agent"),
        ("bg", "govorih s chovek v ofisa vi i beshe grub", "human_agent"),
        ("ro", "am vorbit cu o persoana la receptie si a fost nepoliticoasa", "human_agent"),
        # Orders and appointments are not one's data.
        ("en", "stop processing my order", "object_processing"),
        ("sl", "hocem preklicat narocilo", "withdraw_consent"),
        ("ro", "vreau sa anulez programarea", "withdraw_consent"),
        ("ro", "stergeti programarea mea", "erase"),
        # Withdrawing from a contest, a vote or a complaint withdraws no consent.
        ("en", "i want to withdraw from the photo contest", "withdraw_consent"),
        ("en", "i no longer agree with the parking fees", "withdraw_consent"),
        ("en", "please withdraw my complaint about the cleaners", "withdraw_consent"),
        # Fixing a thing is no correction of one's data.
        ("sl", "kje mi lahko popravijo kolo", "rectify"),
        ("en", "can you fix my bike", "rectify"),
        # Money and memberships elsewhere are none of ours.
        ("en", "i want to withdraw some cash, where is the atm", "withdraw_consent"),
        ("sl", "rad bi dvignil denar, kje je bankomat", "withdraw_consent"),
        ("en", "how can i unsubscribe from my fitness membership", "unsubscribe"),
        ("sl", "kako se odjavim od clanarine za fitnes", "unsubscribe"),
    ],
)
def test_a_story_or_an_order_is_no_request(
    matchers: dict[str, Matcher], lang: str, text: str, not_meant: str
) -> None:
    assert reads(matchers, lang, text) != not_meant


def test_a_wish_after_a_story_still_asks_for_a_person(matchers: dict[str, Matcher]) -> None:
    text = "I spoke to your staff yesterday but I'd like to talk to someone again about my data"
    assert reads(matchers, "en", text) == "human_agent"
    assert reads(matchers, "sl", "rad bi se pogovoril z zivo osebo") == "human_agent"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "sl",
            "Po pomoti sem se odjavil od novic, zdaj pa ne dobim vec kuponov. Me prijavite nazaj?",
        ),
        (
            "en",
            "I unsubscribed from your newsletter by accident last week. Can you sign me up again?",
        ),
    ],
)
def test_having_unsubscribed_is_the_story_of_signing_up_again(
    matchers: dict[str, Matcher], lang: str, text: str
) -> None:
    assert reads(matchers, lang, text) == "resubscribe"


def test_a_refused_wish_is_still_no_resubscription(matchers: dict[str, Matcher]) -> None:
    assert reads(matchers, "bg", "не искам да получавам оферти") != "resubscribe"
    assert reads(matchers, "sl", "nocem vec prejemati vasih ponudb") != "resubscribe"


def test_a_story_of_signing_up_then_a_stop_is_a_stop(matchers: dict[str, Matcher]) -> None:
    text = (
        "Dober dan, vsak dan dobim SMS s ponudbami, pa se ne spomnim, da bi se prijavila. "
        "Prosim, odstranite me s seznama za SMS obvestila. Hvala"
    )
    assert reads(matchers, "sl", text) == "unsubscribe"


@pytest.mark.parametrize(
    ("lang", "text", "intent"),
    [
        (
            "sl",
            "rad bi vse svoje podatke o nakupih dobil v datoteki, da jih prenesem drugam",
            "export",
        ),
        ("ro", "as vrea istoricul cumparaturilor intr-un fisier excel", "export"),
        (
            "en",
            "Under Article 7(3) GDPR I withdraw my consent to direct marketing.",
            "withdraw_consent",
        ),
    ],
)
def test_a_file_is_an_export_and_article_7_3_a_withdrawal(
    matchers: dict[str, Matcher], lang: str, text: str, intent: str
) -> None:
    assert reads(matchers, lang, text) == intent


def test_article_7_alone_cites_no_right(matchers: dict[str, Matcher]) -> None:
    assert reads(matchers, "en", "what does article 7 of the gdpr say") != "withdraw_consent"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "could you take my email off your list please"),
        ("sl", "umaknite me s spiska za obvestila"),
        ("bg", "махнете ме от списъка ви"),
        ("ro", "scoateti-mi adresa de pe lista voastra"),
    ],
)
def test_off_the_list_is_unsubscribing(matchers: dict[str, Matcher], lang: str, text: str) -> None:
    assert reads(matchers, lang, text) == "unsubscribe"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "remove my bike from the repair list"),
        ("en", "remove me from your customer database"),
        ("sl", "odstrani moj avto s seznama"),
    ],
)
def test_another_list_is_no_unsubscribing(
    matchers: dict[str, Matcher], lang: str, text: str
) -> None:
    assert reads(matchers, lang, text) != "unsubscribe"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sl", "zakaj sploh zbirate podatke o moji lokaciji"),
        ("en", "why do you collect my location when i use the app"),
        ("bg", "защо събирате моя телефонен номер"),
    ],
)
def test_why_data_is_collected_asks_its_purpose(
    matchers: dict[str, Matcher], lang: str, text: str
) -> None:
    assert reads(matchers, lang, text) == "data_use"


@pytest.mark.parametrize(
    ("lang", "text", "intent"),
    [
        (
            "en",
            "Hi, I signed up for your raffle at the mall two years back and I guess you still "
            "have my details. I would like all of that erased please. Thanks",
            "erase",
        ),
        (
            "sl",
            "Dober dan, ne strinjam se, da moje nakupe uporabljate za oglase. Ugovarjam taki "
            "obdelavi. Lp",
            "object_processing",
        ),
    ],
)
def test_the_part_that_asks_wins_over_the_story(
    matchers: dict[str, Matcher], lang: str, text: str, intent: str
) -> None:
    assert reads(matchers, lang, text) == intent


@pytest.mark.parametrize(
    ("lang", "text", "intent"),
    [
        ("en", "does ur site use cookiws", "cookies"),
        ("en", "how do i objrct to procwssing", "object_processing"),
        ("sl", "kako dolgo hranite moje podatje", "retention"),
    ],
)
def test_one_slip_of_a_finger_is_read_as_meant(
    matchers: dict[str, Matcher], lang: str, text: str, intent: str
) -> None:
    assert reads(matchers, lang, text) == intent


def test_a_slip_into_a_far_letter_is_no_other_word(matchers: dict[str, Matcher]) -> None:
    # "obroke" (instalments) is one letter from "otroke" (children), but b and t are far apart.
    assert reads(matchers, "sl", "lahko placam na obroke") is None


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sl", "glede mojih podatkov"),
        ("en", "regarding my data"),
        ("ro", "referitor la datele mele"),
    ],
)
def test_a_framed_my_data_is_vague(matchers: dict[str, Matcher], lang: str, text: str) -> None:
    result = understand(matchers[PACK_OF[lang]], text, lang)
    assert isinstance(result, Vague)


@pytest.mark.parametrize(
    ("lang", "text", "intent"),
    [
        ("sl", "pomotoma sem se odjavila, dajte me prosim nazaj", "resubscribe"),
        ("en", "i unsubscribed by accident, can you sign me up again", "resubscribe"),
        ("sl", "prijavila sem se na e-novice, zdaj pa me odjavite", "unsubscribe"),
    ],
)
def test_the_later_change_of_a_subscription_is_the_request(
    matchers: dict[str, Matcher], lang: str, text: str, intent: str
) -> None:
    result = understand(matchers[PACK_OF[lang]], text, lang)
    assert isinstance(result, IntentMatch)
    assert (result.intent, result.also) == (intent, "")


def test_starting_again_after_a_stop_about_something_else_is_nothing(
    matchers: dict[str, Matcher],
) -> None:
    assert reads(matchers, "en", "stop the bus i want to start again") is None
    text = "odjavila sem se iz hotela, zdaj bi se rada spet prijavila"  # checked out, in
    assert reads(matchers, "sl", text) != "resubscribe"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "i withdraw my consent"),
        ("en", "i no longer agree"),
        ("sl", "preklicujem"),
        ("sl", "umikam privolitev za obdelavo"),
        ("bg", "оттеглям съгласието си"),
        ("ro", "imi retrag consimtamantul"),
    ],
)
def test_withdrawing_consent_still_is(matchers: dict[str, Matcher], lang: str, text: str) -> None:
    assert reads(matchers, lang, text) == "withdraw_consent"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "I asked you to delete my data 3 weeks ago and nobody answered, what's going on"),
        ("en", "I requested a copy of my data last month, still waiting"),
        ("sl", "poslala sem prosnjo za izbris, pa ni nobenega odziva"),
        ("sl", "zahtevala sem kopijo podatkov in se vedno cakam"),
        ("bg", "поисках изтриване на данните си преди месец и още чакам"),
        ("en", "have you deleted my data yet"),
        ("sl", "a ste ze izbrisali moje podatke?"),
        (
            "sl",
            "sem ze enkrat pisal glede izbrisa podatkov pa mi ni nihce odgovoril, kaj je s tem?",
        ),
        ("ro", "am depus o cerere de stergere acum o luna si inca astept"),
    ],
)
def test_a_request_chased_asks_where_it_stands(
    matchers: dict[str, Matcher], lang: str, text: str
) -> None:
    # Not "delete everything?" again: the person asks what became of the request they made.
    assert reads(matchers, lang, text) == "request_status"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "I sent you my details for the contest and won nothing, please delete them"),
        ("en", "I already deleted the app, please delete my data too"),
        ("sl", "sem ze izbrisal aplikacijo, zdaj pa zbrisite se podatke"),
    ],
)
def test_an_erasure_asked_beside_a_story_is_no_request_chased(
    matchers: dict[str, Matcher], lang: str, text: str
) -> None:
    assert reads(matchers, lang, text) == "erase"


def test_an_objection_said_with_its_verb_objects_without_asking_which(
    matchers: dict[str, Matcher],
) -> None:
    text = (
        "Good morning, I object to the processing of my personal data for the purposes of "
        "profiling and direct marketing. Please confirm once this has been done. Regards"
    )
    result = understand(matchers["btc"], text, "en")
    assert isinstance(result, IntentMatch) and result.intent == "object_processing"


def test_a_plain_request_misspelt_is_read_as_meant(matchers: dict[str, Matcher]) -> None:
    assert reads(matchers, "sl", "kako popravim svoj emal naslv pri vas") == "rectify"


def test_an_unsubscription_told_before_signing_up_again_is_not_offered_too(
    matchers: dict[str, Matcher],
) -> None:
    text = "i unsubscribed by mistake, can you turn the offers back on"
    result = understand(matchers["btc"], text, "en")
    assert isinstance(result, IntentMatch) and result.intent == "resubscribe"
    assert not result.also  # before: "you also asked: stop the messages"


@pytest.mark.parametrize(
    ("lang", "text"), [("sl", "ne zelim reklam"), ("en", "i don't want your newsletter")]
)
def test_not_wanting_what_is_sent_asks_to_stop_it(
    matchers: dict[str, Matcher], lang: str, text: str
) -> None:
    # Asked back ("Stop promotional messages?") before anything changes.
    assert reads(matchers, lang, text) == "unsubscribe"


@pytest.mark.parametrize(
    "text",
    [
        "pozdravljeni, lani sem sodeloval v vasi nagradni igri in takrat dal svoj email, zdaj "
        "pa mi ves cas prihajajo vasi maili. kako se jih znebim?",
        "vas chatbot mi vsak dan posilja obvestila, kako lahko to izklopim?",
    ],
)
def test_getting_rid_of_the_messages_asks_to_stop_them(
    matchers: dict[str, Matcher], text: str
) -> None:
    assert reads(matchers, "sl", text) == "unsubscribe"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sl", "ste ze spremenili politiko zasebnosti?"),
        ("en", "have you already updated your privacy policy?"),
    ],
)
def test_a_policy_asked_about_as_changed_is_no_request_chased(
    matchers: dict[str, Matcher], lang: str, text: str
) -> None:
    assert reads(matchers, lang, text) == "policy_changes"
