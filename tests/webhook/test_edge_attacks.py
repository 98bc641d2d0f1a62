"""Hostile bytes at the edge: non-ASCII in the signature header, the session cookie or a CSRF
field is refused (400/403), never a 500; the deletion callback refuses NaN/Infinity expiry and
answers re-encodings of one request with one record and one code."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import time
from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from bot.rights.signed_request import make_signed_request
from bot.settings import Settings
from tests.helpers import APP_SECRET, envelope, text_event
from tests.partitions import zcard_all
from tests.webhook.console_helpers import signed_in
from webhook.app import create_app
from webhook.keys import SERVICES

Client = TestClient[Any, Any]
HOSTILE = "sha256=\xe9\xff" + "0" * 60  # latin-1 bytes in a header: not ASCII, not UTF-8


@pytest.fixture
async def client(settings: Settings, aiohttp_client: Any) -> Client:
    return await aiohttp_client(create_app(settings, with_worker=False))


async def raw_request(client: Client, head: str, body: bytes = b"") -> int:
    """Send bytes as they are (an HTTP client library would refuse or re-encode them)."""
    reader, writer = await asyncio.open_connection(client.host, client.port)
    request = head.replace("\n", "\r\n").encode("latin-1")
    writer.write(request + f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
    await writer.drain()
    status_line = await reader.readline()
    writer.close()
    return int(status_line.split()[1])


async def test_non_ascii_signature_header_is_refused_not_an_error(client: Client) -> None:
    body = json.dumps(envelope(text_event("p-sig", "hi"))).encode()
    head = f"POST /webhook HTTP/1.1\nHost: x\nX-Hub-Signature-256: {HOSTILE}\n"
    assert await raw_request(client, head + "Content-Type: application/json\n", body) == 403


async def test_non_ascii_session_cookie_is_refused_not_an_error(client: Client) -> None:
    head = "GET /admin/people HTTP/1.1\nHost: x\nCookie: pb_session=\xe9t\xe9.\xff\xfe\n"
    assert await raw_request(client, head) in (302, 303, 400, 403)


async def test_non_ascii_csrf_field_is_refused_not_an_error(client: Client) -> None:
    await signed_in(client)
    response = await client.post(
        "/admin/breach", data={"csrf": "é" * 43, "on": "1"}, allow_redirects=False
    )
    assert response.status in (400, 403)
    # the login form's double-submit cookie too
    form = f"csrf={'%C3%A9' * 20}&token=x".encode()
    head = (
        "POST /admin/login HTTP/1.1\nHost: x\nCookie: pb_login_csrf=\xe9\xe9\n"
        "Content-Type: application/x-www-form-urlencoded\n"
    )
    assert await raw_request(client, head, form) in (400, 403)


async def test_non_ascii_verify_token_is_refused_not_an_error(client: Client) -> None:
    query = {"hub.mode": "subscribe", "hub.verify_token": "é", "hub.challenge": "1"}
    response = await client.get("/webhook", params=query)
    assert response.status == 403


def _signed_raw(payload_json: str) -> str:
    """A signed_request around exactly this JSON text (json.dumps cannot write NaN bare)."""
    body = base64.urlsafe_b64encode(payload_json.encode()).rstrip(b"=").decode()
    digest = hmac.new(APP_SECRET.encode(), body.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode() + "." + body


@pytest.mark.parametrize("expires", ["NaN", "Infinity", "1e400"])
async def test_a_signed_expiry_that_is_not_a_time_is_refused(client: Client, expires: str) -> None:
    now = int(time.time())
    text = (
        f'{{"algorithm": "HMAC-SHA256", "issued_at": {now}, '
        f'"expires": {expires}, "user_id": "218471"}}'
    )
    response = await client.post("/meta/data-deletion", data={"signed_request": _signed_raw(text)})
    assert response.status == 403
    services = client.app[SERVICES]
    assert await zcard_all(services.redis, services.keys, services.keys.dsar_due) == 0


async def test_re_encodings_of_one_request_share_one_record_and_code(client: Client) -> None:
    now = int(time.time())
    payload = {
        "algorithm": "HMAC-SHA256",
        "issued_at": now,
        "expires": now + 3600,
        "user_id": "218471",
    }
    encodings = [
        make_signed_request(payload, APP_SECRET),
        _signed_raw(json.dumps(payload, separators=(",", ":"))),
        _signed_raw(json.dumps(dict(reversed(payload.items())), indent=1)),
    ]
    codes = set()
    for signed in encodings:
        response = await client.post("/meta/data-deletion", data={"signed_request": signed})
        assert response.status == 200
        codes.add((await response.json())["confirmation_code"])
    assert len(codes) == 1
    services = client.app[SERVICES]
    assert await zcard_all(services.redis, services.keys, services.keys.dsar_due) == 1
