"""'What's happening with my request?' answered from the store: each open request with its
status and the date its answer is due, or that none is open and how long one takes."""

from __future__ import annotations

from typing import Any

import pytest

from bot.rights.operations import requests
from bot.settings import Settings
from tests.bot.test_rights import onboarded
from tests.helpers import joined, payloads
from tests.webhook.console_helpers import Client
from webhook.app import create_app


@pytest.fixture
async def client(settings: Settings, aiohttp_client: Any) -> Client:
    return await aiohttp_client(create_app(settings))


async def test_an_open_request_is_shown_with_its_due_date(client: Client) -> None:
    person = await onboarded(client, "p-status")
    await person.press("INTENT:object_processing")  # an objection the staff will answer
    replies = joined(await person.say("kaj je z mojo zahtevo?"))
    assert "Odprte zahteve" in replies and "Ugovor obdelavi" in replies
    assert "rok " in replies  # the due date of the answer
    assert "ko odgovori, vam to sporočim" in replies


async def test_with_nothing_open_the_person_hears_how_long_a_request_takes(
    client: Client,
) -> None:
    person = await onboarded(client, "p-status-none", lang="en")
    said = await person.say("have you deleted my data yet?")
    replies = joined(said)
    assert "no open requests" in replies and "within a month" in replies
    assert "Source" not in replies  # not a policy answer: no section to name
    # Nothing was asked here: the request can be made now, or a person asked.
    assert {"INTENT:erase", "INTENT:access"} <= set(payloads(said[-1:]))


async def test_a_long_letter_can_be_passed_whole_so_no_point_is_lost(client: Client) -> None:
    person = await onboarded(client, "p-letter", lang="en")
    letter = (
        "Dear Sir or Madam, I am writing about my personal data. First, on what legal basis "
        "do you process it? Second, how long do you keep the recordings of your cameras? "
        "Third, who is your data protection officer? And finally, please tell me to which "
        "countries outside the EU my data is sent. I shall await your written reply to all "
        "of my points. Yours faithfully, Anna"
    )
    replies = await person.say(letter)
    assert "several points" in joined(replies) and "TO_STAFF" in payloads(replies)
    await person.tap("TO_STAFF", "Pass to the staff")
    (record,) = await requests(person.services).list("open")
    assert record.type == "question"
    assert "countries outside the EU" in requests(person.services).text_of(record)


async def test_three_questions_in_a_short_message_can_be_passed_whole(client: Client) -> None:
    person = await onboarded(client, "p-three")
    replies = await person.say(
        "imam tri vprasanja: kdo je vasa pooblascena oseba za podatke? koliko casa hranite "
        "moje podatke? ali delate profiliranje?"
    )
    # Two are answered; the third is not lost: all of it can go to the staff.
    assert "TO_STAFF" in payloads(replies)


async def test_a_letter_under_article_15_is_an_open_request_for_everything_held(
    client: Client,
) -> None:
    person = await onboarded(client, "p-art15", lang="en")
    letter = (
        "Dear Sir or Madam, pursuant to Article 15 of the GDPR I hereby request confirmation as "
        "to whether you process personal data concerning me and, where that is the case, a copy "
        "of that data together with the purposes, the recipients and the period for which it "
        "will be stored. I look forward to your reply within one month. Yours faithfully, Anna"
    )
    replies = await person.say(letter)
    assert "outside this chat" in joined(replies)
    # Not only the chat's summary, closed as done: the staff have the letter, on the clock.
    opened = await requests(person.services).list("open")
    assert [record.type for record in opened] == ["access"]
    assert "pursuant to Article 15" in requests(person.services).text_of(opened[0])


async def test_one_question_in_a_story_is_answered_without_the_letter_offer(
    client: Client,
) -> None:
    # A pensioner's story around one question read the offer as a brush-off.
    person = await onboarded(client, "p-story", lang="sl")
    replies = await person.say(
        "Dober dan, lani sem na vasem dogodku za upokojence izpolnila prijavnico in dala "
        "telefonsko stevilko, ker so obljubili nagrado. Nagrade ni bilo, zdaj pa me zanima "
        "nekaj drugega. Koliko casa hranite te moje podatke? Lep pozdrav, Marija"
    )
    assert "TO_STAFF" not in payloads(replies) and "hranimo" in joined(replies).lower()
