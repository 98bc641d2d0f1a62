"""`privacybot setup-page` sends Meta's Messenger Profile shapes within Meta's limits."""

from __future__ import annotations

from bot.graph.setup_page import describe, messenger_profile
from bot.services import open_services
from bot.settings import Settings


async def test_get_started_greeting_and_menu_in_one_call(settings: Settings) -> None:
    async with open_services(settings) as services:
        profile = messenger_profile(services.pack)
        await services.graph.set_messenger_profile(profile)
        assert services.fake_graph is not None
        (request,) = services.fake_graph.requests
    assert request.path.endswith("/me/messenger_profile")
    body = request.body
    assert body["get_started"] == {"payload": "GET_STARTED"}
    locales = [g["locale"] for g in body["greeting"]]
    assert locales[0] == "default" and "en_US" in locales
    assert all(len(g["text"]) <= 160 for g in body["greeting"])
    menu = body["persistent_menu"][0]["call_to_actions"]
    assert [a["payload"] for a in menu] == [
        "INTENT:policy_overview",
        "INTENT:access",
        "INTENT:erase",
        "INTENT:unsubscribe",
    ]
    assert all(len(a["title"]) <= 30 for a in menu)
    assert "Izbriši moje podatke" in describe(profile)
