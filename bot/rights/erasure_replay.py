"""Replaying the erasure journal at start-up, in time that does not grow with the people stored.

A checkpoint in Redis (`Keys.erasure_replay`) says how far the last replay went: the last
stream entry and how many bytes of the journal file it read. A start-up reads only what came
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
from typing import TYPE_CHECKING, cast

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
    if not journal.exists():
        return {}, 0
    with journal.open("rb") as handle:
        size = handle.seek(0, 2)
        offset = offset if offset <= size else 0
        handle.seek(offset)
        tail = handle.read()
    complete = tail[: tail.rfind(b"\n") + 1]  # a line cut by a crash is read next time
    entries: dict[str, int] = {}
    for line in complete.decode("utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            entries[record["hash"]] = max(entries.get(record["hash"], 0), int(record["at"]))
    return entries, offset + len(complete)


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
        from_file, file_bytes = read_journal(self.journal, int(mark.get("file_bytes", 0)))
        lost = await self._unknown_to_redis(from_file)
        newer = await self._stream_since(mark.get("stream_id", "0-0"))
        pending = {**newer, **lost}  # re-added by an earlier replay that did not finish
        if lost:
            await self._restore_entries(lost)
        again = await self._erase_resurrected(pending) if pending else 0
        last = cast(
            list[tuple[str, dict[str, str]]],
            await self.redis.xrevrange(self.keys.erasures, count=1),
        )
        stream_id = last[0][0] if last else "0-0"
        await self.redis.hset(
            self.keys.erasure_replay, mapping={"file_bytes": file_bytes, "stream_id": stream_id}
        )
        if again:
            log.warning("erasure journal replay: erased %d restored people again", again)
        return again

    async def _unknown_to_redis(self, entries: dict[str, int]) -> dict[str, int]:
        """The file's entries whose erasure Redis does not hold (or holds an older one of)."""
        lost: dict[str, int] = {}
        digests = list(entries)
        for start in range(0, len(digests), _CHUNK):
            chunk = digests[start : start + _CHUNK]
            known = cast(list[str | None], await self.redis.hmget(self.keys.erased_at, chunk))
            for digest, at in zip(chunk, known, strict=True):
                if at is None or int(at) < entries[digest]:
                    lost[digest] = entries[digest]
        return lost

    async def _stream_since(self, stream_id: str) -> dict[str, int]:
        """Entries after the checkpoint that a replay re-added: their walk may not have run."""
        rows = cast(
            list[tuple[str, dict[str, str]]],
            await self.redis.xrange(self.keys.erasures, min=f"({stream_id}"),
        )
        return {f["hash"]: int(f["at"]) for _, f in rows if f.get(_REPLAYED)}

    async def _restore_entries(self, lost: dict[str, int]) -> None:
        pipe = self.redis.pipeline(transaction=False)
        for digest, at in lost.items():
            pipe.sadd(self.keys.suppressed, digest)
            pipe.hset(self.keys.erased_at, digest, str(at))
            pipe.xadd(self.keys.erasures, {"hash": digest, "at": str(at), _REPLAYED: "1"})
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
        async for psid, _ in self.redis.zscan_iter(self.keys.users_index, count=_CHUNK):
            last_seen = await self.redis.hget(self.keys.user(psid), "last_seen")
            yield psid, int(last_seen or 0)
