"""Messenger webhook events as frozen pydantic models (shapes from Meta's reference).

Unknown fields are ignored; unknown event kinds are kept raw and still acknowledged.
"""

from __future__ import annotations

import math
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from bot.constants import MAX_TIMESTAMP_MS


class Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")


def timestamp_ms(value: Any) -> int:
    """Meta sends int milliseconds, but the postback reference shows string seconds.

    "inf", "1e400", Infinity, NaN, negative or far-future values are refused here (the event
    becomes a dead letter): Redis cannot score them and no reader could show them."""
    if isinstance(value, str):
        value = float(value) * 1000
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError("timestamp must be a finite number")
    if isinstance(value, int | float) and not isinstance(value, bool):
        return in_range(int(value), MAX_TIMESTAMP_MS)
    raise ValueError("timestamp must be int milliseconds or string seconds")


def in_range(value: int, highest: int) -> int:
    if not 0 <= value <= highest:
        raise ValueError("time out of range")
    return value


def unix_seconds(value: Any) -> Any:
    """A unix time in seconds (a token's expiry), bounded like event timestamps."""
    if isinstance(value, str) and value.isdigit():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return in_range(value, MAX_TIMESTAMP_MS // 1000)
    return value


class Actor(Model):
    id: str | None = None
    user_ref: str | None = None


class QuickReply(Model):
    payload: str


class Attachment(Model):
    type: str
    payload: dict[str, Any] | None = None


class Message(Model):
    mid: str = ""
    text: str | None = None
    quick_reply: QuickReply | None = None
    attachments: tuple[Attachment, ...] = ()
    is_echo: bool = False
    app_id: int | str | None = None
    metadata: str | None = None
    sticker_id: int | str | None = None


class Referral(Model):
    ref: str | None = None
    source: str | None = None
    type: str | None = None
    ad_id: str | None = None
    referer_uri: str | None = None


class Postback(Model):
    mid: str | None = None
    title: str | None = None
    payload: str | None = None
    referral: Referral | None = None


class Optin(Model):
    type: str | None = None
    payload: str | None = None
    title: str | None = None
    ref: str | None = None
    user_ref: str | None = None
    notification_messages_token: str | None = None
    notification_messages_frequency: str | None = None
    notification_messages_timezone: str | None = None
    token_expiry_timestamp: int | None = None
    user_token_status: str | None = None
    notification_messages_status: str | None = None

    @field_validator("token_expiry_timestamp", mode="before")
    @classmethod
    def _unix(cls, value: Any) -> Any:
        return unix_seconds(value)


class Delivery(Model):
    mids: tuple[str, ...] = ()
    watermark: int


class Read(Model):
    watermark: int


class PolicyEnforcement(Model):
    action: str
    reason: str | None = None


class ThreadControl(Model):
    """`pass_thread_control` / `take_thread_control` / `request_thread_control` (the
    `messaging_handovers` field): who held the thread, who holds it now."""

    previous_owner_app_id: str | None = None
    new_owner_app_id: str | None = None
    requested_owner_app_id: str | None = None
    metadata: str | None = None

    @field_validator(
        "previous_owner_app_id", "new_owner_app_id", "requested_owner_app_id", mode="before"
    )
    @classmethod
    def _app_id(cls, value: Any) -> Any:
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


_KINDS = (
    "message",
    "postback",
    "optin",
    "delivery",
    "read",
    "referral",
    "policy_enforcement",
    "pass_thread_control",
    "take_thread_control",
    "request_thread_control",
)
HANDOVER_KINDS = frozenset(_KINDS[-3:])


STANDBY_MARK = "_standby"
PAGE_MARK = "_page"  # set at ingest: the Page (`entry[].id`) the event came to


class MessagingEvent(Model):
    """One item of `entry[].messaging[]` or `entry[].standby[]`."""

    sender: Actor | None = None
    recipient: Actor | None = None
    timestamp: int = 0
    message: Message | None = None
    postback: Postback | None = None
    optin: Optin | None = None
    delivery: Delivery | None = None
    read: Read | None = None
    referral: Referral | None = None
    policy_enforcement: PolicyEnforcement | None = None
    pass_thread_control: ThreadControl | None = None
    take_thread_control: ThreadControl | None = None
    request_thread_control: ThreadControl | None = None
    raw_keys: tuple[str, ...] = Field(default=(), exclude=True)
    # Set at ingest for `standby[]` items: another app (a human agent) owns the thread.
    standby: bool = Field(default=False, validation_alias=STANDBY_MARK)
    page_id: str = Field(default="", validation_alias=PAGE_MARK)

    @field_validator("timestamp", mode="before")
    @classmethod
    def _timestamp(cls, value: Any) -> int:
        return timestamp_ms(value)

    @property
    def kind(self) -> str:
        """The event's kind; an echo is its own kind; unknown kinds keep their key."""
        if self.message is not None and self.message.is_echo:
            return "echo"
        for name in _KINDS:
            if getattr(self, name) is not None:
                return name
        known = ("sender", "recipient", "timestamp", STANDBY_MARK, PAGE_MARK)
        extra = [key for key in self.raw_keys if key not in known]
        return f"unknown:{extra[0]}" if extra else "unknown"

    @property
    def psid(self) -> str:
        """The person the event is about: for an echo that is the recipient, not the Page."""
        actor = self.recipient if self.kind == "echo" else self.sender
        if actor is None:
            return ""
        return actor.id or actor.user_ref or ""

    @property
    def thread_control(self) -> ThreadControl | None:
        """The handover of a `messaging_handovers` event, if this is one."""
        return self.pass_thread_control or self.take_thread_control or self.request_thread_control

    @property
    def text(self) -> str:
        return (self.message.text or "") if self.message else ""


def parse_event(raw: dict[str, Any]) -> MessagingEvent:
    """Validate one messaging item, remembering its keys so unknown kinds stay visible."""
    return MessagingEvent.model_validate({**raw, "raw_keys": tuple(raw)})


class Entry(Model):
    id: str = ""
    time: int | None = None
    messaging: tuple[dict[str, Any], ...] = ()
    standby: tuple[dict[str, Any], ...] = ()
    changes: tuple[dict[str, Any], ...] = ()


class Envelope(Model):
    object: str
    entry: tuple[Entry, ...] = ()
