"""Receipts are stored compactly (they are most of what is kept per person) and read back
exactly, including the spelled-out rows written before the compact form."""

from __future__ import annotations

import pytest

from bot.consent.receipts import ConsentReceipt

OLDER_ROW = (
    '["profile","granted","btc","2018-09-03","sl","2026-11-23T20:00:00Z","messenger","m_abc",'
    '"first_name,last_name,locale,timezone"]'
)


def test_an_older_spelled_out_receipt_still_reads_the_same() -> None:
    receipt = ConsentReceipt.from_stored(OLDER_ROW)
    assert receipt.purpose == "profile" and receipt.decision == "granted"
    assert receipt.at == "2026-11-23T20:00:00Z" and receipt.channel == "messenger"
    assert receipt.fields == ("first_name", "last_name", "locale", "timezone")
    assert len(receipt.stored()) < len(OLDER_ROW) // 2


@pytest.mark.parametrize(
    "receipt",
    [
        ConsentReceipt.from_stored(OLDER_ROW),
        ConsentReceipt(
            purpose="marketing",
            decision="withdrawn",
            policy="btc",
            policy_version="2018-09-03",
            language="en",
            at="2026-01-01T09:30:00Z",
            evidence="m_" + "x" * 86,
            channel="admin",
        ),
        ConsentReceipt(
            purpose="profile",
            decision="granted",
            policy="orbico",
            policy_version="1.2",
            language="sl",
            at="2026-02-28T23:59:59Z",
            evidence="m_y",
            fields=(),
        ),
    ],
)
def test_a_receipt_reads_back_exactly(receipt: ConsentReceipt) -> None:
    assert ConsentReceipt.from_stored(receipt.stored()) == receipt
