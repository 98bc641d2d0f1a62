"""Every tunable number of the bot in one place (limits come from Meta's docs)."""

from typing import Final

GRAPH_API_DEFAULT: Final = "https://graph.facebook.com/v25.0"
DEFAULT_PORT: Final = 8080
DEFAULT_PACK: Final = "btc"

# Webhook edge
MAX_BODY_BYTES: Final = 1024 * 1024
SIGNATURE_HEADER: Final = "X-Hub-Signature-256"
# Event times must be real instants: 1970 up to the last millisecond of year 9999, the range
# Python's datetime (and so every reader) and an exact Redis score (< 2**53) both hold.
MAX_TIMESTAMP_MS: Final = 253_402_300_799_999

# Redis
REDIS_POOL_SIZE: Final = 256
REDIS_POOL_WAIT_S: Final = 5.0
# A hung or unreachable Redis is an error after this long, not a wait without end: longer
# than any command we send (XREADGROUP blocks 0.5 s), well inside Meta's 5 s.
REDIS_SOCKET_TIMEOUT_S: Final = 3.0
REDIS_CONNECT_TIMEOUT_S: Final = 1.0
# With REDIS_ACK_REPLICAS > 0: how long ingest waits for the replicas before answering 503.
REDIS_ACK_WAIT_MS: Final = 1500
# Meta gives a webhook 5 s; whatever Redis does, the edge answers (503 at worst) within this.
WEBHOOK_DEADLINE_S: Final = 4.0
# A body that has not fully arrived after this long is dropped with a 408 (slow uploads).
BODY_READ_TIMEOUT_S: Final = 10.0

# Event pipeline
EVENTS_STREAM_MAXLEN: Final = 1_000_000
CONSUMER_GROUP: Final = "workers"
READ_BATCH: Final = 128
READ_BLOCK_MS: Final = 500
RECLAIM_IDLE_MS: Final = 30_000
RECLAIM_EVERY_S: Final = 5.0
MAX_ATTEMPTS: Final = 5
RETRY_DELAY_S: Final = 0.05
DEDUPE_TTL_S: Final = 7 * 24 * 3600
USER_LOCK_TTL_MS: Final = 30_000
# Partition leases (bot/pipeline/partitions.py): a worker renews its leases and its heartbeat
# every tick; a dead worker's partitions are free again after the lease time.
PARTITION_LEASE_MS: Final = 5_000
PARTITION_TICK_S: Final = 1.0
# While an event is handled its lock and stream entry are renewed this often, so a slow
# handler (Graph retries can take ~50 s) is neither overtaken nor reclaimed.
HEARTBEAT_S: Final = 10.0
# Housekeeping: one worker at a time (a lease), a bounded slice of the people index per tick,
# a full pass at most once per HOUSEKEEPING_EVERY_S; a dead holder's lease lapses after 3 ticks.
HOUSEKEEPING_EVERY_S: Final = 3600.0
HOUSEKEEPING_TICK_S: Final = 10.0
HOUSEKEEPING_SLICE: Final = 1000
HOUSEKEEPING_LEASE_MS: Final = 30_000
# After an erasure the append-only file is rewritten within this long (ERASURE_COMPACT_S).
ERASURE_COMPACT_DEFAULT_S: Final = 3600.0
USER_CONCURRENCY: Final = 64

# Graph API client
GRAPH_TIMEOUT_S: Final = 10.0
GRAPH_MAX_RETRIES: Final = 4
GRAPH_BACKOFF_BASE_S: Final = 0.2
GRAPH_BACKOFF_CAP_S: Final = 5.0
GRAPH_POOL_SIZE: Final = 100

# Meta's standard messaging window: any message may be sent within 24 hours of the
# person's last action; later ones are refused (10/2018278) unless a Marketing Messages
# token allows them.
MESSAGING_WINDOW_S: Final = 24 * 3600

# Thread control (Conversation Routing, the old Handover Protocol): Meta's Page Inbox app,
# where the Page's staff answer a person themselves.
PAGE_INBOX_APP_ID: Final = "263902037430900"
HANDOVER_IDLE_DEFAULT_S: Final = 24 * 3600

# Messenger UI limits
TEXT_MAX: Final = 2000
QUICK_REPLIES_MAX: Final = 13
QUICK_REPLY_TITLE_MAX: Final = 20
GREETING_MAX: Final = 160
BUTTON_TEXT_MAX: Final = 640
OPTIN_TITLE_MAX: Final = 65  # the title of a Marketing Messages opt-in request

# People
FLOW_TTL_S: Final = 30 * 60
IDLE_USER_TTL_S: Final = 30 * 24 * 3600

# Partitions of a new keyspace (REDIS_PARTITIONS; fixed once data exists, docs/partitions.md):
# enough to spread over 16 cluster primaries or 16 workers, few enough that the console's
# lists and counts, which fan out over every partition, stay one cheap pipeline.
DEFAULT_PARTITIONS: Final = 16

# Messenger's thumbs-up ("like") button sends a sticker, in three sizes by how long it is
# held: a nod, not an attachment to read.
LIKE_STICKERS = frozenset({"369239263222822", "369239343222814", "369239383222810"})
