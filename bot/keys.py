"""The one place that names Redis keys (DESIGN "Redis layout", docs/partitions.md).

The keyspace is split into a fixed number of partitions (the layout record, `layout`, says how
many; it is set when the data is created). A person's partition is a keyed hash of (Page,
PSID); each partition has its own hash tag `{p<n>}`, so a person's keys, their partition's
events stream and the partition's slice of every index live in one Redis Cluster slot and
change in one transaction or script. On one server the partitions simply live together.

Pages (bot/pages): what a Page owns lives under `<prefix>:pg:<page id>:` once a PAGES_FILE is
used (`paged`); what the deployment shares (the partitions' events streams under
`<prefix>:pt:{p<n>}:`, dead letters, staff users, console sign-in limits) stays under
`<prefix>:`. Without PAGES_FILE the one Page owns the unscoped keys.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace

from bot.constants import DEFAULT_PARTITIONS

# Suffixes (after `<prefix>:`) of the keys every Page shares; everything else is a Page's own.
SHARED_SUFFIXES = (
    "events",
    "pt:",
    "layout",
    "workers",
    "seen:",
    "admins",
    "export:",
    "console:fails:",
    "console:revoked:",
    "console:link:",
    "pg:",
    "pages:",
)


@dataclass(frozen=True, slots=True)
class Keys:
    prefix: str
    page: str = ""  # the Page whose keys these are; "" = the unscoped one-Page layout
    paged: bool = False  # True with PAGES_FILE: `for_page` scopes keys by the Page id
    partitions: int = DEFAULT_PARTITIONS  # from the layout record (bot/cluster/layout.py)
    salt: str = ""  # the layout record's key for the partition hash (hex)

    def for_page(self, page_id: str) -> Keys:
        """These keys for one Page; "" (an event queued before Pages) keeps this Page."""
        if not self.paged or not page_id or page_id == self.page:
            return self
        return replace(self, page=page_id)

    # Partitions
    def partition(self, psid: str) -> int:
        """The partition of this Page's person `psid`: a keyed hash of (Page, PSID)."""
        return self._bucket(f"{self.page}\0{psid}")

    def request_partition(self, request_id: str) -> int:
        """A data-subject request's own partition, from its id (its record and its due date
        change together; the id alone finds them)."""
        return self._bucket(f"r\0{request_id}")

    @property
    def every_partition(self) -> range:
        return range(self.partitions)

    def _bucket(self, text: str) -> int:
        digest = hashlib.blake2b(
            text.encode(), key=bytes.fromhex(self.salt), digest_size=8
        ).digest()
        return int.from_bytes(digest, "big") % self.partitions

    def tag(self, n: int) -> str:
        """Partition n's hash tag: every key holding it sits in the same cluster slot."""
        return f"{{p{n}}}"

    def part(self, n: int) -> str:
        """The start of partition n's keys that every Page shares (its events stream)."""
        return f"{self.prefix}:pt:{self.tag(n)}"

    def own_part(self, n: int) -> str:
        """The start of partition n's keys this Page owns (its people, its index slices)."""
        return f"{self.own}:{self.tag(n)}"

    @property
    def layout(self) -> str:
        """The layout record (HASH: `partitions`, `salt`, `version`), set once at creation."""
        return f"{self.prefix}:layout"

    @property
    def layout_next(self) -> str:
        """The layout record a migration from the unpartitioned layout is building (HASH, as
        `layout`): renamed to `layout` once every key is under its new name."""
        return f"{self.prefix}:layout:next"

    @property
    def layout_lock(self) -> str:
        """Held by the one process migrating to partitions (STRING with a TTL, renewed)."""
        return f"{self.prefix}:layout:lock"

    @property
    def workers(self) -> str:
        """Live workers (ZSET: name -> heartbeat deadline ms): partitions are shared among them."""
        return f"{self.prefix}:workers"

    def partition_lease(self, n: int) -> str:
        """The one worker reading partition n's stream now (STRING with a TTL)."""
        return f"{self.part(n)}:lease"

    @property
    def own(self) -> str:
        """The start of every key this Page owns."""
        return f"{self.prefix}:pg:{self.page}" if self.page else self.prefix

    @property
    def pages_migrated(self) -> str:
        """Set once the unscoped one-Page data moved under a Page (the upgrade, bot/pages)."""
        return f"{self.prefix}:pages:migrated"

    # Per person: `<own>:{p<n>}:user:<psid>...`
    def user(self, psid: str) -> str:
        return f"{self.own_part(self.partition(psid))}:user:{psid}"

    def user_key_parts(self, n: int) -> tuple[str, str]:
        """Head and tail around a PSID that make the user hash of a person in partition n."""
        return f"{self.own_part(n)}:user:", ""

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

    def thread(self, psid: str) -> str:
        """Who holds the conversation while it is not the bot: the Page Inbox (HASH; absent
        means the bot)."""
        return f"{self.user(psid)}:thread"

    def staff_link(self, code: str) -> str:
        """A one-time code a staff member types to the bot to link their own PSID (STRING)."""
        return f"{self.prefix}:console:link:{code}"

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
            self.thread(psid),
        )

    # Event pipeline: one stream per partition, shared by the Pages
    def events(self, n: int) -> str:
        return f"{self.part(n)}:events"

    def attempts(self, n: int) -> str:
        return f"{self.part(n)}:attempts"

    def seen(self, n: int, event_key: str) -> str:
        """The dedupe marker of an event of a person in partition n."""
        return f"{self.part(n)}:seen:{event_key}"

    @property
    def dead_letters(self) -> str:
        return f"{self.prefix}:events:dead"

    # Indexes and journals: each partition holds its slice
    def users_index(self, n: int) -> str:
        return f"{self.own_part(n)}:idx:users"

    def marketing_index(self, n: int) -> str:
        return f"{self.own_part(n)}:idx:marketing"

    def audience_counts(self, n: int) -> str:
        """Partition n's people by broadcast reason, kept with every change (HASH)."""
        return f"{self.own_part(n)}:idx:counts"

    def name_index(self, n: int, term_hash: str) -> str:
        """PSIDs in partition n one word of whose name (or its start) hashes to this (SET,
        `bot.name_index`); the hash is keyed, so the key names no word."""
        return f"{self.own_part(n)}:idx:name:{term_hash}"

    @property
    def name_index_built(self) -> str:
        """The key id of the DATA_KEY the name index was last built under (STRING)."""
        return f"{self.own}:idx:name_built"

    @property
    def name_index_lock(self) -> str:
        """Held by the one process rebuilding the name index (STRING with a TTL)."""
        return f"{self.own}:idx:name_lock"

    def suppressed(self, n: int) -> str:
        return f"{self.own_part(n)}:suppressed"

    def erasures(self, n: int) -> str:
        return f"{self.own_part(n)}:erasures"

    def erased_at(self, n: int) -> str:
        """Keyed PSID hash -> erasure time (ms): events older than that are dropped."""
        return f"{self.own_part(n)}:erased_at"

    @property
    def erasure_replay(self) -> str:
        """How far start-up has replayed the erasure journal (HASH: `stream_id:<n>`, the last
        entry replayed of partition n's journal; `file_bytes`, how much of the journal file
        was read)."""
        return f"{self.own}:erasures:replayed"

    @property
    def housekeeping(self) -> str:
        """Housekeeping's progress (HASH: `cursor` of the people-index scan, `pass_started`,
        `compact_due`), shared by every worker."""
        return f"{self.own}:housekeeping"

    @property
    def housekeeping_lease(self) -> str:
        """Held by the one worker keeping house right now (STRING with a TTL)."""
        return f"{self.own}:housekeeping:lease"

    @property
    def audit(self) -> str:
        return f"{self.own}:audit"

    @property
    def admins(self) -> str:
        return f"{self.prefix}:admins"

    def dsar(self, request_id: str) -> str:
        """A request's record, in the request's own partition (`request_partition`)."""
        return f"{self.own_part(self.request_partition(request_id))}:dsar:{request_id}"

    def dsar_records(self, n: int) -> str:
        """The SCAN pattern of the request records in partition n."""
        return f"{self.own_part(n)}:dsar:*"

    def dsar_due(self, n: int) -> str:
        """Open requests of partition n by due date (ZSET)."""
        return f"{self.own_part(n)}:idx:dsar_due"

    def export(self, token: str) -> str:
        """A sealed, self-contained export behind a link: shared, the link names no Page."""
        return f"{self.prefix}:export:{token}"

    def deletion(self, code: str) -> str:
        return f"{self.own}:deletion:{code}"

    # Console (webhook/console) and breach mode (bot/breach.py)
    @property
    def breach(self) -> str:
        return f"{self.own}:breach"

    def console_fails(self, client: str) -> str:
        """Failed console sign-ins from one client (a keyed hash of its address)."""
        return f"{self.prefix}:console:fails:{client}"

    def console_revoked(self, session_id: str) -> str:
        return f"{self.prefix}:console:revoked:{session_id}"

    @property
    def console_stats(self) -> str:
        return f"{self.own}:console:stats"

    # Broadcasts (bot/broadcast_*.py). One broadcast's keys share its `{id}` hash tag so that
    # its outcome and progress hashes change together in one script.
    def broadcast(self, broadcast_id: str) -> str:
        """The definition and status (HASH)."""
        return f"{self.own}:bcast:{{{broadcast_id}}}"

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
        return f"{self.own}:bcast:index"

    @property
    def broadcasts_due(self) -> str:
        """Broadcasts to send, by the time their next pass is due (ZSET)."""
        return f"{self.own}:bcast:due"

    @property
    def broadcast_pace(self) -> str:
        """The Page's next free send slot, shared by every sender (STRING, microseconds)."""
        return f"{self.own}:bcast:pace"

    @property
    def alerts(self) -> str:
        """Admin-visible alerts, e.g. Meta's policy block (HASH name -> JSON)."""
        return f"{self.own}:alerts"
