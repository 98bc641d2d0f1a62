"""Benchmark (issue 7): the console's people list with 100,000 stored people. Goal: the first
page and a name search each render in under 200 ms.

Builds 100,000 people. The first 3,000 go through the chat's own calls, as in `bench_store`
(first contact, profile stored encrypted and indexed, a profile and a marketing receipt; 10 %
refused the profile, so no name), 64 at a time; the rest copy what those calls wrote (hash
fields, receipts, index entries: names encrypted with the store's cipher and indexed through
`NameIndex.index_keys`), in pipelines of 1,000, which is about 20 times faster. Names are drawn
from common Slovene first names and surnames; Urška Novak-Žagar is the oldest, the last of the
list. Then an admin signs in and the real aiohttp app, on loopback,
answers GET /admin/people: p50 / p99 over 50 requests for each page below (after 3 warm-ups).
Also prints the name index's Redis memory and how long rebuilding it takes (a first start, or
after a DATA_KEY rotation). Run: `.venv/bin/python tests/bench/bench_console.py`.
"""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from aiohttp.test_utils import TestClient, TestServer  # noqa: E402

from bot.consent.profile import store_profile  # noqa: E402
from bot.consent.receipts import ConsentReceipt, iso_utc  # noqa: E402
from bot.constants import IDLE_USER_TTL_S  # noqa: E402
from bot.pipeline.turn_state import TurnOpener  # noqa: E402
from bot.redis_server import EmbeddedRedis  # noqa: E402
from bot.services import Services  # noqa: E402
from bot.settings import Settings  # noqa: E402
from tests.webhook.console_helpers import signed_in  # noqa: E402
from webhook.app import create_app  # noqa: E402
from webhook.keys import SERVICES  # noqa: E402

PEOPLE = int(os.environ.get("BENCH_PEOPLE", "100000"))
REAL = 3_000  # stored one by one through the chat's calls; the rest copy them in pipelines
TEMPLATES = 100  # real people whose records the copies take (the mix of consents with them)
BATCH = 1_000
CONCURRENCY = 64
REQUESTS = 50
WARM_UP = 3
GOAL_MS = 200.0
FIRST = (
    "Ana",
    "Maja",
    "Eva",
    "Nina",
    "Sara",
    "Mojca",
    "Petra",
    "Urška",
    "Špela",
    "Nataša",
    "Katja",
    "Mateja",
    "Barbara",
    "Tjaša",
    "Marija",
    "Irena",
    "Andreja",
    "Tanja",
    "Nika",
    "Lara",
    "Zala",
    "Janja",
    "Vesna",
    "Alenka",
    "Franc",
    "Janez",
    "Marko",
    "Luka",
    "Jure",
    "Matej",
    "Andrej",
    "Tomaž",
    "Rok",
    "Žiga",
    "Aleš",
    "Gregor",
    "Boštjan",
    "Miha",
    "Primož",
    "Jan",
    "Nejc",
    "Peter",
    "Anže",
    "Blaž",
    "Uroš",
    "Matjaž",
    "Dušan",
    "Štefan",
    "Jožef",
    "Martin",
)
LAST = (
    "Novak",
    "Horvat",
    "Kovačič",
    "Krajnc",
    "Zupančič",
    "Potočnik",
    "Kovač",
    "Mlakar",
    "Kos",
    "Vidmar",
    "Golob",
    "Turk",
    "Božič",
    "Kralj",
    "Korošec",
    "Zupan",
    "Bizjak",
    "Hribar",
    "Kotnik",
    "Kavčič",
    "Rozman",
    "Kastelic",
    "Oblak",
    "Žagar",
    "Petek",
    "Hočevar",
    "Kolar",
    "Košir",
    "Koren",
    "Klemenčič",
    "Zajc",
    "Knez",
    "Medved",
    "Pirc",
    "Zupanc",
    "Hrovat",
    "Petrič",
    "Kuhar",
    "Lah",
    "Uršič",
    "Tomažič",
    "Zorko",
    "Sever",
    "Erjavec",
    "Babič",
    "Jereb",
    "Jerman",
    "Kranjc",
    "Majcen",
    "Pavlič",
    "Breznik",
    "Jug",
    "Dolenc",
    "Rupnik",
    "Vidic",
    "Pušnik",
    "Kokalj",
    "Marolt",
    "Lesjak",
    "Perko",
)
URSKA = {"first_name": "Urška", "last_name": "Novak-Žagar", "locale": "sl_SI", "timezone": 1}
PAGES = {
    "first page": {},
    "name search 'urska novak'": {"q": "urska novak"},
    "name search 'novak' (one common surname)": {"q": "novak"},
    "name search 'mar' (a common start)": {"q": "mar"},
    "name search 'novak' + marketing granted": {"q": "novak", "consent": "marketing:granted"},
    "filter only: marketing refused (bounded scan)": {"consent": "marketing:refused"},
}


def mid() -> str:
    """A Messenger message id of the real length (88 characters)."""
    return "m_" + base64.urlsafe_b64encode(os.urandom(64)).decode()[:86]


def profile(rng: random.Random) -> dict[str, Any]:
    last = rng.choice(LAST)
    if rng.random() < 0.05:  # a double surname
        last = f"{last}-{rng.choice(LAST)}"
    return {"first_name": rng.choice(FIRST), "last_name": last, "locale": "sl_SI", "timezone": 1}


def receipt(purpose: str, decision: str, at_ms: int, fields: tuple[str, ...] | None) -> Any:
    return ConsentReceipt(
        purpose=purpose,
        decision=decision,
        policy="btc",
        policy_version="2018-09-03",
        language="sl",
        at=iso_utc(at_ms),
        evidence=mid(),
        fields=fields,
    )


def identity(index: int) -> tuple[str, int]:
    """(PSID, first contact in ms): a real PSID's length, a second apart, the first oldest."""
    return f"{7_000_000_000_000_000 + index}", 1_767_225_600_000 + index * 1000


async def person(services: Services, opener: TurnOpener, index: int, rng: random.Random) -> None:
    """One person as the bot leaves them, through the same calls the chat makes."""
    psid, at_ms = identity(index)
    await opener.open(psid, at_ms, action=True, digest=services.pseudonym(psid))
    if index and rng.random() < 0.1:
        await services.consents.record(
            psid, receipt("profile", "refused", at_ms, None), granted_any=False
        )
        return
    fetched = URSKA if index == 0 else profile(rng)
    await store_profile(services.store, psid, fetched, dt.datetime.now(dt.UTC))
    await services.consents.record(
        psid, receipt("profile", "granted", at_ms, tuple(fetched)), granted_any=True
    )
    marketing = "granted" if rng.random() < 0.7 else "refused"
    await services.consents.record(
        psid, receipt("marketing", marketing, at_ms, None), granted_any=True
    )


async def build_real(services: Services) -> float:
    """REAL people stored by CONCURRENCY tasks at once (their Redis round trips overlap)."""
    opener = TurnOpener(services.scripts, services.keys, services.store.cipher)
    indexes: Iterator[int] = iter(range(REAL))
    started = time.perf_counter()

    async def work(seed: int) -> None:
        rng = random.Random(seed)
        for index in indexes:
            await person(services, opener, index, rng)

    await asyncio.gather(*(work(seed) for seed in range(CONCURRENCY)))
    return time.perf_counter() - started


async def templates(services: Services) -> list[tuple[dict[str, str], list[str]]]:
    """(hash, receipts) of real people (not Urška) for the copies to take after."""
    pipe = services.redis.pipeline(transaction=False)
    for index in range(1, TEMPLATES + 1):
        psid, _ = identity(index)
        pipe.hgetall(services.keys.user(psid))
        pipe.lrange(services.keys.consents(psid), 0, -1)
    answers = await pipe.execute()
    return list(zip(answers[::2], answers[1::2], strict=True))


async def build_copies(services: Services) -> float:
    """PEOPLE - REAL more, each the record of a real person with its own PSID, first contact
    and name (encrypted, indexed), written as the store writes it, BATCH to a pipeline."""
    keys, cipher, names = services.keys, services.store.cipher, services.store.names
    models, rng = await templates(services), random.Random(PEOPLE)
    started = time.perf_counter()
    for start in range(REAL, PEOPLE, BATCH):
        pipe = services.redis.pipeline(transaction=False)
        for index in range(start, min(start + BATCH, PEOPLE)):
            fields, receipts = models[index % len(models)]
            psid, at_ms = identity(index)
            values = {**fields, "last_seen": str(at_ms), "last_action": str(at_ms)}
            if "profile:first_name" in values:
                drawn = profile(rng)
                for name in ("first_name", "last_name"):
                    values[f"profile:{name}"] = cipher.encrypt(drawn[name], f"profile:{name}")
                n = keys.partition(psid)
                for key in names.index_keys(n, drawn["first_name"], drawn["last_name"]):
                    pipe.sadd(key, psid)
            pipe.hset(keys.user(psid), mapping=values)
            pipe.rpush(keys.consents(psid), *receipts)
            pipe.zadd(keys.users_index(keys.partition(psid)), {psid: at_ms})
            if values.get("consent:marketing") == "granted":
                pipe.zadd(keys.marketing_index(keys.partition(psid)), {psid: at_ms / 1000})
            if values.get("consent:profile") != "granted":
                pipe.expire(keys.user(psid), IDLE_USER_TTL_S)
                pipe.expire(keys.consents(psid), IDLE_USER_TTL_S)
        await pipe.execute()
    return time.perf_counter() - started


async def timed(client: TestClient[Any, Any], params: dict[str, str]) -> tuple[list[float], str]:
    samples, body = [], ""
    for i in range(WARM_UP + REQUESTS):
        started = time.perf_counter()
        response = await client.get("/admin/people", params=params)
        body = await response.text()
        elapsed = (time.perf_counter() - started) * 1000
        assert response.status == 200, body[:500]
        if i >= WARM_UP:
            samples.append(elapsed)
    return samples, body


async def index_memory(services: Services) -> tuple[int, int]:
    """(sets, bytes) of the name index, exactly (every element counted)."""
    sets, used = 0, 0
    keys = services.keys
    for n in keys.every_partition:
        async for key in services.redis.scan_iter(match=keys.name_index(n, "*"), count=1000):
            sets += 1
            used += await services.redis.memory_usage(key, samples=0) or 0
    return sets, used


async def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        server = EmbeddedRedis(Path(tmp) / "redis", persistent=False)
        server.start()
        try:
            settings = Settings(
                redis_url=server.url,
                var_dir=Path(tmp),
                app_secret="bench",
                data_key=base64.b64encode(os.urandom(32)).decode(),
                redis_prefix="bench",
                page_access_token="",
                public_url="http://127.0.0.1",
            )
            async with TestClient(TestServer(create_app(settings, with_worker=False))) as client:
                await run(client)
        finally:
            server.stop()


async def run(client: TestClient[Any, Any]) -> None:
    services = client.app[SERVICES]
    real_s = await build_real(services)
    copies_s = await build_copies(services)
    built_s = real_s + copies_s
    print(
        f"built {PEOPLE:,} people in {built_s:.1f} s: {REAL:,} through the chat's calls in "
        f"{real_s:.1f} s, the rest as copies in {copies_s:.1f} s "
        f"(load average {os.getloadavg()[0]:.2f})"
    )
    await signed_in(client)
    figures: dict[str, Any] = {"people": PEOPLE, "build_s": round(built_s, 1)}
    for label, params in PAGES.items():
        samples, body = await timed(client, params)
        p50 = statistics.median(samples)
        p99 = statistics.quantiles(samples, n=100)[98]
        shown = body.count('href="/admin/people/7')
        goal = (
            ""
            if "filter only" in label
            else (f" -> {'under' if p99 < GOAL_MS else 'NOT under'} {GOAL_MS:.0f} ms")
        )
        print(f"{label}: p50 {p50:.1f} ms, p99 {p99:.1f} ms ({shown} rows){goal}")
        figures[label] = {"p50_ms": round(p50, 1), "p99_ms": round(p99, 1), "rows": shown}
    if PEOPLE <= 100_000:  # more people: more Urška Novaks, and she is the oldest of them
        assert "Urška Novak-Žagar" in (await timed(client, {"q": "urska novak"}))[1]
    sets, used = await index_memory(services)
    print(f"name index: {sets:,} sets, {used:,} bytes = {used / PEOPLE:.0f} bytes per person")
    await services.redis.delete(services.keys.name_index_built)
    started = time.perf_counter()
    indexed = await services.store.names.ensure_built()
    rebuild_s = time.perf_counter() - started
    print(
        f"name index rebuild (first start / key rotation): {indexed:,} people in {rebuild_s:.1f} s"
    )
    figures.update(
        index_sets=sets,
        index_bytes_per_person=round(used / PEOPLE),
        rebuild_s=round(rebuild_s, 1),
        load_average=os.getloadavg()[0],
    )
    print(json.dumps(figures, ensure_ascii=False))


if __name__ == "__main__":
    asyncio.run(main())
