"""A fake of Meta's Graph API over real HTTP, answering in Meta's shapes, errors included.

Tests point the bot at it; `privacybot serve` in development uses it so the bot works with
no Meta app. It checks what Meta checks (token, appsecret_proof, messaging_type, limits),
records every request, and can be told to fail the next N calls with a chosen error.
"""

from __future__ import annotations

import asyncio
import itertools
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web
from pymessenger.utils import generate_appsecret_proof

from bot.constants import PAGE_INBOX_APP_ID, QUICK_REPLIES_MAX, QUICK_REPLY_TITLE_MAX, TEXT_MAX

_ERRORS: dict[str, tuple[int, dict[str, Any]]] = {
    "613": (
        400,
        {
            "message": "(#613) Calls to this api have exceeded the rate limit.",
            "type": "OAuthException",
            "code": 613,
            "error_subcode": 2534040,
        },
    ),
    "551": (
        400,
        {
            "message": "(#551) This person isn't available right now.",
            "type": "OAuthException",
            "code": 551,
            "error_subcode": 1545041,
        },
    ),
    "2018278": (
        400,
        {
            "message": "(#10) This message is sent outside of allowed window.",
            "type": "OAuthException",
            "code": 10,
            "error_subcode": 2018278,
        },
    ),
    "1893015": (
        400,
        {
            "message": "(#10) This user has currently stopped notification "
            "messages for this topic.",
            "type": "OAuthException",
            "code": 10,
            "error_subcode": 1893015,
        },
    ),
    "190": (
        400,
        {
            "message": "Invalid OAuth access token - Cannot parse access token",
            "type": "OAuthException",
            "code": 190,
        },
    ),
    "2018218": (
        400,
        {
            "message": "No profile available for this user.",
            "type": "OAuthException",
            "code": 100,
            "error_subcode": 2018218,
        },
    ),
    "2018300": (
        400,
        {
            "message": "(#10) Another app is controlling this thread now.",
            "type": "OAuthException",
            "code": 10,
            "error_subcode": 2018300,
        },
    ),
    "thread_owner": (
        400,
        {
            "message": "(#10) Only the thread owner can pass or release thread control.",
            "type": "OAuthException",
            "code": 10,
        },
    ),
    "500": (
        500,
        {
            "message": "An unexpected error has occurred. Please retry your request later.",
            "type": "OAuthException",
            "code": 2,
            "is_transient": True,
        },
    ),
}
RECORD_LIMIT = 10_000
_PROFILE_FIELDS = ("first_name", "last_name", "locale", "timezone")
FAKE_APP_ID = "1100000000000001"  # the bot's own app, as the fake's thread owner
_THREAD_APPS = frozenset({FAKE_APP_ID, PAGE_INBOX_APP_ID})


@dataclass
class Recorded:
    method: str
    path: str
    query: dict[str, str]
    body: Any
    at: float


@dataclass
class FakeGraph:
    access_token: str
    app_secret: str
    # Further Pages' tokens (one deployment, many Pages); each request records which it used.
    other_tokens: tuple[str, ...] = ()
    latency_s: float = 0.0
    timeout_s: float = 30.0
    record: bool = True  # False: only count calls (a benchmark's 100,000 sends stay small)
    calls: int = 0
    # Bounded: `make run` in development sends through this fake for hours.
    requests: deque[Recorded] = field(default_factory=lambda: deque(maxlen=RECORD_LIMIT))
    profiles: dict[str, dict[str, Any]] = field(default_factory=dict)
    # Conversation Routing: PSID -> the app holding the thread (absent: the bot's app).
    owners: dict[str, str] = field(default_factory=dict)
    _failures: list[tuple[str, str]] = field(default_factory=list)  # (error, path suffix)
    _ids: itertools.count[int] = field(default_factory=itertools.count)
    _runner: web.AppRunner | None = None
    url: str = ""

    def fail_next(self, error: str, count: int = 1, *, path: str = "") -> None:
        """The next `count` calls (to paths ending in `path`, if given) answer with `error`
        (a key of _ERRORS, or "timeout")."""
        if error != "timeout" and error not in _ERRORS:
            raise ValueError(f"unknown fake error {error!r}")
        self._failures.extend([(error, path)] * count)

    def sent_to(self, psid: str) -> list[dict[str, Any]]:
        """Message bodies sent to one person, oldest first (sender actions excluded)."""
        return [
            r.body
            for r in self.requests
            if r.path.endswith("/me/messages")
            and isinstance(r.body, dict)
            and r.body.get("recipient", {}).get("id") == psid
            and "message" in r.body
        ]

    def in_inbox(self, psid: str) -> bool:
        """The Page Inbox holds this person's thread: Meta then sends their messages to the
        bot as `standby[]` items, and the bot's sends fail with 2018300."""
        return self.owners.get(psid, FAKE_APP_ID) == PAGE_INBOX_APP_ID

    def release(self, psid: str) -> dict[str, Any] | None:
        """The Page Inbox releases the thread (staff mark it done): the `messaging[]` item of
        the `messaging_handovers` event Meta then sends the bot, or None if it held nothing."""
        if not self.in_inbox(psid):
            return None
        del self.owners[psid]
        return {
            "sender": {"id": psid},
            "timestamp": int(time.time() * 1000),
            "pass_thread_control": {
                "previous_owner_app_id": PAGE_INBOX_APP_ID,
                "new_owner_app_id": FAKE_APP_ID,
                "metadata": "released by the Page Inbox",
            },
        }

    def thread_calls(self, psid: str) -> list[str]:
        """The thread-control calls made for one person, oldest first ("pass", "take")."""
        return [
            r.path.rsplit("/", 1)[-1].removesuffix("_thread_control")
            for r in self.requests
            if r.path.endswith("_thread_control")
            and isinstance(r.body, dict)
            and r.body.get("recipient", {}).get("id") == psid
        ]

    def build_app(self) -> web.Application:
        app = web.Application(client_max_size=30 * 1024 * 1024)
        app.router.add_post("/{version}/me/messages", self._messages)
        app.router.add_post("/{version}/me/{action}_thread_control", self._thread_control)
        app.router.add_post("/{version}/me/messenger_profile", self._profile_settings)
        app.router.add_get("/{version}/{psid}", self._user_profile)
        return app

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> str:
        self._runner = web.AppRunner(self.build_app(), access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, port)
        await site.start()
        bound = self._runner.addresses[0]
        self.url = f"http://{bound[0]}:{bound[1]}/v25.0"
        return self.url

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    async def _prelude(self, request: web.Request) -> tuple[Any, web.Response | None]:
        body = await request.json() if request.can_read_body else None
        self.calls += 1
        if self.record:
            self.requests.append(
                Recorded(request.method, request.path, dict(request.query), body, time.time())
            )
        if self.latency_s:
            await asyncio.sleep(self.latency_s)
        for index, (error, path) in enumerate(self._failures):
            if request.path.endswith(path):
                del self._failures[index]
                return body, await self._failure(error)
        return body, self._check_auth(request)

    async def _failure(self, error: str) -> web.Response:
        if error == "timeout":
            await asyncio.sleep(self.timeout_s)
            return _error(500, _ERRORS["500"][1])
        status, payload = _ERRORS[error]
        return _error(status, payload)

    def _check_auth(self, request: web.Request) -> web.Response | None:
        token = request.query.get("access_token", "")
        if token != self.access_token and token not in self.other_tokens:
            return _error(400, _ERRORS["190"][1])
        proof = generate_appsecret_proof(token, self.app_secret)
        if request.query.get("appsecret_proof") != proof:
            return _invalid("Invalid appsecret_proof provided in the API argument")
        return None

    async def _messages(self, request: web.Request) -> web.Response:
        body, refused = await self._prelude(request)
        if refused is not None:
            return refused
        problem = _check_send(body)
        if problem:
            return _invalid(problem)
        recipient = body["recipient"]
        if self.in_inbox(str(recipient.get("id"))):
            return _error(*_ERRORS["2018300"])
        psid = (
            recipient.get("id")
            or f"token-{abs(hash(recipient.get('notification_messages_token')))}"
        )
        if "sender_action" in body:
            return web.json_response({"recipient_id": psid})
        return web.json_response({"recipient_id": psid, "message_id": f"m_fake{next(self._ids)}"})

    async def _thread_control(self, request: web.Request) -> web.Response:
        """pass / take / release, checked as Meta checks them."""
        body, refused = await self._prelude(request)
        if refused is not None:
            return refused
        action = request.match_info["action"]
        recipient = body.get("recipient") if isinstance(body, dict) else None
        psid = recipient.get("id") if isinstance(recipient, dict) else None
        if not isinstance(psid, str) or not psid or action not in ("pass", "take", "release"):
            return _invalid("param recipient must be non-empty.")
        held_by_us = not self.in_inbox(psid)
        if action == "pass":
            target = str(body.get("target_app_id", ""))
            if target not in _THREAD_APPS or target == FAKE_APP_ID:
                return _invalid("Param target_app_id must be a valid app ID")
            if not held_by_us:
                return _error(*_ERRORS["thread_owner"])
            self.owners[psid] = target
        elif action == "release":
            if not held_by_us:
                return _error(*_ERRORS["thread_owner"])
        else:
            self.owners.pop(psid, None)
        return web.json_response({"success": True})

    async def _profile_settings(self, request: web.Request) -> web.Response:
        _, refused = await self._prelude(request)
        return refused or web.json_response({"result": "success"})

    async def _user_profile(self, request: web.Request) -> web.Response:
        _, refused = await self._prelude(request)
        if refused is not None:
            return refused
        psid = request.match_info["psid"]
        wanted = [f for f in request.query.get("fields", "").split(",") if f in _PROFILE_FIELDS]
        profile = self.profiles.get(psid, _default_profile(psid))
        return web.json_response({**{f: profile[f] for f in wanted if f in profile}, "id": psid})


def _default_profile(psid: str) -> dict[str, Any]:
    return {
        "first_name": "Test",
        "last_name": f"Person{psid[-4:]}",
        "locale": "sl_SI",
        "timezone": 1,
    }


def _check_send(body: Any) -> str | None:
    """The Send API's own validation, so that a bad message fails here as it would at Meta."""
    if not isinstance(body, dict) or not isinstance(body.get("recipient"), dict):
        return "param recipient must be non-empty."
    if "sender_action" in body:
        return None
    if body.get("messaging_type") not in ("RESPONSE", "UPDATE", "MESSAGE_TAG", "UTILITY"):
        return "param messaging_type must be one of {RESPONSE, UPDATE, MESSAGE_TAG, UTILITY}"
    message = body.get("message")
    if not isinstance(message, dict):
        return "param message must be non-empty."
    return _check_message(message)


def _check_message(message: dict[str, Any]) -> str | None:
    if len(message.get("text") or "") >= TEXT_MAX:
        return "param message[text] must be UTF-8 encoded and less than 2000 characters"
    quick = message.get("quick_replies") or []
    if len(quick) > QUICK_REPLIES_MAX:
        return "param message[quick_replies] has too many elements."
    if any(len(q.get("title", "")) > QUICK_REPLY_TITLE_MAX for q in quick):
        return "param message[quick_replies][title] has too many characters."
    return None


def _invalid(message: str) -> web.Response:
    return _error(400, {"message": f"(#100) {message}", "type": "OAuthException", "code": 100})


def _error(status: int, error: dict[str, Any]) -> web.Response:
    return web.json_response(
        {"error": {**error, "fbtrace_id": f"AFake{int(time.time() * 1000) % 10**8}"}},
        status=status,
    )
