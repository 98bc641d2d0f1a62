"""`make faults`: the figures of issue 13, printed. Not part of `make test`.

Each scenario runs its own system (tests/faults/rig.py: redis-server, web process, workers,
fake Graph) in a temporary directory; only 127.0.0.1 and unix sockets are used, and every
wait is bounded (the whole run takes a few minutes). FAULTS_PEOPLE sets the number of people
stored for the restart figure (default 100,000), FAULTS_ONLY which scenarios run (e.g. "df").
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.bench import _bench as b  # noqa: E402
from tests.faults import crashes, inputs, rest  # noqa: E402
from tests.faults.rig import Rig  # noqa: E402

Figures = dict[str, object]
Scenario = Callable[[Rig], Awaitable[Figures]]


async def scenario(label: str, work: Path, run: Scenario, *, workers: int, **env: str) -> None:
    rig = Rig(work / label.split(")", maxsplit=1)[0], **env)
    started = time.perf_counter()
    try:
        await rig.start(workers=workers)
        figures = await run(rig)
    except Exception as exc:  # one broken scenario must not hide the others' figures
        figures = {"error": f"{type(exc).__name__}: {exc}"}
    finally:
        await rig.stop()
    took = time.perf_counter() - started
    print(f"{label} ({took:.0f} s): {json.dumps(figures, ensure_ascii=False)}", flush=True)


async def main() -> None:
    people = int(os.environ.get("FAULTS_PEOPLE", "100000"))
    only = os.environ.get("FAULTS_ONLY", "abcdefg")  # e.g. FAULTS_ONLY=df

    async def ingest(rig: Rig) -> Figures:
        mixed = await inputs.mixed(rig)
        return {**mixed, **await inputs.fuzz(rig)}

    async def throughput(rig: Rig) -> Figures:
        return await crashes.fsync_throughput(rig)

    async def restart(rig: Rig) -> Figures:
        return await rest.restart_time(rig, people=people)

    runs: list[tuple[str, Scenario, int, dict[str, str]]] = [
        ("a+b) bad bodies, fuzz", ingest, 2, {}),
        ("c) kill -9 worker", crashes.kill_worker, 2, {}),
        ("d) kill -9 redis-server", crashes.kill_redis, 2, {}),
        ("e) appendfsync", throughput, 0, {}),
        ("f) restart", restart, 1, {}),
        ("g) at rest", rest.plaintext_after_erasure, 1, {"ERASURE_COMPACT_S": "1"}),
    ]
    with b.workdir("faults") as work:
        for label, run, workers, env in runs:
            if set(label.split(")", maxsplit=1)[0].split("+")) & set(only):
                await scenario(label, work, run, workers=workers, **env)


if __name__ == "__main__":
    asyncio.run(main())
