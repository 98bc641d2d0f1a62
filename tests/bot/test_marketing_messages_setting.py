"""MARKETING_MESSAGES=off (the default): a marketing "yes" gets no opt-in card, and a
person outside the 24-hour window is not reached through a token they still hold."""

from __future__ import annotations

import time
from typing import Any

from bot.broadcast.audience import estimate
from bot.broadcast.spec import BroadcastSpec
from bot.settings import Settings
from tests.helpers import Person
from webhook.app import create_app


async def test_off_by_default_no_card_and_no_token_route(
    settings: Settings, aiohttp_client: Any
) -> None:
    assert settings.marketing_messages == "off"
    client = await aiohttp_client(create_app(settings))
    eva = Person(client, "p-mm-off")
    await eva.say("zivjo")
    await eva.tap("CONSENT:profile:no")
    replies = await eva.tap("CONSENT:marketing:yes")
    assert not [m for m in replies if "attachment" in m]  # no notification_messages card

    services = eva.services
    day_and_a_half_ago = int((time.time() - 36 * 3600) * 1000)
    await services.redis.hset(
        services.keys.user(eva.psid),
        mapping={"last_action": day_and_a_half_ago, "mm:token": "T", "mm:status": "active"},
    )
    counts = await estimate(services, BroadcastSpec(text="-"), time.time())
    assert counts["eligible_by_token"] == 0
    assert counts["skipped"]["outside_window_no_token"] == 1
