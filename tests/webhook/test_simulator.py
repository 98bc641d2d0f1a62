"""The development simulator: the page's taps become correctly signed webhook events that the
bot answers, and the browser is never handed the app secret."""

from __future__ import annotations

from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from bot.settings import Settings
from tests.conftest import make_settings
from tests.helpers import APP_SECRET, eventually
from webhook.app import create_app
from webhook.keys import SERVICES

Client = TestClient[Any, Any]


@pytest.fixture
async def client(settings: Settings, aiohttp_client: Any) -> Client:
    made: Client = await aiohttp_client(create_app(settings))
    return made


async def sim(client: Client, **fields: Any) -> dict[str, Any]:
    """One tap or message through the page's endpoint; the bot's new replies."""
    psid = fields["psid"]
    sent = client.app[SERVICES].fake_graph
    assert sent is not None
    before = len(sent.sent_to(psid))
    response = await client.post("/simulator/send", json=fields)
    assert response.status == 200, await response.text()
    assert (await response.json()) == {"webhook_status": 200}
    await eventually(lambda: len(sent.sent_to(psid)) > before)
    await eventually(_settled(client, psid), timeout=5)
    return {"messages": [m["message"] for m in await _read(client, psid, before)]}


def _settled(client: Client, psid: str) -> Any:
    """The worker has finished the person's event when nothing more arrives for a moment."""
    fake = client.app[SERVICES].fake_graph
    assert fake is not None
    seen = {"n": -1}

    def check() -> bool:
        now = len(fake.sent_to(psid))
        done = now == seen["n"]
        seen["n"] = now
        return done

    return check


async def _read(client: Client, psid: str, after: int) -> list[dict[str, Any]]:
    response = await client.get(f"/dev/sent?psid={psid}&after={after}")
    return list((await response.json())["messages"])


def quick(messages: list[dict[str, Any]]) -> dict[str, str]:
    return {q["payload"]: q["title"] for m in messages for q in m.get("quick_replies", [])}


async def test_a_first_contact_from_the_page_reaches_the_bot_and_takes_the_chosen_locale(
    client: Client,
) -> None:
    psid = "9100000000000001"
    first = await sim(
        client,
        psid=psid,
        locale="en_US",
        kind="postback",
        payload="GET_STARTED",
        title="Get Started",
    )
    assert "CONSENT:profile:yes" in quick(first["messages"])
    title = quick(first["messages"])["CONSENT:profile:yes"]
    await sim(client, psid=psid, locale="en_US", text=title, payload="CONSENT:profile:yes")
    services = client.app[SERVICES]
    user = await services.store.load(psid)
    profile = user.profile() or {}
    assert profile.get("first_name") == "Sam" and profile.get("locale") == "en_US"
    assert user.language == "en"


async def test_typed_text_and_a_menu_postback_get_answers(client: Client) -> None:
    psid = "9100000000000002"
    await sim(client, psid=psid, locale="sl_SI", kind="postback", payload="GET_STARTED")
    typed = await sim(client, psid=psid, locale="sl_SI", text="kaj piše v politiki?")
    assert typed["messages"]
    menu = await sim(
        client,
        psid=psid,
        locale="sl_SI",
        kind="postback",
        payload="INTENT:policy_overview",
        title="Politika zasebnosti",
    )
    assert any(m.get("text") for m in menu["messages"])


async def test_the_marketing_opt_in_button_stores_a_token_like_meta_would(client: Client) -> None:
    psid = "9100000000000003"
    await sim(client, psid=psid, locale="sl_SI", kind="postback", payload="GET_STARTED")
    response = await client.post(
        "/simulator/send",
        json={
            "psid": psid,
            "kind": "optin",
            "payload": "MM_OPTIN",
            "title": "Novosti BTC",
            "timezone": "Europe/Ljubljana",
        },
    )
    assert (await response.json()) == {"webhook_status": 200}
    store = client.app[SERVICES].store

    async def has_token() -> bool:
        return bool((await store.load(psid)).get("mm:token"))

    await eventually(has_token)
    user = await store.load(psid)
    assert (user.get("mm:token") or "").startswith("sim-mm-")
    assert int(user.get("mm:expiry") or 0) > 0
    assert user.get("mm:timezone") == "Europe/Ljubljana"


async def test_the_page_and_its_assets_never_carry_the_app_secret(client: Client) -> None:
    for path in (
        "/simulator",
        "/simulator/static/simulator.js",
        "/simulator/static/simulator.css",
        "/simulator/config",
    ):
        response = await client.get(path)
        assert response.status == 200, path
        assert APP_SECRET not in await response.text()
        assert "default-src 'self'" in response.headers.get("Content-Security-Policy", "")
    config = await (await client.get("/simulator/config")).json()
    payloads = [item["payload"] for item in config["menus"]["sl"]]
    assert payloads == [
        "INTENT:policy_overview",
        "INTENT:access",
        "INTENT:erase",
        "INTENT:unsubscribe",
    ]
    assert (await client.get("/simulator/static/app.py")).status == 404


async def test_a_cross_site_form_cannot_post_events(client: Client) -> None:
    body = '{"psid": "92", "text": "hi"}'
    response = await client.post(
        "/simulator/send", data=body, headers={"Content-Type": "text/plain"}
    )
    assert response.status == 400
    fake = client.app[SERVICES].fake_graph
    assert fake is not None and fake.sent_to("92") == []


@pytest.mark.parametrize(
    "body",
    [
        {"psid": "../etc", "text": "hi"},
        {"psid": "91", "locale": "xx_XX", "text": "hi"},
        {"psid": "91", "text": "   "},
        {"psid": "91", "text": "hi", "raw_event": {"sender": {"id": "someone-else"}}},
        {"psid": "91", "kind": "delivery"},
    ],
)
async def test_the_page_cannot_send_anything_but_a_persons_input(
    client: Client, body: dict[str, Any]
) -> None:
    response = await client.post("/simulator/send", json=body)
    assert response.status == 400
    fake = client.app[SERVICES].fake_graph
    assert fake is not None and fake.sent_to("91") == []


async def test_production_has_no_simulator_but_serves_the_api_document(
    settings: Settings, redis_url: str, prefix: str, tmp_path: Any
) -> None:
    production = make_settings(redis_url, prefix, tmp_path, privacybot_env="production")
    paths = {r.canonical for r in create_app(production).router.resources()}
    assert "/admin/api/openapi.json" in paths
    assert not any(p.startswith(("/simulator", "/dev/")) for p in paths)
    development = {r.canonical for r in create_app(settings).router.resources()}
    assert {"/simulator", "/simulator/send"} <= development
