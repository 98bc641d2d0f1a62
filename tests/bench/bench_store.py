"""Benchmark (issue 3): Redis memory per consented person and the store's load/save latency.

Builds 10,000 people through the real store code (profile fields encrypted, two consent
receipts, indexes) in an embedded Redis, then sums `MEMORY USAGE` over each person's keys.
Run: `.venv/bin/python tests/bench/bench_store.py` (or `make bench`).
"""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
import json
import os
import statistics
import tempfile
import time
from pathlib import Path

from redis.asyncio import Redis

from bot.consent.profile import store_profile
from bot.consent.receipts import ConsentReceipt, ConsentStore, iso_utc
from bot.crypto import FieldCipher
from bot.keys import Keys
from bot.lua import Scripts
from bot.name_index import NameIndex
from bot.pipeline.turn_state import TurnOpener
from bot.redis_server import EmbeddedRedis
from bot.store import Store

PEOPLE = 10_000
PROFILE = {"first_name": "Urška", "last_name": "Novak-Žagar", "locale": "sl_SI", "timezone": 1}


def mid() -> str:
    """A Messenger message id of the real length (88 characters)."""
    return "m_" + base64.urlsafe_b64encode(os.urandom(64)).decode()[:86]


def p99(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=100)[98]


async def person(
    store: Store, consents: ConsentStore, opener: TurnOpener, psid: str
) -> tuple[float, float]:
    now = int(time.time() * 1000)
    started = time.perf_counter()
    await opener.open(psid, now, action=True, digest=psid)
    await store_profile(store, psid, PROFILE, dt.datetime.now(dt.UTC))
    for purpose in ("profile", "marketing"):
        receipt = ConsentReceipt(
            purpose=purpose,
            decision="granted",
            policy="btc",
            policy_version="2018-09-03",
            language="sl",
            at=iso_utc(now),
            evidence=mid(),
            fields=tuple(PROFILE) if purpose == "profile" else None,
        )
        await consents.record(psid, receipt, granted_any=True)
    saved = time.perf_counter() - started
    started = time.perf_counter()
    await store.load(psid)
    return saved, time.perf_counter() - started


async def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        server = EmbeddedRedis(Path(tmp), persistent=False)
        server.start()
        try:
            redis = Redis.from_url(server.url, decode_responses=True)
            keys = Keys("bench")
            data_key = os.urandom(32)
            cipher = FieldCipher(data_key)
            names = NameIndex(redis, keys, cipher, data_key)
            store = Store(redis, keys, cipher, names)
            consents = ConsentStore(redis, keys, names)
            opener = TurnOpener(Scripts(redis), keys, store.cipher)
            saves, loads = [], []
            for i in range(PEOPLE):
                saved, loaded = await person(
                    store, consents, opener, f"{7_000_000_000_000_000 + i}"
                )
                saves.append(saved)
                loads.append(loaded)
            sample = [f"{7_000_000_000_000_000 + i}" for i in range(0, PEOPLE, 10)]
            per_person = []
            for psid in sample:
                used = 0
                for key in (keys.user(psid), keys.consents(psid)):
                    used += await redis.memory_usage(key) or 0
                per_person.append(used)
            slices = [
                index(n)
                for n in keys.every_partition
                for index in (keys.users_index, keys.marketing_index)
            ]
            index_bytes = sum([await redis.memory_usage(k) or 0 for k in slices])
            name_bytes = 0  # the console's blind name index (bot.name_index): shared sets
            for n in keys.every_partition:
                async for key in redis.scan_iter(match=keys.name_index(n, "*"), count=1000):
                    name_bytes += await redis.memory_usage(key) or 0
            await redis.aclose()
        finally:
            server.stop()
    own = statistics.mean(per_person)
    per = own + index_bytes / PEOPLE + name_bytes / PEOPLE
    figures = {
        "people": PEOPLE,
        "bytes_per_consented_person": round(per),
        "bytes_own_keys": round(own),
        "bytes_people_indexes": round(index_bytes / PEOPLE),
        "bytes_name_index": round(name_bytes / PEOPLE),
        "save_p50_ms": round(statistics.median(saves) * 1000, 3),
        "save_p99_ms": round(p99(saves) * 1000, 3),
        "load_p50_ms": round(statistics.median(loads) * 1000, 3),
        "load_p99_ms": round(p99(loads) * 1000, 3),
    }
    print(
        f"Redis memory per consented person: {figures['bytes_per_consented_person']} bytes "
        f"= own keys {figures['bytes_own_keys']} (user hash + receipts; the issue's measure, "
        f"goal <= 1024) + people/marketing index entries {figures['bytes_people_indexes']} "
        f"+ name search index {figures['bytes_name_index']}"
    )
    print(
        f"store save (contact + profile + 2 receipts): p50 {figures['save_p50_ms']} ms, "
        f"p99 {figures['save_p99_ms']} ms"
    )
    print(
        f"store load (one person, decrypted): p50 {figures['load_p50_ms']} ms, "
        f"p99 {figures['load_p99_ms']} ms"
    )
    print(json.dumps(figures))


if __name__ == "__main__":
    asyncio.run(main())
