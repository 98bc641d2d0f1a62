"""Stored times shown to people and staff. A reader never fails on a stored time: a value
written by an older version (before ingest checked timestamps) shows as unknown instead of
breaking a page, an export or an erasure."""

from __future__ import annotations

import datetime as dt
import math

from bot.constants import MAX_TIMESTAMP_MS


def moment_ms(value: str | float | None) -> dt.datetime | None:
    """Unix milliseconds as a UTC time; None when absent, unreadable or out of range."""
    if value in (None, ""):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        return None
    if not math.isfinite(number) or not 0 <= number <= MAX_TIMESTAMP_MS:
        return None
    return dt.datetime.fromtimestamp(number / 1000, tz=dt.UTC)


def iso_ms(value: str | float | None) -> str | None:
    """`2026-05-01T10:00:00Z`, or None (see `moment_ms`)."""
    moment = moment_ms(value)
    return moment.isoformat(timespec="seconds").replace("+00:00", "Z") if moment else None


def moment_seconds(value: str | float | None) -> dt.datetime | None:
    """Unix seconds as stored (e.g. a token's expiry), the same way."""
    try:
        return moment_ms(float(value) * 1000)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        return None


def iso_seconds(value: str | float | None) -> str | None:
    moment = moment_seconds(value)
    return moment.isoformat(timespec="seconds").replace("+00:00", "Z") if moment else None
