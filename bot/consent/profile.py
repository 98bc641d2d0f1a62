"""The Facebook profile, fetched only after `profile` consent and only the fields the notice
names. Meta may return fewer (a missing page permission, a phone-number account, `{}`):
what came is stored and the consent receipt records which fields that was."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from bot.errors import GraphError
from bot.graph.client import GraphClient
from bot.store import PROFILE_FIELDS, Store, UserRecord

log = logging.getLogger("privacybot.profile")

REFRESH_AFTER = dt.timedelta(days=7)


class ProfileFetcher:
    """Through the one async Graph client: its time-out, retries of transient errors, typed
    errors and metrics (by code, e.g. `100/2018218` for an account without a profile)."""

    def __init__(self, graph: GraphClient) -> None:
        self._graph = graph

    async def fetch(self, psid: str) -> dict[str, Any]:
        """The profile fields Meta gave; {} when it gave none or refused (the consent receipt
        then records that no field came)."""
        try:
            answer = await self._graph.user_profile(psid, tuple(PROFILE_FIELDS))
        except GraphError as error:
            log.warning("profile fetch failed: Graph error %s", error.label)
            return {}
        return {name: answer[name] for name in PROFILE_FIELDS if answer.get(name) not in (None, "")}


def locale_language(locale: str | None, languages: tuple[str, ...]) -> str | None:
    lang = (locale or "").split("_")[0].lower()
    return lang if lang in languages else None


async def store_profile(store: Store, psid: str, profile: dict[str, Any], now: dt.datetime) -> None:
    """Facebook's values fill only the fields the person has not set themselves: a
    correction lasts until the person changes it (the source label stays true)."""
    held = await store.load(psid)
    values = {
        f"profile:{name}": str(value)
        for name, value in profile.items()
        if held.get(f"source:{name}") != "person"
    }
    values["profile_fetched_at"] = str(int(now.timestamp()))
    await store.update(psid, values)


def is_stale(user: UserRecord, now: dt.datetime) -> bool:
    fetched = user.get("profile_fetched_at")
    if fetched is None:
        return True
    return now - dt.datetime.fromtimestamp(int(fetched), tz=dt.UTC) > REFRESH_AFTER
