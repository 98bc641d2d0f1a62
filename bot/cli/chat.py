"""`privacybot chat`: talk to a running bot from a terminal, as Messenger would.

Each line typed becomes a signed webhook event; the bot's replies are read back from the
development fake Graph. Quick replies are numbered: type the number to tap one.
"""

from __future__ import annotations

import asyncio
import json
import secrets
import sys
import time
from typing import Any

import aiohttp

from bot.pipeline.signature import sign

_POLL_S = 0.1
_WAIT_S = 3.0


def event_body(psid: str, page_id: str, item: dict[str, Any], *, standby: bool = False) -> bytes:
    """Meta's envelope for one item; `standby`: another app (the Page Inbox) holds the
    thread, so Meta files it under `standby[]`."""
    now = int(time.time() * 1000)
    event = {"sender": {"id": psid}, "recipient": {"id": page_id}, "timestamp": now, **item}
    field = "standby" if standby else "messaging"
    envelope = {"object": "page", "entry": [{"id": page_id, "time": now, field: [event]}]}
    return json.dumps(envelope).encode()


def text_item(text: str, payload: str | None = None) -> dict[str, Any]:
    message: dict[str, Any] = {"mid": "m_chat_" + secrets.token_hex(8), "text": text}
    if payload is not None:
        message["quick_reply"] = {"payload": payload}
    return {"message": message}


class ChatClient:
    def __init__(
        self, base_url: str, app_secret: str, psid: str, locale: str = "sl_SI", page: str = "PAGE"
    ) -> None:
        self.page = page  # the entry id the events carry: a Page of PAGES_FILE, if one is used
        self.locale = locale
        self.base_url = base_url.rstrip("/")
        self.app_secret = app_secret
        self.psid = psid
        self.seen = 0
        self.quick: list[dict[str, str]] = []
        # The Page Inbox holds the thread (after "Talk to a person"): Meta then files what the
        # person writes under `standby[]`, as the simulator does.
        self.inbox = False

    async def post(self, session: aiohttp.ClientSession, item: dict[str, Any]) -> int:
        body = event_body(self.psid, self.page, item, standby=self.inbox)
        headers = {
            "X-Hub-Signature-256": sign(self.app_secret, body),
            "Content-Type": "application/json",
        }
        async with session.post(f"{self.base_url}/webhook", data=body, headers=headers) as r:
            return r.status

    async def replies(self, session: aiohttp.ClientSession) -> list[dict[str, Any]]:
        """Wait briefly for the bot's replies to the last input."""
        found: list[dict[str, Any]] = []
        deadline = time.monotonic() + _WAIT_S
        while time.monotonic() < deadline:
            url = f"{self.base_url}/dev/sent?psid={self.psid}&after={self.seen}"
            async with session.get(url) as response:
                data = await response.json()
            self.seen = data["next"]
            self.inbox = data.get("thread") == "inbox"
            found += [m["message"] for m in data["messages"]]
            if found and not data["messages"]:
                break
            await asyncio.sleep(_POLL_S)
        return found

    def render(self, messages: list[dict[str, Any]]) -> str:
        lines: list[str] = []
        for message in messages:
            lines.append("bot> " + _shown(message).replace("\n", "\n     "))
            self.quick = message.get("quick_replies") or self.quick
        if messages and messages[-1].get("quick_replies"):
            lines += [f"  [{i}] {q['title']}" for i, q in enumerate(self.quick, 1)]
        return "\n".join(lines)

    def item_for(self, line: str) -> dict[str, Any]:
        if line.isdigit() and 1 <= int(line) <= len(self.quick):
            choice = self.quick[int(line) - 1]
            return text_item(choice["title"], choice["payload"])
        return text_item(line)


async def run_chat(base_url: str, app_secret: str, psid: str, locale: str, page: str) -> int:
    client = ChatClient(base_url, app_secret, psid, locale, page)
    print(f"Talking to {base_url} as PSID {psid}. Type a message; Ctrl-D quits.")
    async with aiohttp.ClientSession() as session:
        query = {"psid": psid, "locale": client.locale}
        async with session.post(f"{client.base_url}/dev/profile", params=query):
            pass  # the fake Graph now reports this locale once profile consent is given
        await client.post(session, {"postback": {"title": "Get Started", "payload": "GET_STARTED"}})
        print(client.render(await client.replies(session)))
        while line := await asyncio.to_thread(_read_line):
            status = await client.post(session, client.item_for(line.strip()))
            if status != 200:
                print(f"(the bot answered HTTP {status})")
                continue
            shown = client.render(await client.replies(session))
            print(
                shown
                or ("(a person from the staff holds the thread)" if client.inbox else "(no reply)")
            )
    return 0


def _read_line() -> str:
    try:
        return input("you> ") or " "
    except EOFError:
        return ""


def main_entry(base_url: str, app_secret: str, psid: str, locale: str, page: str = "PAGE") -> int:
    try:
        return asyncio.run(run_chat(base_url, app_secret, psid, locale, page))
    except aiohttp.ClientConnectionError:
        print(f"No bot answers at {base_url}. Start it first with `make run`.", file=sys.stderr)
        return 1


def _shown(message: dict[str, Any]) -> str:
    """Text as is; a template (button card, Marketing Messages opt-in) as its words."""
    if "text" in message:
        return str(message["text"])
    payload = message.get("attachment", {}).get("payload", {})
    words = payload.get("text") or payload.get("title") or "(an attachment)"
    buttons = [b.get("title", "") for b in payload.get("buttons", [])]
    if payload.get("template_type") == "notification_messages":
        buttons.append("Get updates (tap it in the simulator)")
    return f"[{words}]" + "".join(f"\n  <{title}>" for title in buttons if title)
