"""(a) bad bodies among valid ones, (b) signed fuzz: 5xx, and whether every acknowledged event
was handled or dead-lettered (nothing silently dropped)."""

from __future__ import annotations

import collections
import random

from bot.keys import Keys
from tests.faults import bodies
from tests.faults.rig import Rig, send_all

Figures = dict[str, object]


async def mixed(rig: Rig, *, valid: int = 400, bad: int = 20) -> Figures:
    assert rig.web is not None
    good = [bodies.valid(bodies.new_person()) for _ in range(valid)]
    hostile = [bodies.bad(i) for i in range(bad)]
    mixed_bodies = good + hostile
    order = list(range(len(mixed_bodies)))
    random.Random(13).shuffle(order)
    statuses = await send_all(rig.web.port, [mixed_bodies[i] for i in order], concurrency=32)
    by_index = dict(zip(order, statuses, strict=True))
    failed = sum(1 for i in range(valid) if by_index[i] != 200)
    bad_answers = collections.Counter(by_index[i] for i in range(valid, valid + bad))
    return {
        "valid requests": valid,
        "bad bodies": bad,
        "valid failed": failed,
        "bad bodies answered": dict(bad_answers),
    }


async def fuzz(rig: Rig, *, count: int = 20_000, seed: int = 13) -> Figures:
    assert rig.web is not None
    rng = random.Random(seed)
    statuses = await send_all(
        rig.web.port, [bodies.fuzz(rng) for _ in range(count)], concurrency=16
    )
    answers = collections.Counter(statuses)
    drained = await rig.drained(timeout=180)
    return {
        "fuzz bodies": count,
        "answers": dict(sorted(answers.items())),
        "5xx": sum(n for status, n in answers.items() if status >= 500),
        "no answer": answers.get(0, 0),
        **await accounting(rig),
        "stream drained": drained,
    }


async def accounting(rig: Rig) -> Figures:
    """Every event the web process acknowledged ends handled, a duplicate or a dead letter."""
    assert rig.web is not None
    received = await rig.metric_sum(rig.web, "privacybot_events_received_total")
    handled = duplicate = 0.0
    for worker in rig.workers:
        handled += await rig.metric_sum(worker, "privacybot_events_handled_total")
        duplicate += await rig.metric_sum(worker, "privacybot_events_duplicate_total")
    letters = collections.Counter[str]()
    client = rig.redis()
    try:
        for _, fields in await client.xrange(Keys(rig.prefix).dead_letters):
            error = fields.get("error", "")
            worker_side = fields.get("attempts", "0") != "0"
            letters["worker" if worker_side else error.split(":")[0]] += 1
    finally:
        await client.aclose()
    # `unstorable` letters were counted as received (the request was acknowledged) and never
    # reached the stream; `invalid` ones were refused a place in the stream at ingest.
    in_stream = received - letters["unstorable"]
    dropped = in_stream - handled - duplicate - letters["worker"]
    return {
        "acknowledged events": int(received + letters["invalid"]),
        "handled": int(handled),
        "duplicates dropped": int(duplicate),
        "dead letters": dict(letters),
        "silently dropped": int(dropped),
    }
