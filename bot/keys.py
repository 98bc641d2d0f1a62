"""The one place that names Redis keys (DESIGN "Redis layout").

Per-user keys carry the PSID in a `{hash tag}` so that all of one person's keys live in one
Redis Cluster slot and can change in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Keys:
    prefix: str

    # Per person
    def user(self, psid: str) -> str:
        return f"{self.prefix}:user:{{{psid}}}"

    def consents(self, psid: str) -> str:
        return f"{self.user(psid)}:consents"

    def flow(self, psid: str) -> str:
        return f"{self.user(psid)}:flow"

    def lock(self, psid: str) -> str:
        return f"{self.user(psid)}:lock"

    def inbox(self, psid: str) -> str:
        """Event ids of this person not yet handled, scored by timestamp (ordering)."""
        return f"{self.user(psid)}:inbox"

    def run_queue(self, psid: str) -> str:
        """Stream entry ids of this person's events waiting for their drainer, by timestamp."""
        return f"{self.user(psid)}:queue"

    def requests_of(self, psid: str) -> str:
        """Ids of this person's data-subject requests (the records themselves outlive them)."""
        return f"{self.user(psid)}:dsar"

    def outbox(self, psid: str) -> str:
        """Results waiting for the person's next message (outside Meta's 24-hour window)."""
        return f"{self.user(psid)}:outbox"

    def user_keys(self, psid: str) -> tuple[str, ...]:
        """Every per-person key: what an erasure removes."""
        return (
            self.user(psid),
            self.consents(psid),
            self.flow(psid),
            self.inbox(psid),
            self.run_queue(psid),
            self.lock(psid),
            self.requests_of(psid),
            self.outbox(psid),
        )

    # Event pipeline
    @property
    def events(self) -> str:
        return f"{self.prefix}:events"

    @property
    def dead_letters(self) -> str:
        return f"{self.prefix}:events:dead"

    @property
    def attempts(self) -> str:
        return f"{self.prefix}:events:attempts"

    def seen(self, event_key: str) -> str:
        return f"{self.prefix}:seen:{event_key}"

    # Indexes and journals
    @property
    def users_index(self) -> str:
        return f"{self.prefix}:idx:users"

    @property
    def marketing_index(self) -> str:
        return f"{self.prefix}:idx:marketing"

    def name_index(self, term_hash: str) -> str:
        """PSIDs of the people one word of whose name (or its start) hashes to this (SET,
        `bot.name_index`); the hash is keyed, so the key names no word."""
        return f"{self.prefix}:idx:name:{term_hash}"

    @property
    def name_index_built(self) -> str:
        """The key id of the DATA_KEY the name index was last built under (STRING)."""
        return f"{self.prefix}:idx:name_built"

    @property
    def name_index_lock(self) -> str:
        """Held by the one process rebuilding the name index (STRING with a TTL)."""
        return f"{self.prefix}:idx:name_lock"

    @property
    def suppressed(self) -> str:
        return f"{self.prefix}:suppressed"

    @property
    def erasures(self) -> str:
        return f"{self.prefix}:erasures"

    @property
    def erasure_replay(self) -> str:
        """How far start-up has replayed the erasure journal (HASH: `stream_id`, the last
        stream entry replayed; `file_bytes`, how much of the journal file was read)."""
        return f"{self.prefix}:erasures:replayed"

    @property
    def housekeeping(self) -> str:
        """Housekeeping's progress (HASH: `cursor` of the people-index scan, `pass_started`,
        `compact_due`), shared by every worker."""
        return f"{self.prefix}:housekeeping"

    @property
    def housekeeping_lease(self) -> str:
        """Held by the one worker keeping house right now (STRING with a TTL)."""
        return f"{self.prefix}:housekeeping:lease"

    @property
    def audit(self) -> str:
        return f"{self.prefix}:audit"

    @property
    def admins(self) -> str:
        return f"{self.prefix}:admins"

    def dsar(self, request_id: str) -> str:
        return f"{self.prefix}:dsar:{request_id}"

    @property
    def dsar_due(self) -> str:
        return f"{self.prefix}:idx:dsar_due"

    @property
    def erased_at(self) -> str:
        """Keyed PSID hash -> erasure time (ms): events older than that are dropped."""
        return f"{self.prefix}:erased_at"

    def export(self, token: str) -> str:
        return f"{self.prefix}:export:{token}"

    def deletion(self, code: str) -> str:
        return f"{self.prefix}:deletion:{code}"

    # Console (webhook/console) and breach mode (bot/breach.py)
    @property
    def breach(self) -> str:
        return f"{self.prefix}:breach"

    def console_fails(self, client: str) -> str:
        """Failed console sign-ins from one client (a keyed hash of its address)."""
        return f"{self.prefix}:console:fails:{client}"

    def console_revoked(self, session_id: str) -> str:
        return f"{self.prefix}:console:revoked:{session_id}"

    @property
    def console_stats(self) -> str:
        return f"{self.prefix}:console:stats"

    # Broadcasts (bot/broadcast_*.py). One broadcast's keys share its `{id}` hash tag so that
    # its outcome and progress hashes change together in one script.
    def broadcast(self, broadcast_id: str) -> str:
        """The definition and status (HASH)."""
        return f"{self.prefix}:bcast:{{{broadcast_id}}}"

    def broadcast_progress(self, broadcast_id: str) -> str:
        """Live counters: sent, skipped:<reason>, failed:<code>, waiting (HASH)."""
        return f"{self.broadcast(broadcast_id)}:progress"

    def broadcast_outcomes(self, broadcast_id: str) -> str:
        """Keyed PSID hash -> outcome, written before a send: nobody gets it twice (HASH)."""
        return f"{self.broadcast(broadcast_id)}:out"

    def broadcast_lease(self, broadcast_id: str) -> str:
        """The one sender working on this broadcast now (STRING with a TTL)."""
        return f"{self.broadcast(broadcast_id)}:lease"

    @property
    def broadcasts(self) -> str:
        """Every broadcast id by creation time (ZSET)."""
        return f"{self.prefix}:bcast:index"

    @property
    def broadcasts_due(self) -> str:
        """Broadcasts to send, by the time their next pass is due (ZSET)."""
        return f"{self.prefix}:bcast:due"

    @property
    def broadcast_pace(self) -> str:
        """The Page's next free send slot, shared by every sender (STRING, microseconds)."""
        return f"{self.prefix}:bcast:pace"

    @property
    def alerts(self) -> str:
        """Admin-visible alerts, e.g. Meta's policy block (HASH name -> JSON)."""
        return f"{self.prefix}:alerts"
