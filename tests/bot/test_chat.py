"""`privacybot chat` against a running bot: signed events out, numbered quick replies in."""

from __future__ import annotations

from typing import Any

import aiohttp

from bot.cli.chat import ChatClient
from bot.settings import Settings
from tests.helpers import APP_SECRET
from webhook.app import create_app


async def test_a_terminal_conversation(settings: Settings, aiohttp_server: Any) -> None:
    # Marketing Messages on: the terminal shows the opt-in card too.
    on = settings.model_copy(update={"marketing_messages": "on"})
    server = await aiohttp_server(create_app(on))
    chat = ChatClient(str(server.make_url("")), APP_SECRET, "p-terminal")
    async with aiohttp.ClientSession() as session:
        assert await chat.post(session, chat.item_for("zivjo")) == 200
        shown = chat.render(await chat.replies(session))
        assert "bot> " in shown and "[1] Da" in shown
        assert await chat.post(session, chat.item_for("2")) == 200  # "Ne" by its number
        shown = chat.render(await chat.replies(session))
        assert "ne bom pridobil" in shown
        assert await chat.post(session, chat.item_for("1")) == 200  # marketing: "Da"
        shown = chat.render(await chat.replies(session))
        # The Marketing Messages opt-in card shows its words, not an empty line.
        assert "bot> [" in shown and "Get updates" in shown


async def test_after_a_hand_over_the_terminal_writes_as_standby(
    settings: Settings, aiohttp_server: Any
) -> None:
    server = await aiohttp_server(create_app(settings))
    chat = ChatClient(str(server.make_url("")), APP_SECRET, "p-terminal-inbox")
    async with aiohttp.ClientSession() as session:
        await chat.post(session, chat.item_for("zivjo"))
        await chat.replies(session)
        await chat.post(session, chat.item_for("zelim govoriti s clovekom"))
        await chat.replies(session)
        assert chat.inbox  # the Page Inbox holds the thread now
        # As Meta does: what the person writes goes to the bot as standby, and it is silent
        # (before, the terminal wrote as if the bot held the thread, and it took it back).
        await chat.post(session, chat.item_for("hej, je kdo tu?"))
        assert not await chat.replies(session)
        assert chat.inbox
