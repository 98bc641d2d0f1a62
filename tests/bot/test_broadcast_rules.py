"""Who receives a broadcast: every rule, both send forms, and quiet hours across time zones."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.broadcast.rules import (
    TOKEN_GAP_S,
    Target,
    Verdict,
    decide,
    quiet_until,
    zone_of,
)
from intents.pack import load_pack

# 2026-06-15 10:00 UTC = 12:00 in Ljubljana (summer time): inside everyone's day unless noted.
NOW = dt.datetime(2026, 6, 15, 10, 0, tzinfo=dt.UTC).timestamp()
HOUR = 3600.0
TARGET = Target(rights_version="2024-01-01", default_language="sl")


def person(**changes: str | None) -> dict[str, str | None]:
    """Someone who should receive it through the 24-hour window; `changes` break one rule."""
    fields: dict[str, str | None] = {
        "consent:marketing": "granted",
        "consent_version:marketing": "2024-01-01",
        "last_action": str(int((NOW - 2 * HOUR) * 1000)),
        "language": "sl",
    }
    fields.update(changes)
    return {k: v for k, v in fields.items() if v is not None}


def token(**changes: str | None) -> dict[str, str | None]:
    """Outside the window, with a usable Marketing Messages token."""
    fields = person(last_action=str(int((NOW - 30 * HOUR) * 1000)))
    fields.update({"mm:token": "tok-1", "mm:status": "active", "mm:expiry": str(int(NOW + 86400))})
    fields.update(changes)
    return {k: v for k, v in fields.items() if v is not None}


WINDOW = Verdict(route="window")
BY_TOKEN = Verdict(route="token")


def skipped(reason: str) -> Verdict:
    return Verdict(reason=reason)


@pytest.mark.parametrize(
    ("fields", "suppressed", "target", "expected"),
    [
        (person(), False, TARGET, WINDOW),
        (token(), False, TARGET, BY_TOKEN),
        # both open: the free window is used, the token's 48-hour slot is kept
        (token(last_action=str(int((NOW - HOUR) * 1000))), False, TARGET, WINDOW),
        (person(), True, TARGET, skipped("suppressed")),
        (token(), True, TARGET, skipped("suppressed")),
        (person(**{"consent:marketing": None}), False, TARGET, skipped("no_consent")),
        (person(**{"consent:marketing": "refused"}), False, TARGET, skipped("no_consent")),
        (person(**{"consent:marketing": "withdrawn"}), False, TARGET, skipped("no_consent")),
        (token(**{"consent:marketing": "withdrawn"}), False, TARGET, skipped("no_consent")),
        # given under a policy version older than the last rights-affecting change
        (
            person(**{"consent_version:marketing": "2023-05-01"}),
            False,
            TARGET,
            skipped("no_consent"),
        ),
        (person(**{"consent_version:marketing": "2025-02-01"}), False, TARGET, WINDOW),
        (person(subscribed="0"), False, TARGET, skipped("unsubscribed")),
        (token(subscribed="0"), False, TARGET, skipped("unsubscribed")),
        (person(subscribed="1"), False, TARGET, WINDOW),
        (person(restricted="1"), False, TARGET, skipped("restricted")),
        (token(restricted="1"), False, TARGET, skipped("restricted")),
        (person(restricted="0"), False, TARGET, WINDOW),
        # Meta answered 551 (unavailable) and they have not written since
        (person(unreachable=str(int(NOW - HOUR))), False, TARGET, skipped("unreachable")),
        (token(unreachable=str(int(NOW - HOUR))), False, TARGET, skipped("unreachable")),
        (person(unreachable=""), False, TARGET, WINDOW),  # absent, as the audience reads it
        (
            person(language="en"),
            False,
            Target("2024-01-01", "sl", frozenset({"sl"})),
            skipped("language"),
        ),
        (person(language="en"), False, Target("2024-01-01", "sl", frozenset({"en", "sl"})), WINDOW),
        # no language known: the pack's default decides
        (person(language=None), False, Target("2024-01-01", "sl", frozenset({"sl"})), WINDOW),
        (
            person(language=None),
            False,
            Target("2024-01-01", "sl", frozenset({"en"})),
            skipped("language"),
        ),
        # the window: 23 h 50 min is in, 24 h is out (a 5-minute margin before its end)
        (person(last_action=str(int((NOW - 23.8 * HOUR) * 1000))), False, TARGET, WINDOW),
        (
            person(last_action=str(int((NOW - 23.97 * HOUR) * 1000))),
            False,
            TARGET,
            skipped("outside_window_no_token"),
        ),
        (person(last_action=None), False, TARGET, skipped("outside_window_no_token")),
        # tokens: stopped, expired, not yet eligible again, missing -> no way to reach them
        (token(**{"mm:status": "stopped"}), False, TARGET, skipped("outside_window_no_token")),
        (
            token(**{"mm:expiry": str(int(NOW - 1))}),
            False,
            TARGET,
            skipped("outside_window_no_token"),
        ),
        (token(**{"mm:expiry": "garbage"}), False, TARGET, skipped("outside_window_no_token")),
        (token(**{"mm:expiry": None}), False, TARGET, BY_TOKEN),
        (
            token(**{"mm:next_eligible": str(int(NOW + 60))}),
            False,
            TARGET,
            skipped("outside_window_no_token"),
        ),
        (token(**{"mm:next_eligible": str(int(NOW - TOKEN_GAP_S))}), False, TARGET, BY_TOKEN),
        (token(**{"mm:token": ""}), False, TARGET, skipped("outside_window_no_token")),
        # an empty field (as the audience scan returns an absent one) counts as absent
        (
            person(
                **{
                    "consent_version:marketing": "",
                    "subscribed": "",
                    "restricted": "",
                    "language": "",
                }
            ),
            False,
            Target("2024-01-01", "sl", frozenset({"sl"})),
            WINDOW,
        ),
        (
            token(**{"mm:expiry": "", "mm:next_eligible": "", "mm:timezone": ""}),
            False,
            TARGET,
            BY_TOKEN,
        ),
    ],
)
def test_eligibility_matrix(
    fields: dict[str, str | None], suppressed: bool, target: Target, expected: Verdict
) -> None:
    assert decide(fields, suppressed, target, NOW) == expected


def at(utc: str) -> float:
    return dt.datetime.fromisoformat(utc).replace(tzinfo=dt.UTC).timestamp()


@pytest.mark.parametrize(
    ("fields", "now", "wait_until"),
    [
        # Ljubljana by default: 06:59 UTC in June is 08:59 there -> wait until 09:00 local
        ({}, at("2026-06-15T06:59:00"), at("2026-06-15T07:00:00")),
        ({}, at("2026-06-15T07:00:00"), None),
        ({}, at("2026-06-15T17:59:59"), None),
        # 18:00 UTC is 20:00 in Ljubljana: the next chance is tomorrow 09:00
        ({}, at("2026-06-15T18:00:00"), at("2026-06-16T07:00:00")),
        # winter: Ljubljana is UTC+1
        ({}, at("2026-01-15T07:30:00"), at("2026-01-15T08:00:00")),
        # the token's IANA zone wins over the profile's offset
        (
            {"mm:timezone": "America/New_York", "profile:timezone": "1"},
            at("2026-06-15T10:00:00"),
            at("2026-06-15T13:00:00"),
        ),
        ({"mm:timezone": "Asia/Tokyo"}, at("2026-06-15T10:59:00"), None),
        ({"mm:timezone": "Asia/Tokyo"}, at("2026-06-15T11:00:00"), at("2026-06-16T00:00:00")),
        # a profile offset (hours, may be fractional) when there is no token zone
        ({"profile:timezone": "-5"}, at("2026-06-15T10:00:00"), at("2026-06-15T14:00:00")),
        ({"profile:timezone": "5.5"}, at("2026-06-15T10:00:00"), None),
        ({"profile:timezone": "5.5"}, at("2026-06-15T15:00:00"), at("2026-06-16T03:30:00")),
        # an unknown zone name falls back to the profile, then to Ljubljana
        (
            {"mm:timezone": "Mars/Olympus", "profile:timezone": "9"},
            at("2026-06-15T12:00:00"),
            at("2026-06-16T00:00:00"),
        ),
        ({"mm:timezone": "Mars/Olympus"}, at("2026-06-15T19:00:00"), at("2026-06-16T07:00:00")),
    ],
)
def test_quiet_hours_across_time_zones(
    fields: dict[str, str | None], now: float, wait_until: float | None
) -> None:
    assert quiet_until(zone_of(fields), now) == wait_until


def test_an_eligible_person_in_quiet_hours_waits_and_keeps_the_route() -> None:
    night = at("2026-06-15T22:00:00")  # 00:00 in Ljubljana
    fields = person(last_action=str(int((night - HOUR) * 1000)))
    verdict = decide(fields, False, TARGET, night)
    assert verdict.route == "window" and not verdict.deliverable
    assert verdict.wait_until == at("2026-06-16T07:00:00")


@pytest.mark.parametrize(
    ("pack", "deliverable"),
    [("registratura", True), ("infopartner", True), ("balevski", True), ("btc", False)],
)
def test_quiet_hours_default_to_the_packs_home_zone(pack: str, deliverable: bool) -> None:
    """06:30 UTC in June: 09:30 in Bucharest and Sofia, still 08:30 in Ljubljana. Someone
    without a zone of their own gets a Romanian or Bulgarian Page's message now."""
    zone = load_pack(pack).pack.time_zone
    now = dt.datetime(2026, 6, 15, 6, 30, tzinfo=dt.UTC).timestamp()
    target = Target(rights_version="2024-01-01", default_language="sl", home_zone=zone)
    fields = person(last_action=str(int((now - HOUR) * 1000)))
    assert decide(fields, False, target, now).deliverable is deliverable
