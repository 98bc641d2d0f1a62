"""(f) time to ready after a restart with many people stored and a non-empty erasure journal;
(g) plaintext PSID, name or typed text in Redis and its files after an erasure, once the
scheduled append-only-file rewrite ran."""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path
from typing import Any

from tests.bench import _bench as b
from tests.faults.rig import Rig, send_all
from tests.helpers import envelope, postback_event, text_event

Figures = dict[str, object]
NAME = {"first_name": "Zofija", "last_name": "Vrhovnik", "locale": "sl_SI", "timezone": 1}
TYPED = "Moj naslov je Cankarjeva 13"


async def _say(rig: Rig, event: dict[str, Any], psid: str) -> None:
    assert rig.web is not None
    before = rig.replies_per_person()[psid]
    body = json.dumps(envelope(event)).encode()
    (status,) = await send_all(rig.web.port, [body], concurrency=1)
    assert status == 200, status
    for _ in range(400):  # 20 s at most
        if rig.replies_per_person()[psid] != before:
            return
        await asyncio.sleep(0.05)


async def _chat_and_erase(rig: Rig, psid: str) -> None:
    rig.graph.profiles[psid] = dict(NAME)
    await _say(rig, text_event(psid, "zivjo"), psid)
    await _say(rig, text_event(psid, "da", payload="CONSENT:profile:yes"), psid)
    await _say(rig, text_event(psid, TYPED), psid)
    await _say(rig, postback_event(psid, "INTENT:erase"), psid)
    await _say(rig, text_event(psid, "da", payload="ERASE:yes"), psid)


async def _populate(rig: Rig, people: int) -> None:
    client = rig.redis()
    keys = await rig.keys(client)
    try:
        for start in range(0, people, 5_000):
            pipe = client.pipeline(transaction=False)
            for index in range(start, min(people, start + 5_000)):
                psid = b.psid_of(50_000_000 + index)
                pipe.hset(keys.user(psid), mapping={"language": "sl", "first_seen": "1"})
                pipe.zadd(keys.users_index(keys.partition(psid)), {psid: 1_700_000_000 + index})
            await pipe.execute()
    finally:
        await client.aclose()


async def restart_time(rig: Rig, *, people: int) -> Figures:
    baseline = await rig.restart_web()
    started = time.perf_counter()
    await _populate(rig, people)
    filled = time.perf_counter() - started
    psid = b.psid_of(900_000_001)
    await _chat_and_erase(rig, psid)
    journal = rig.work / "var" / "erasure-journal.jsonl"
    lines = len(journal.read_text().splitlines()) if journal.exists() else 0
    ready = await rig.restart_web()
    return {
        "restart to /readyz 200 with nobody stored s": round(baseline, 2),
        "people stored": people,
        "populate s": round(filled, 1),
        "erasure journal lines": lines,
        "web restart to /readyz 200 s": round(ready, 2),
    }


def _files(rig: Rig) -> list[Path]:
    return [p for p in rig.work.rglob("*") if p.is_file() and not p.is_socket()]


async def _in_redis(rig: Rig, clues: tuple[str, ...]) -> int:
    client = rig.redis()
    found = 0
    try:
        async for key in client.scan_iter(count=1000):
            kind = await client.type(key)
            value: Any = {
                "string": client.get,
                "hash": client.hgetall,
                "set": client.smembers,
                "list": lambda k: client.lrange(k, 0, -1),
                "zset": lambda k: client.zrange(k, 0, -1),
                "stream": client.xrange,
            }[kind](key)
            text = key + repr(await value)
            found += sum(text.count(clue) for clue in clues)
    finally:
        await client.aclose()
    return found


async def plaintext_after_erasure(rig: Rig, *, wait_s: float = 60.0) -> Figures:
    psid = b.psid_of(900_000_002)
    clues = (psid, NAME["first_name"], NAME["last_name"], TYPED)
    await _chat_and_erase(rig, psid)
    erased = time.perf_counter()
    on_disk = -1
    while time.perf_counter() - erased < wait_s:
        on_disk = sum(p.read_bytes().count(c.encode()) for p in _files(rig) for c in clues)
        if on_disk == 0:
            break
        await asyncio.sleep(1)
    return {
        "in Redis": await _in_redis(rig, clues),
        "in its files and our logs": on_disk,
        "seconds until none on disk": round(time.perf_counter() - erased, 1),
    }
