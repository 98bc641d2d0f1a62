"""How a person's stored data is shown to admins (DESIGN's contract shape) and, later, to
the person themselves. Built from the store; nothing here writes."""

from __future__ import annotations

from typing import cast

from pydantic import BaseModel, ConfigDict

from bot.consent.receipts import ConsentReceipt
from bot.indexes.people import parse_cursor, window
from bot.moments import iso_ms, iso_seconds
from bot.services import Services
from bot.store import UserRecord, is_subscribed, open_fields


class View(BaseModel):
    model_config = ConfigDict(frozen=True)


class ProfileView(View):
    first_name: str | None = None
    last_name: str | None = None
    locale: str | None = None
    timezone: float | None = None


class TokenView(View):
    status: str
    expires_at: str | None = None
    timezone: str | None = None


class MarketingView(View):
    subscribed: bool
    consent: str | None = None
    marketing_messages: TokenView | None = None


class UserView(View):
    psid: str
    language: str | None
    profile: ProfileView | None
    profile_fields_fetched: list[str]
    consents: list[ConsentReceipt]
    marketing: MarketingView
    restricted: bool
    first_contact: str | None
    last_action: str | None


class UserSummary(View):
    psid: str
    language: str | None
    first_contact: str | None
    consent_profile: str | None
    consent_marketing: str | None
    subscribed: bool


class UserPage(View):
    users: list[UserSummary]
    next_cursor: str | None


def _token(user: UserRecord) -> TokenView | None:
    if not user.get("mm:token"):
        return None
    expiry = user.get("mm:expiry")
    expires = iso_seconds(expiry)
    return TokenView(
        status=user.get("mm:status") or "active",
        expires_at=expires,
        timezone=user.get("mm:timezone") or None,
    )


async def user_view(services: Services, psid: str) -> UserView | None:
    user = await services.store.load(psid)
    keys = services.keys
    first = await services.redis.zscore(keys.users_index(keys.partition(psid)), psid)
    if not user.exists and first is None:
        return None
    profile = user.profile()
    receipts = await services.consents.receipts(psid)
    granted = [r for r in receipts if r.purpose == "profile" and r.decision == "granted"]
    fetched = list(granted[-1].fields or ()) if granted and profile else []
    return UserView(
        psid=psid,
        language=user.language,
        profile=ProfileView.model_validate(profile) if profile else None,
        profile_fields_fetched=fetched,
        consents=receipts,
        marketing=MarketingView(
            subscribed=is_subscribed(user.fields),
            consent=user.consent("marketing"),
            marketing_messages=_token(user),
        ),
        restricted=user.restricted,
        first_contact=iso_ms(first),
        last_action=iso_ms(user.get("last_action")),
    )


async def user_page(services: Services, cursor: str, limit: int) -> UserPage:
    """People in order of first contact, every partition's slice merged; the cursor is
    opaque (bot.indexes.people: how far each slice was read)."""
    keys, redis = services.keys, services.redis
    at = await parse_cursor(redis, keys, cursor, newest_first=False)
    taken = await window(redis, keys, at, limit, newest_first=False)
    pipe = redis.pipeline(transaction=False)
    for _, (psid, _) in taken:
        pipe.hgetall(keys.user(psid))
    stored = cast(list[dict[str, str]], await pipe.execute()) if taken else []
    users = []
    for (_, (psid, first)), raw in zip(taken, stored, strict=True):
        user = UserRecord(psid, open_fields(services.store.cipher, raw))
        users.append(
            UserSummary(
                psid=psid,
                language=user.language,
                first_contact=iso_ms(first),
                consent_profile=user.consent("profile"),
                consent_marketing=user.consent("marketing"),
                subscribed=is_subscribed(user.fields),
            )
        )
    next_cursor = at.after(taken).encode() if len(taken) == limit else None
    return UserPage(users=users, next_cursor=next_cursor)
