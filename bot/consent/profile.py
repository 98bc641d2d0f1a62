"""The Facebook profile, fetched only after `profile` consent and only the fields the notice
names. Meta may return fewer (a missing page permission, a phone-number account, `{}`):
what came is stored and the consent receipt records which fields that was."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from typing import Any

from pymessenger.user_profile import UserProfileApi

from bot.store import PROFILE_FIELDS, Store, UserRecord

log = logging.getLogger("privacybot.profile")

REFRESH_AFTER = dt.timedelta(days=7)
_TIMEOUT_S = 10.0


class ProfileFetcher:
    def __init__(self, graph_url: str, access_token: str, app_secret: str) -> None:
        self._api = UserProfileApi(access_token, app_secret=app_secret)
        self._api.graph_url = graph_url.rstrip("/")

    async def fetch(self, psid: str) -> dict[str, Any]:
        """The profile fields Meta gave; {} when it gave none or failed."""
        # pymessenger is synchronous: run it in a thread so the event loop never blocks.
        call = asyncio.to_thread(self._api.get, psid, list(PROFILE_FIELDS))
        try:
            answer = await asyncio.wait_for(call, _TIMEOUT_S)
        except (TimeoutError, OSError) as exc:
            log.warning("profile fetch failed: %s", type(exc).__name__)
            return {}
        if not isinstance(answer, dict):
            return {}
        return {name: answer[name] for name in PROFILE_FIELDS if answer.get(name) not in (None, "")}


def locale_language(locale: str | None, languages: tuple[str, ...]) -> str | None:
    lang = (locale or "").split("_")[0].lower()
    return lang if lang in languages else None


async def store_profile(store: Store, psid: str, profile: dict[str, Any], now: dt.datetime) -> None:
    values = {f"profile:{name}": str(value) for name, value in profile.items()}
    values["profile_fetched_at"] = str(int(now.timestamp()))
    await store.update(psid, values)


def is_stale(user: UserRecord, now: dt.datetime) -> bool:
    fetched = user.get("profile_fetched_at")
    if fetched is None:
        return True
    return now - dt.datetime.fromtimestamp(int(fetched), tz=dt.UTC) > REFRESH_AFTER
