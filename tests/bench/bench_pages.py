"""Many Pages: end-to-end events/s with the same traffic on one Page and spread over five.

Two `privacybot serve` runs (worker in-process, embedded Redis, built-in fake Graph), each with
a PAGES_FILE: one Page (btc), then five Pages, all btc so that only the Pages machinery
differs (BENCH_MIXED_PACKS=1: btc, orbico, infopartner, balevski, registratura, which also
measures the packs' different matching costs). The same N one-event POSTs from the same
people and texts; with five Pages, person i writes to Page i % 5. Goal: five Pages within
10 % of one Page.
On a shared machine the load drifts during a run, so the two setups alternate for
BENCH_ROUNDS rounds (default 2) and each is reported by its best round.
Env: BENCH_EVENTS (default 10000), BENCH_PEOPLE (default 1000), BENCH_ROUNDS.
"""

from __future__ import annotations

import asyncio
import os
import sys

import _bench as b

EVENTS = int(os.environ.get("BENCH_EVENTS", "10000"))
PEOPLE = int(os.environ.get("BENCH_PEOPLE", "1000"))
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", "64"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "2"))
TEXTS = ("kaj zbirate o meni", "hello")
MIXED = ("btc", "orbico", "infopartner", "balevski", "registratura")
PACKS = MIXED if os.environ.get("BENCH_MIXED_PACKS") == "1" else ("btc",) * 5
WARMUP = 500


def pages_toml(count: int) -> tuple[str, tuple[str, ...]]:
    ids = tuple(f"90000000000000{index}" for index in range(count))
    tables = [
        f'[[page]]\nid = "{page}"\npack = "{pack}"\n'
        for page, pack in zip(ids, PACKS, strict=False)
    ]
    return "\n".join(tables), ids


async def run(count: int) -> float:
    text, ids = pages_toml(count)
    with b.workdir(f"pages{count}") as work:
        path = work / "pages.toml"
        path.write_text(text)
        server = b.privacybot_server(work, worker=True)
        server.env["PAGES_FILE"] = str(path)
        server.start()
        await server.wait_ready()
        await b.drive_e2e(server, WARMUP, 100, TEXTS, offset=10_000_000, timeout=60, pages=ids)
        result = await b.drive_e2e(
            server,
            EVENTS,
            PEOPLE,
            TEXTS,
            concurrency=CONCURRENCY,
            timeout=max(120, EVENTS / 50),
            pages=ids,
        )
        server.stop()
    state = "" if result.complete else " (NOT all handled)"
    print(
        f"pages: {count} Page(s): {result.handled:.0f} of {EVENTS} events in "
        f"{result.total_seconds:.2f} s = {result.rate:.0f} events/s{state}, "
        f"dead-lettered {result.dead:.0f}, failures {result.failed:.0f}"
    )
    return result.rate if result.complete else 0.0


async def main() -> int:
    b.print_machine()
    rates: dict[int, list[float]] = {1: [], 5: []}
    for _ in range(ROUNDS):
        for count, seen in rates.items():
            seen.append(await run(count))
    one, five = max(rates[1]), max(rates[5])
    change = (five - one) / one if one else float("nan")
    ok = abs(change) <= 0.10 or five > one
    print(
        f"pages: one Page {one:.0f} events/s, five Pages {five:.0f} events/s "
        f"({change:+.1%}; goal within 10 %: {'met' if ok else 'MISSED'})"
    )
    b.emit_json(
        {
            "benchmark": "pages",
            "events": EVENTS,
            "people": PEOPLE,
            "rounds": ROUNDS,
            "one_page_events_per_s": round(one, 1),
            "five_pages_events_per_s": round(five, 1),
            "change": round(change, 4),
            "goal_met": ok,
        }
    )
    return 0 if one and five else 1


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
