"""The naive inline bot of bench_scaling: the smallest aiohttp webhook that checks the
signature, parses, classifies with the bot's matcher (btc pack) and sends one reply to the
Graph API before answering 200. No stream, no ordering, no durability, no consent, nothing
stored: the floor our pipeline's CPU per event is measured against.

Run as `python _naive_bot.py PORT GRAPH_BASE_URL` (bench_scaling starts it); 127.0.0.1 only.
"""

from __future__ import annotations

import json
import sys
from collections.abc import AsyncIterator

import _bench as b
import aiohttp
from aiohttp import web
from pymessenger.utils import generate_appsecret_proof

from bot.pipeline.signature import is_valid
from intents.matcher import Matcher
from intents.pack import load_pack
from intents.results import IntentMatch
from intents.understand import understand


def run(port: int, graph_base: str) -> None:
    """Signature, parse, classify, one reply to the Graph, then 200: nothing kept anywhere."""
    pack = load_pack("btc")
    matcher = Matcher(pack)
    params = {
        "access_token": b.GRAPH_TOKEN,
        "appsecret_proof": generate_appsecret_proof(b.GRAPH_TOKEN, b.APP_SECRET),
    }
    url = f"{graph_base}/v25.0/me/messages"
    state: dict[str, aiohttp.ClientSession] = {}

    def reply_for(text: str) -> str:
        result = understand(matcher, text)
        if isinstance(result, IntentMatch):
            return pack.intents[result.intent].answer[result.lang][0]
        return "?"

    async def webhook(request: web.Request) -> web.Response:
        body = await request.read()
        if not is_valid(b.APP_SECRET, body, request.headers.get("X-Hub-Signature-256")):
            return web.Response(status=403)
        for entry in json.loads(body).get("entry", []):
            for event in entry.get("messaging", []):
                text = event.get("message", {}).get("text")
                if not text:
                    continue
                message = {
                    "recipient": {"id": event["sender"]["id"]},
                    "messaging_type": "RESPONSE",
                    "message": {"text": reply_for(text)},
                }
                async with state["graph"].post(url, params=params, json=message) as response:
                    await response.read()
        return web.Response(text="EVENT_RECEIVED")

    async def ready(_: web.Request) -> web.Response:
        return web.Response(text="ok")

    async def session(app: web.Application) -> AsyncIterator[None]:
        state["graph"] = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=100))
        yield
        await state["graph"].close()

    app = web.Application()
    app.router.add_post("/webhook", webhook)
    app.router.add_get("/readyz", ready)
    app.cleanup_ctx.append(session)
    web.run_app(app, host=b.HOST, port=port, print=None, access_log=None)


if __name__ == "__main__":
    run(int(sys.argv[1]), sys.argv[2])
