"""Messages a phone can read: every flow of every pack, walked through signed webhooks,
sends no bubble over 1,000 characters; the data view's first bubble is at most 640."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from intents.pack import available_packs, load_pack
from tests.conftest import make_settings
from tests.helpers import Person
from webhook.app import create_app

BUBBLE_MAX = 1000
FIRST_VIEW_MAX = 640
HELLO = {"sl": "zivjo", "en": "hello", "bg": "здравейте", "ro": "bună ziua"}


@pytest.mark.slow
@pytest.mark.parametrize("pack", available_packs())
async def test_no_bubble_of_any_flow_is_over_1000_characters(
    redis_url: str, prefix: str, tmp_path: Path, aiohttp_client: Any, pack: str
) -> None:
    client = await aiohttp_client(
        create_app(make_settings(redis_url, prefix, tmp_path, policy_pack=pack))
    )
    loaded = load_pack(pack)
    person = Person(client, f"len-{pack}")
    person.fake.profiles[person.psid] = {"first_name": "Ana", "last_name": "Novak"}
    sent = [*await person.say(HELLO[loaded.default_language])]
    for step in ("CONSENT:profile:more", "CONSENT:profile:yes", "CONSENT:marketing:more"):
        sent += await person.tap(step)
    sent += await person.tap("CONSENT:marketing:yes")
    view = await person.press("INTENT:access")
    assert len(view[0]["text"]) <= FIRST_VIEW_MAX
    sent += view
    for intent in loaded.intents:
        sent += await person.tap(f"INTENT:{intent}")
    sent += await person.tap("RECTIFY:last_name")
    sent += await person.say("Kovač")
    sent += await person.tap("RECTIFY:yes")
    sent += await person.say("kaj je to")  # not understood: the menu
    longest = max(sent, key=lambda m: len(m.get("text", "")))
    assert len(longest.get("text", "")) <= BUBBLE_MAX, longest["text"][:80]
