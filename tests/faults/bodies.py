"""Webhook bodies for the fault run: valid text events, the bodies that once failed other
people's requests, and seeded random fuzz (every one correctly signed when sent)."""

from __future__ import annotations

import itertools
import json
import random
import time
from typing import Any

from tests.bench import _bench as b

_serial = itertools.count(1)

# What once made the shared MULTI fail or answered 500: lone surrogates (a text cut inside an
# emoji), timestamps Redis or Python cannot read, nesting deeper than any parser's stack.
BAD_TIMESTAMPS: tuple[str, ...] = ('"inf"', "1e400", "Infinity", "NaN", '"1e400"', "-1")


def new_person() -> str:
    return b.psid_of(next(_serial) + 10_000_000 * random.randrange(1, 90))


def valid(psid: str, text: str = "kaj piše v politiki?") -> bytes:
    return b.event_body(psid, text)


def bad(index: int) -> bytes:
    psid = new_person()
    if index % 2 == 0:
        return valid(psid).replace(b'"text":"', b'"text":"\\ud800 ', 1)
    stamp = BAD_TIMESTAMPS[index // 2 % len(BAD_TIMESTAMPS)]
    body = json.loads(valid(psid))
    body["entry"][0]["messaging"][0]["timestamp"] = "@STAMP@"
    return json.dumps(body).replace('"@STAMP@"', stamp).encode()


def _text(rng: random.Random) -> Any:
    roll = rng.random()
    if roll < 0.05:
        return "x" * rng.choice((2_000, 70_000, 400_000))  # huge strings
    if roll < 0.15:
        return "emoji \ud83d cut"  # a lone surrogate, as Meta would escape it
    if roll < 0.2:
        return rng.choice((None, 7, [], {}, True))
    return "".join(rng.choice("abcčšž ?!\u0416\u00e9\U0001f600") for _ in range(rng.randrange(40)))


def _timestamp(rng: random.Random) -> Any:
    now = int(time.time() * 1000) + rng.randrange(100_000)
    odd = (str(now // 1000), -5, 0, 10**30, "inf", 1.5, None, "soon", [], now * 1000)
    return now if rng.random() < 0.6 else rng.choice(odd)


def _event(rng: random.Random) -> dict[str, Any]:
    event: dict[str, Any] = {
        "sender": {"id": rng.choice((new_person(), "", 5, None, "x" * 300))},
        "recipient": {"id": b.PAGE_ID},
        "timestamp": _timestamp(rng),
    }
    kind = rng.choice(("message", "postback", "read", "delivery", "reaction", "unknown", "none"))
    if kind == "message":
        event["message"] = {"mid": f"m_fuzz_{next(_serial)}", "text": _text(rng)}
    elif kind == "postback":
        event["postback"] = {"payload": _text(rng), "title": "t"}
    elif kind in ("read", "delivery"):
        event[kind] = {"watermark": _timestamp(rng)}
    elif kind == "unknown":
        event[f"x_{rng.randrange(99)}"] = {"anything": _text(rng)}
    if rng.random() < 0.1:
        del event["sender"]
    return event


def fuzz(rng: random.Random) -> bytes:
    """One random body: mostly Messenger-shaped with hostile values, some of no shape at all."""
    roll = rng.random()
    if roll < 0.03:  # deep nesting, written as text (json.dumps would recurse as deep)
        depth = rng.choice((50, 1_000, 100_000))
        return ('{"object":"page","entry":' + "[" * depth + "]" * depth + "}").encode()
    if roll < 0.08:
        return json.dumps(rng.choice((None, 1, "page", [], {"object": "page"}))).encode()
    if roll < 0.1:
        return bytes(rng.randrange(256) for _ in range(rng.randrange(1, 200)))
    entries = [
        {"id": b.PAGE_ID, "time": 1, "messaging": [_event(rng) for _ in range(rng.randrange(4))]}
        for _ in range(rng.randrange(1, 3))
    ]
    if rng.random() < 0.05:
        entries[0]["standby"] = [_event(rng)]
    body = {"object": rng.choice(("page", "page", "page", "instagram")), "entry": entries}
    return json.dumps(body, ensure_ascii=rng.random() < 0.8).encode("utf-8", "surrogatepass")
