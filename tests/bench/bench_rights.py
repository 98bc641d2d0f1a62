"""Benchmark (issue 5): erasure and export latency for a person with 100 consent receipts
and 50 data-subject requests. Goals: erasure p99 < 10 ms, export p99 < 50 ms.

Runs against an embedded Redis in a temporary directory, through the same functions the chat
and the admin API call. Run: `.venv/bin/python tests/bench/bench_rights.py`."""

from __future__ import annotations

import asyncio
import base64
import json
import os
import statistics
import tempfile
import time
from pathlib import Path

from bot.consent.receipts import ConsentReceipt, iso_utc
from bot.pipeline.turn_state import TurnOpener
from bot.redis_server import EmbeddedRedis
from bot.rights.operations import erase_person, export_person, requests
from bot.services import Services, open_services
from bot.settings import Settings

PEOPLE = 200
RECEIPTS = 100
REQUESTS = 50


def p99(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=100)[98] * 1000


async def populate(services: Services, psid: str) -> None:
    now = int(time.time() * 1000)
    opener = TurnOpener(services.scripts, services.keys, services.store.cipher)
    await opener.open(psid, now, action=True, digest=services.pseudonym(psid))
    await services.store.update(psid, {"profile:first_name": "Urška", "language": "sl"})
    for i in range(RECEIPTS):
        receipt = ConsentReceipt(
            purpose="marketing" if i % 2 else "profile",
            decision="granted" if i % 3 else "withdrawn",
            policy="btc",
            policy_version="2018-09-03",
            language="sl",
            at=iso_utc(now - i * 1000),
            evidence="m_" + base64.urlsafe_b64encode(os.urandom(64)).decode()[:86],
        )
        await services.consents.record(psid, receipt, granted_any=True)
    store = requests(services)
    for i in range(REQUESTS):
        await store.open(
            "access",
            psid=psid,
            psid_hash=services.pseudonym(psid),
            status="done" if i % 5 else "open",
        )


async def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        server = EmbeddedRedis(Path(tmp) / "redis", persistent=False)
        server.start()
        settings = Settings(
            redis_url=server.url,
            var_dir=Path(tmp),
            app_secret="bench",
            data_key=base64.b64encode(os.urandom(32)).decode(),
            redis_prefix="bench",
        )  # type: ignore[call-arg]
        try:
            async with open_services(settings) as services:
                people = [f"8{i:015d}" for i in range(PEOPLE)]
                for psid in people:
                    await populate(services, psid)
                exports, erasures = [], []
                for psid in people:
                    started = time.perf_counter()
                    document = await export_person(services, psid)
                    exports.append(time.perf_counter() - started)
                    assert document and len(document["consents"]) == RECEIPTS
                    started = time.perf_counter()
                    await erase_person(services, psid, actor="bench", role="admin")
                    erasures.append(time.perf_counter() - started)
        finally:
            server.stop()
    figures = {
        "people": PEOPLE,
        "receipts_each": RECEIPTS,
        "requests_each": REQUESTS,
        "export_p50_ms": round(statistics.median(exports) * 1000, 2),
        "export_p99_ms": round(p99(exports), 2),
        "erasure_p50_ms": round(statistics.median(erasures) * 1000, 2),
        "erasure_p99_ms": round(p99(erasures), 2),
    }
    print(
        f"export  (100 receipts, 50 requests): p50 {figures['export_p50_ms']} ms, "
        f"p99 {figures['export_p99_ms']} ms (goal < 50 ms)"
    )
    print(
        f"erasure (same person, journal fsync included): p50 {figures['erasure_p50_ms']} ms, "
        f"p99 {figures['erasure_p99_ms']} ms (goal < 10 ms)"
    )
    print(json.dumps(figures))


if __name__ == "__main__":
    asyncio.run(main())
