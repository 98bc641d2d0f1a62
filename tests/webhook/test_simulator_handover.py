"""The simulator and a human in the thread: it shows who holds the thread, delivers the
person's messages as `standby` while the Page Inbox holds it, and releases it as the inbox
would (Meta's `pass_thread_control` event back to the bot)."""

from __future__ import annotations

import asyncio
from typing import Any

from tests.helpers import eventually
from tests.webhook.test_simulator import Client, client, sim

__all__ = ["client"]


async def holder(client: Client, psid: str) -> str:
    return str((await (await client.get(f"/dev/sent?psid={psid}")).json())["thread"])


async def quiet_send(client: Client, psid: str, text: str) -> int:
    """A message the bot must not answer: how many messages it sent within a moment."""
    before = len((await (await client.get(f"/dev/sent?psid={psid}")).json())["messages"])
    response = await client.post(
        "/simulator/send", json={"psid": psid, "kind": "message", "text": text}
    )
    assert (await response.json()) == {"webhook_status": 200}
    await asyncio.sleep(0.5)
    return len((await (await client.get(f"/dev/sent?psid={psid}")).json())["messages"]) - before


async def test_handover_round_trip_through_the_simulator(client: Client) -> None:
    psid = "sim-handover"
    await sim(client, psid=psid, locale="en_GB", kind="postback", payload="GET_STARTED")
    await sim(
        client, psid=psid, locale="en_GB", kind="message", text="yes", payload="CONSENT:profile:yes"
    )
    await sim(
        client, psid=psid, locale="en_GB", kind="message", text="no", payload="CONSENT:marketing:no"
    )
    assert await holder(client, psid) == "bot"
    told = await sim(client, psid=psid, locale="en_GB", kind="message", text="talk to a human")
    assert "passing our conversation" in told["messages"][0]["text"]
    assert await holder(client, psid) == "inbox"
    assert await quiet_send(client, psid, "hello?") == 0
    released = await client.post("/simulator/release", json={"psid": psid})
    assert (await released.json()) == {"webhook_status": 200, "thread": "bot"}
    assert await holder(client, psid) == "bot"

    async def told_back() -> bool:
        data: dict[str, Any] = await (await client.get(f"/dev/sent?psid={psid}")).json()
        return "the assistant, again" in data["messages"][-1]["message"].get("text", "")

    await eventually(told_back)
