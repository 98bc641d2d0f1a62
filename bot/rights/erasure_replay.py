"""Replaying the erasure journal at start-up, in time that does not grow with the people stored.

A checkpoint in Redis (`Keys.erasure_replay`) says how far the last replay went: the last
entry of each partition's journal stream (`stream_id:<n>`) and how many bytes of the journal
file it read. A start-up reads only what came
after. Erasures made while the bot ran are in the same Redis snapshot as their deletions, so
they need nothing; only a journal line whose erasure Redis no longer knows (a restored backup:
the checkpoint went back with it) means someone may have been resurrected, and only then are
the stored people walked to find them (a keyed hash cannot be reversed).
"""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from redis.asyncio import Redis

from bot.keys import Keys
from bot.pseudonym import Pseudonymizer

if TYPE_CHECKING:
    from bot.rights.erasure import Eraser

log = logging.getLogger("privacybot.erasure")
_CHUNK = 1000
_REPLAYED = "replayed"  # marks a stream entry that start-up re-added from the file


def read_journal(journal: Path, offset: int) -> tuple[dict[str, int], int]:
    """Journal lines from byte `offset` on (from the start if the file is now shorter: it was
    replaced); returns {hash: at} and the offset after the last complete line."""
    entries, _, end = read_journal_lines(journal, offset)
    return entries, end


def read_journal_lines(journal: Path, offset: int) -> tuple[dict[str, int], dict[str, int], int]:
    """As `read_journal`, with the partition of each entry that names one (lines written
    before partitions do not)."""
    if not journal.exists():
        return {}, {}, 0
    with journal.open("rb") as handle:
        size = handle.seek(0, 2)
        offset = offset if offset <= size else 0
        handle.seek(offset)
        tail = handle.read()
    complete = tail[: tail.rfind(b"\n") + 1]  # a line cut by a crash is read next time
    entries: dict[str, int] = {}
    partitions: dict[str, int] = {}
    for line in complete.decode("utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            entries[record["hash"]] = max(entries.get(record["hash"], 0), int(record["at"]))
            if "n" in record:
                partitions[record["hash"]] = int(record["n"])
    return entries, partitions, offset + len(complete)


class JournalReplay:
    def __init__(
        self, redis: Redis, keys: Keys, *, pseudonym: Pseudonymizer, journal: Path, eraser: Eraser
    ) -> None:
        self.redis = redis
        self.keys = keys
        self.pseudonym = pseudonym
        self.journal = journal
        self.eraser = eraser

    async def replay(self) -> int:
        """Re-apply what Redis lost of the journal; returns how many people were erased again."""
        mark = cast(dict[str, str], await self.redis.hgetall(self.keys.erasure_replay))
        offset = int(mark.get("file_bytes", 0))
        from_file, partitions, file_bytes = read_journal_lines(self.journal, offset)
        lost = await self._unknown_to_redis(from_file)
        newer = await self._stream_since(mark)
        pending = {**newer, **lost}  # re-added by an earlier replay that did not finish
        if lost:
            await self._restore_entries(lost, partitions)
        again = await self._erase_resurrected(pending) if pending else 0
        checkpoint: dict[str, str | int] = {"file_bytes": file_bytes}
        checkpoint.update(await self._stream_ends())
        await self.redis.hset(self.keys.erasure_replay, mapping=cast(Any, checkpoint))
        if again:
            log.warning("erasure journal replay: erased %d restored people again", again)
        return again

    async def _unknown_to_redis(self, entries: dict[str, int]) -> dict[str, int]:
        """The file's entries whose erasure Redis does not hold (or holds an older one of)."""
        lost: dict[str, int] = {}
        digests = list(entries)
        partitions = list(self.keys.every_partition)
        for start in range(0, len(digests), _CHUNK):
            chunk = digests[start : start + _CHUNK]
            # A keyed hash does not say its partition: every partition is asked at once.
            pipe = self.redis.pipeline(transaction=False)
            for n in partitions:
                pipe.hmget(self.keys.erased_at(n), chunk)
            answers = cast(list[list[str | None]], await pipe.execute())
            for i, digest in enumerate(chunk):
                known = [int(at) for row in answers if (at := row[i]) is not None]
                if not known or max(known) < entries[digest]:
                    lost[digest] = entries[digest]
        return lost

    async def _stream_since(self, mark: dict[str, str]) -> dict[str, int]:
        """Entries after each partition's checkpoint that a replay re-added: their walk may
        not have run."""
        pipe = self.redis.pipeline(transaction=False)
        for n in self.keys.every_partition:
            pipe.xrange(self.keys.erasures(n), min=f"({mark.get(f'stream_id:{n}', '0-0')}")
        found: dict[str, int] = {}
        for rows in cast(list[list[tuple[str, dict[str, str]]]], await pipe.execute()):
            found.update({f["hash"]: int(f["at"]) for _, f in rows if f.get(_REPLAYED)})
        return found

    async def _stream_ends(self) -> dict[str, str]:
        """Each partition's last journal entry: the next replay's checkpoint."""
        pipe = self.redis.pipeline(transaction=False)
        for n in self.keys.every_partition:
            pipe.xrevrange(self.keys.erasures(n), count=1)
        rows = cast(list[list[tuple[str, dict[str, str]]]], await pipe.execute())
        return {f"stream_id:{n}": (last[0][0] if last else "0-0") for n, last in enumerate(rows)}

    async def _restore_entries(self, lost: dict[str, int], partitions: dict[str, int]) -> None:
        """Put back what Redis lost, in the partition the line names. A line from before
        partitions names none: its erasure time goes to every partition (an old event of
        that person is dropped wherever they live), the rest to partition 0."""
        pipe = self.redis.pipeline(transaction=False)
        for digest, at in lost.items():
            n = partitions.get(digest)
            for marked in self.keys.every_partition if n is None else (n,):
                pipe.hset(self.keys.erased_at(marked), digest, str(at))
            home = n if n is not None and n < self.keys.partitions else 0
            pipe.sadd(self.keys.suppressed(home), digest)
            pipe.xadd(self.keys.erasures(home), {"hash": digest, "at": str(at), _REPLAYED: "1"})
        await pipe.execute()

    async def _erase_resurrected(self, erased: dict[str, int]) -> int:
        again = 0
        async for psid, last_seen in self._people():
            erased_at = erased.get(self.pseudonym(psid))
            if erased_at is not None and last_seen <= erased_at:
                await self.eraser.erase(psid)
                again += 1
        return again

    async def _people(self) -> AsyncIterator[tuple[str, int]]:
        """Everyone stored, partition by partition, a chunk of last-seen times at a time."""
        for n in self.keys.every_partition:
            batch: list[str] = []
            async for psid, _ in self.redis.zscan_iter(self.keys.users_index(n), count=_CHUNK):
                batch.append(psid)
                if len(batch) == _CHUNK:
                    for row in await self._last_seen(batch):
                        yield row
                    batch = []
            for row in await self._last_seen(batch):
                yield row

    async def _last_seen(self, psids: list[str]) -> list[tuple[str, int]]:
        pipe = self.redis.pipeline(transaction=False)
        for psid in psids:
            pipe.hget(self.keys.user(psid), "last_seen")
        seen = cast(list[str | None], await pipe.execute()) if psids else []
        return [(psid, int(at or 0)) for psid, at in zip(psids, seen, strict=True)]
