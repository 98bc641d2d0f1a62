"""Wherever an answer invites putting the question to the privacy staff here, the quick reply
that records it is there: where the policy is silent, and where the answer says "ask here"."""

from __future__ import annotations

import re
from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from bot.answers import answer
from bot.pipeline.replies import ASK
from bot.rights.operations import requests
from bot.settings import Settings
from intents.pack import available_packs, load_pack
from tests.bot.test_questions import settled
from tests.helpers import joined, payloads
from webhook.app import create_app

Client = TestClient[Any, Any]
# Intents whose answer is a note before a flow of its own (docs/packs.md), not a reply.
FLOWS = {
    "access",
    "export",
    "rectify",
    "erase",
    "unsubscribe",
    "resubscribe",
    "withdraw_consent",
    "object_processing",
    "greeting",
    "help",
}


@pytest.fixture
async def client(settings: Settings, aiohttp_client: Any) -> Client:
    return await aiohttp_client(create_app(settings))


@pytest.mark.parametrize("intent", ["contact", "international_transfer"])
async def test_an_answer_that_says_ask_here_offers_to_ask_the_staff(
    client: Client, intent: str
) -> None:
    person = await settled(client, f"p-ask-{intent}")
    replies = await person.press(f"INTENT:{intent}")
    assert "zabeležimo" in joined(replies) and "Vir:" in joined(replies)
    assert f"ASK:{intent}" in payloads(replies)
    recorded = await person.tap(f"ASK:{intent}", "Vprašaj osebje")
    assert "zabeleženo" in joined(recorded)
    (record,) = await requests(person.services).list("open")
    assert (record.type, record.outcome) == ("question", f"question about {intent}")


def invites_asking(messages: tuple[str, ...]) -> bool:
    """An English answer with a sentence that sends the person to ask or write here, where
    it is recorded or the privacy staff answer."""
    sentences = re.split(r"(?<=[.!?])\s+", " ".join(messages))
    return any(
        re.search(r"\bhere\b", s) and re.search(r"\brecorded\b|privacy staff", s) for s in sentences
    )


@pytest.mark.parametrize("name", available_packs())
def test_every_pack_answer_inviting_a_question_offers_the_staff(name: str) -> None:
    pack = load_pack(name)
    for intent, spec in pack.intents.items():
        if intent in FLOWS:
            continue
        offered = ASK + intent in [
            q.payload for r in answer(pack, intent, "en") for q in r.quick_replies
        ]
        assert offered == invites_asking(spec.answer["en"]), (name, intent)
