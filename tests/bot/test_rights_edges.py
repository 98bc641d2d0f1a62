"""Rights at their edges: an erasure question the person moved on from, and export links
that must not outlive a newer link or the erasure."""

from __future__ import annotations

from typing import Any

import pytest

from bot.rights.operations import requests
from bot.settings import Settings
from tests.bot.test_rights import onboarded
from tests.helpers import joined, payloads
from tests.webhook.console_helpers import Client, add_user
from webhook.app import create_app


@pytest.fixture
async def client(settings: Settings, aiohttp_client: Any) -> Client:
    return await aiohttp_client(create_app(settings))


async def test_a_stray_ok_after_moving_on_does_not_erase(client: Client) -> None:
    person = await onboarded(client, "p-stray-ok")
    assert "ERASE:yes" in payloads(await person.say("izbrisi moje podatke"))
    assert "piškot" in joined(await person.say("kaj pa piskotki?")).lower()
    replies = await person.say("ok")
    assert "Izbrisano" not in joined(replies)
    assert (await person.services.store.load(person.psid)).profile() is not None


async def test_a_typed_yes_right_after_the_question_still_erases(client: Client) -> None:
    person = await onboarded(client, "p-typed-yes")
    await person.say("izbrisi moje podatke")
    assert "Izbrisano" in joined(await person.say("da"))


@pytest.mark.parametrize("nod", ["ok", "ok hvala", "sure why not", "v redu", "👍", "🙂", "k"])
async def test_a_nod_to_the_erasure_question_asks_for_a_clear_yes(client: Client, nod: str) -> None:
    person = await onboarded(client, "p-nod")
    await person.say("izbrisi moje podatke")
    replies = await person.say(nod)
    assert "Izbrisano" not in joined(replies) and "ERASE:yes" in payloads(replies)
    assert "Da, izbriši" in joined(replies)  # says which button decides
    assert (await person.services.store.load(person.psid)).profile() is not None
    assert "Izbrisano" in joined(await person.say("da"))  # the question is still open


async def test_a_named_field_is_asked_for_at_once(client: Client) -> None:
    person = await onboarded(client, "p-surname")
    replies = await person.say("porocila sem se, prosim spremenite moj priimek")
    assert "Priimek" in joined(replies) and "Kaj želite popraviti" not in joined(replies)


async def test_a_detail_the_chat_does_not_keep_goes_to_the_staff(client: Client) -> None:
    person = await onboarded(client, "p-mail")
    replies = await person.say("moj mail je napacen, prosim popravite ga")
    assert "osebju za zasebnost" in joined(replies) and "TO_STAFF" in payloads(replies)
    assert "Kaj želite popraviti" not in joined(replies)


async def test_one_detail_to_delete_goes_to_the_staff_not_everything(client: Client) -> None:
    person = await onboarded(client, "p-part")
    replies = await person.say("izbrisite prosim samo mojo telefonsko stevilko")
    assert "ERASE:yes" not in payloads(replies)  # no "delete everything?" for one number
    assert "osebju za zasebnost" in joined(replies) and "TO_STAFF" in payloads(replies)
    passed = await person.tap("TO_STAFF", "Predaj osebju")
    assert "Predano osebju" in joined(passed)
    (record,) = await requests(person.services).list("open")
    assert record.type == "erase"  # with the person's words, on the one-month clock
    assert "part of the data" in record.outcome
    assert (await person.services.store.load(person.psid)).profile() is not None
    everything = await person.tap("INTENT:erase", "Izbriši vse")  # still there to choose
    assert "ERASE:yes" in payloads(everything)


async def test_the_same_detail_asked_again_is_not_a_second_request(client: Client) -> None:
    person = await onboarded(client, "p-part-again")
    await person.say("izbrisite prosim samo mojo telefonsko stevilko")
    await person.tap("TO_STAFF", "Predaj osebju")
    await person.say("a lahko izbrisete samo telefonsko")
    again = await person.tap("TO_STAFF", "Predaj osebju")
    assert "že pri osebju" in joined(again)
    assert len(await requests(person.services).list("open")) == 1
    # Another detail is another request.
    await person.say("izbrisite se moj e-mail naslov")
    assert "Predano osebju" in joined(await person.tap("TO_STAFF", "Predaj osebju"))
    assert len(await requests(person.services).list("open")) == 2


async def test_a_detail_to_delete_named_beside_the_data_protection_staff(client: Client) -> None:
    person = await onboarded(client, "p-part-en", lang="en")
    text = (
        "Please forward my request to erase my mobile telephone number to your data "
        "protection staff."
    )
    replies = await person.say(text)
    # "data protection" names the staff, not the data: one number, not everything.
    assert "ERASE:yes" not in payloads(replies) and "TO_STAFF" in payloads(replies)


def export_path(replies: list[dict[str, Any]]) -> str:
    url = next(w for w in joined(replies).split() if "/export/" in w)
    return url.split("http://bot.test", 1)[1]


async def test_only_the_newest_export_link_works_and_none_after_erasure(client: Client) -> None:
    person = await onboarded(client, "p-two-links")
    older = export_path(await person.say("izvozi moje podatke"))
    newer = export_path(await person.say("izvozi moje podatke"))
    assert (await client.get(older)).status == 404
    await person.say("izbrisi moje podatke")
    await person.tap("ERASE:yes")
    assert (await client.get(newer)).status == 404


async def test_the_language_choices_are_named_not_coded(client: Client) -> None:
    person = await onboarded(client, "p-lang-names")
    await person.press("INTENT:rectify")
    asked = await person.tap("RECTIFY:language")
    titles = {q["title"]: q["payload"] for m in asked for q in m.get("quick_replies", [])}
    assert titles == {"Slovenščina": "sl", "English": "en"}


async def test_the_export_lists_requests_without_our_bookkeeping(client: Client) -> None:
    person = await onboarded(client, "p-export-requests")
    await person.press("INTENT:object_processing")  # an open request staff will answer
    answer = await client.get(export_path(await person.say("izvozi moje podatke")))
    requests = (await answer.json())["requests"]
    assert any(r["type"] == "object" and r["status"] == "open" for r in requests)
    assert all("psid_sealed" not in r and "psid_hash" not in r for r in requests)


async def test_the_export_says_when_messenger_could_not_reach_them(client: Client) -> None:
    person = await onboarded(client, "p-export-unreachable")
    services = person.services
    # A broadcast got error 551 for this person (what bot.broadcast.delivery stores).
    await services.redis.hset(services.keys.user(person.psid), "unreachable", "1790000000")
    token = await add_user(client, "admin", "Petra")  # they cannot ask: staff export for them
    answer = await client.get(
        f"/admin/api/users/{person.psid}/export", headers={"Authorization": f"Bearer {token}"}
    )
    assert (await answer.json())["unreachable_since"] == "2026-09-21T14:13:20+00:00"
    await person.say("zivjo")  # writing again: reachable, the mark is gone
    document = await (await client.get(export_path(await person.say("izvozi moje podatke")))).json()
    assert document["unreachable_since"] is None


async def test_what_is_held_outside_the_chat_can_be_asked_for_from_the_view(
    client: Client,
) -> None:
    person = await onboarded(client, "p-other-records")
    view = await person.say("pokazi mi moje podatke")
    assert "Druge evidence" in joined(view) and "ASK:access" in payloads(view)
    recorded = await person.tap("ASK:access", "Druge evidence")
    assert "zunaj tega klepeta" in joined(recorded)
    (record,) = await requests(person.services).list("open")
    assert (record.type, record.outcome) == ("access", "records held outside the chat")


@pytest.mark.parametrize("wait", ["hmm wait. keep it for now", "pocakajte, se ne"])
async def test_waiting_at_the_erasure_question_keeps_everything(client: Client, wait: str) -> None:
    # Before: "Sorry, I can't help with that", the question left open behind it.
    person = await onboarded(client, "p-wait")
    await person.say("izbrisi moje podatke")
    assert "ničesar ne izbrišem" in joined(await person.say(wait))
    assert (await person.services.store.load(person.psid)).profile() is not None


async def test_an_erasure_naming_the_loyalty_card_passes_that_part_to_the_staff(
    client: Client,
) -> None:
    # Before: only the chat was erased and she was told to write to us, which she had done.
    person = await onboarded(client, "p-card")
    said = "prosim izbrisite vse kar imate o meni, tudi podatke od kartice zvestobe"
    assert "ERASE:yes" in payloads(await person.say(said))
    done = await person.tap("ERASE:yes", "Da, izbriši")
    assert "kartica zvestobe" in joined(done) and "osebju" in joined(done)
    store = requests(person.services)
    (record,) = [r for r in await store.list("open") if r.type == "erase"]
    assert record.psid_sealed and store.text_of(record) == said  # the staff can answer her
