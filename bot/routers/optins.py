"""Meta's Marketing Messages opt-in webhook: the token, its expiry and time zone, and the
person's STOP / RESUME in Messenger's own UI (each a consent receipt)."""

from __future__ import annotations

from bot.consent.flow import record_decision
from bot.pipeline.dispatcher import SKIP, Outcome, Turn

CHANNEL = "messenger_marketing_messages"


def _status(raw: str | None) -> str:
    """Meta's docs say "STOP NOTIFICATIONS"; code in the wild sees "STOP_NOTIFICATIONS"."""
    return (raw or "").strip().upper().replace("_", " ").split(" ")[0]


async def optins(turn: Turn) -> Outcome:
    optin = turn.event.optin
    if optin is None:
        return SKIP
    if optin.type != "notification_messages":
        return []
    store = turn.services.store
    status = _status(optin.notification_messages_status)
    if status == "STOP":
        await store.update(turn.psid, {"mm:status": "stopped", "subscribed": "0"})
        await record_decision(turn, "marketing", "withdrawn", channel=CHANNEL)
        return []
    if status == "RESUME":
        await store.update(turn.psid, {"mm:status": "active", "subscribed": "1"})
        await record_decision(turn, "marketing", "granted", channel=CHANNEL)
        return []
    token = {
        "mm:token": optin.notification_messages_token or "",
        "mm:expiry": str(optin.token_expiry_timestamp or ""),
        "mm:timezone": optin.notification_messages_timezone or "",
        "mm:token_status": optin.user_token_status or "",
        "mm:status": "active",
    }
    await store.update(turn.psid, token)
    return []
