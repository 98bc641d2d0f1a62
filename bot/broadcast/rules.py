"""Who may receive a marketing broadcast, and when: one pure function over a person's fields.

A person receives it only with marketing consent under the current rights version, still
subscribed, not restricted, not suppressed, not found unreachable by Meta (551) since they
last wrote, in a target language, and either inside Meta's 24-hour window (sent as UPDATE)
or holding a usable Marketing Messages token. Eligible people in their quiet hours (outside
09:00-20:00 local) wait; they are not skipped.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.consent.receipts import needs_reconsent
from bot.constants import MESSAGING_WINDOW_S

Route = Literal["window", "token"]
SKIP_REASONS = (
    "suppressed",
    "no_consent",
    "unsubscribed",
    "restricted",
    "unreachable",
    "language",
    "outside_window_no_token",
)
# A message decided at 23:59 may reach Meta after the window closed: keep a margin.
WINDOW_MARGIN_S = 300
TOKEN_GAP_S = 48 * 3600  # Meta: one message per token per 48 h
DAY_STARTS, DAY_ENDS = 9, 20  # local hours in which delivery is allowed: [09:00, 20:00)
DEFAULT_ZONE = "Europe/Ljubljana"
USER_FIELDS = (
    "consent:marketing",
    "consent_version:marketing",
    "subscribed",
    "restricted",
    "unreachable",
    "last_action",
    "language",
    "profile:timezone",
    "mm:token",
    "mm:expiry",
    "mm:timezone",
    "mm:status",
    "mm:next_eligible",
)
Fields = Mapping[str, str | None]


@dataclass(frozen=True, slots=True)
class Target:
    """The broadcast's side of the decision."""

    rights_version: str
    default_language: str
    languages: frozenset[str] = frozenset()  # empty: every language
    tokens: bool = True  # Marketing Messages tokens may be used (MARKETING_MESSAGES=on)
    home_zone: str = DEFAULT_ZONE  # the pack's time zone, for people without one of their own


@dataclass(frozen=True, slots=True)
class Verdict:
    route: Route | None = None
    reason: str | None = None  # one of SKIP_REASONS when route is None
    wait_until: float | None = None  # quiet hours: unix time of the next local 09:00

    @property
    def deliverable(self) -> bool:
        return self.route is not None and self.wait_until is None


def language_of(fields: Fields, target: Target) -> str:
    return fields.get("language") or target.default_language


def skip_reason(fields: Fields, suppressed: bool, target: Target) -> str | None:
    """The first rule the person fails, or None."""
    if suppressed:
        return "suppressed"
    version = fields.get("consent_version:marketing")
    if fields.get("consent:marketing") != "granted" or _outdated(version, target.rights_version):
        return "no_consent"
    reason = _held_back(fields)
    if reason is None and target.languages and language_of(fields, target) not in target.languages:
        return "language"
    return reason


def _held_back(fields: Fields) -> str | None:
    """What the person (or Meta, for them) has set against messages reaching them."""
    if fields.get("subscribed", "1") == "0":
        return "unsubscribed"
    if fields.get("restricted") == "1":
        return "restricted"
    if fields.get("unreachable"):  # Meta answered 551; cleared when they next write to us
        return "unreachable"
    return None


@functools.lru_cache(maxsize=256)
def _outdated(version: str | None, rights_version: str) -> bool:
    """Cached: an audience holds a handful of distinct versions. "" is no version."""
    return needs_reconsent(version or None, rights_version)


def _number(raw: str | None) -> float | None:
    try:
        return float(raw) if raw else None
    except ValueError:
        return None


def in_window(fields: Fields, now: float) -> bool:
    last = _number(fields.get("last_action"))
    return last is not None and now - last / 1000 < MESSAGING_WINDOW_S - WINDOW_MARGIN_S


def token_usable(fields: Fields, now: float) -> bool:
    """Active, not expired (no expiry given: Meta's newer tokens do not expire), and past
    its next eligible time."""
    if fields.get("mm:status") != "active" or not fields.get("mm:token"):
        return False
    expiry, expiry_raw = _number(fields.get("mm:expiry")), fields.get("mm:expiry")
    if expiry_raw and (expiry is None or expiry <= now):
        return False
    next_eligible = _number(fields.get("mm:next_eligible"))
    return next_eligible is None or now >= next_eligible


def route_for(fields: Fields, now: float, *, tokens: bool = True) -> Route | None:
    """The window is preferred: it is free and leaves the token's 48-hour slot unused."""
    if in_window(fields, now):
        return "window"
    return "token" if tokens and token_usable(fields, now) else None


def zone_of(fields: Fields, home: str = DEFAULT_ZONE) -> dt.tzinfo:
    """The token's IANA zone, else the profile's hour offset, else the Page's home zone."""
    return _zone(fields.get("mm:timezone"), fields.get("profile:timezone"), home)


@functools.lru_cache(maxsize=1024)
def _zone(name: str | None, offset_hours: str | None, home: str) -> dt.tzinfo:
    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    offset = _number(offset_hours)
    if offset is not None and -24 < offset < 24:
        return dt.timezone(dt.timedelta(hours=offset))
    return ZoneInfo(home)


@functools.lru_cache(maxsize=1024)
def quiet_until(zone: dt.tzinfo, now: float) -> float | None:
    """None inside 09:00-20:00 local time, else the unix time of the next local 09:00.
    Cached: a chunk is decided at one `now`, and people share a few zones."""
    local = dt.datetime.fromtimestamp(now, zone)
    if DAY_STARTS <= local.hour < DAY_ENDS:
        return None
    day = local.date() if local.hour < DAY_STARTS else local.date() + dt.timedelta(days=1)
    return dt.datetime.combine(day, dt.time(DAY_STARTS), tzinfo=zone).timestamp()


def decide(fields: Fields, suppressed: bool, target: Target, now: float) -> Verdict:
    reason = skip_reason(fields, suppressed, target)
    if reason is not None:
        return Verdict(reason=reason)
    route = route_for(fields, now, tokens=target.tokens)
    if route is None:
        return Verdict(reason="outside_window_no_token")
    return Verdict(route=route, wait_until=quiet_until(zone_of(fields, target.home_zone), now))
