"""Reading a key's kind back from its name, in both layouts: every kind the keys of
bot/keys.py build is recognised, and what is shared is left alone."""

from __future__ import annotations

import pytest

from bot.cluster.names import Found, Kind, partitioned, unpartitioned
from bot.keys import Keys

P = "pb"
PAGE = "1110000000000001"


@pytest.mark.parametrize(
    ("key", "found"),
    [
        ("pb:user:{71}", Found(Kind.PERSON, "", "71", "")),
        ("pb:user:{71}:consents", Found(Kind.PERSON, "", "71", ":consents")),
        (f"pb:pg:{PAGE}:user:{{71}}:inbox", Found(Kind.PERSON, PAGE, "71", ":inbox")),
        ("pb:idx:users", Found(Kind.PEOPLE, "", "users")),
        ("pb:idx:marketing", Found(Kind.PEOPLE, "", "marketing")),
        ("pb:idx:name:ab12", Found(Kind.NAMES, "", "ab12")),
        ("pb:idx:name_built", Found(Kind.PLAIN, "", rest="idx:name_built")),
        ("pb:idx:dsar_due", Found(Kind.DUE)),
        ("pb:dsar:r1", Found(Kind.REQUEST, "", "r1")),
        ("pb:suppressed", Found(Kind.DIGESTS, "", "suppressed")),
        ("pb:erased_at", Found(Kind.DIGESTS, "", "erased_at")),
        ("pb:erasures", Found(Kind.JOURNAL)),
        ("pb:erasures:replayed", Found(Kind.JOURNAL_MARK)),
        ("pb:audit", Found(Kind.PLAIN, "", rest="audit")),
        ("pb:bcast:{b1}:progress", Found(Kind.PLAIN, "", rest="bcast:{b1}:progress")),
        ("pb:events", Found(Kind.EVENTS)),
        ("pb:events:attempts", Found(Kind.ATTEMPTS)),
        ("pb:events:dead", Found(Kind.SHARED)),
        ("pb:seen:m:1", Found(Kind.SEEN, part="m:1")),
        ("pb:admins", Found(Kind.SHARED)),
        ("pb:export:t", Found(Kind.SHARED)),
    ],
)
def test_the_layout_before_partitions(key: str, found: Found) -> None:
    assert unpartitioned(P, key) == found


def test_every_key_of_the_partitioned_layout() -> None:
    k = Keys(P, partitions=8, salt="00")
    n = k.partition("71")
    assert partitioned(P, k.user("71")) == Found(Kind.PERSON, "", "71", "", n)
    assert partitioned(P, k.outbox("71")) == Found(Kind.PERSON, "", "71", ":outbox", n)
    assert partitioned(P, k.users_index(3)) == Found(Kind.PEOPLE, "", "users", n=3)
    assert partitioned(P, k.name_index(5, "ab")) == Found(Kind.NAMES, "", "ab", n=5)
    assert partitioned(P, k.audience_counts(2)) == Found(Kind.COUNTS, n=2)
    assert partitioned(P, k.dsar("r1")) == Found(
        Kind.REQUEST, "", "r1", n=k.request_partition("r1")
    )
    assert partitioned(P, k.suppressed(4)) == Found(Kind.DIGESTS, "", "suppressed", n=4)
    assert partitioned(P, k.erasures(6)) == Found(Kind.JOURNAL, n=6)
    assert partitioned(P, k.erasure_replay).kind is Kind.PLAIN
    assert partitioned(P, k.audit) == Found(Kind.PLAIN, "", rest="audit")
    assert partitioned(P, k.events(7)) == Found(Kind.EVENTS, n=7)
    for shared in (k.attempts(1), k.seen(1, "m:1"), k.layout, k.workers, k.dead_letters):
        assert partitioned(P, shared).kind is Kind.SHARED
    paged = Keys(P, PAGE, True, 8, "00")
    assert partitioned(P, paged.user("71")).page == PAGE
