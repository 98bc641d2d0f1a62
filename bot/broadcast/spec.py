"""A marketing broadcast: what staff asked for (validated) and the message people receive.

Limits are Meta's: text under 2,000 characters (640 with a button), at most 13 quick replies
with titles of 20, one button. The send rate is capped under Meta's 300 calls/s per Page.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from bot.constants import BUTTON_TEXT_MAX, QUICK_REPLIES_MAX, QUICK_REPLY_TITLE_MAX, TEXT_MAX
from bot.errors import BadRequest

Status = Literal["queued", "sending", "paused", "done", "cancelled"]
ACTIVE: tuple[Status, ...] = ("queued", "sending")
DEFAULT_RATE = 50
MAX_RATE = 250
PAYLOAD_MAX = 1000
SCHEDULE_MAX_DAYS = 366


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class QuickReplyIn(_Frozen):
    title: str = Field(min_length=1, max_length=QUICK_REPLY_TITLE_MAX)
    payload: str = Field(min_length=1, max_length=PAYLOAD_MAX)


class ButtonIn(_Frozen):
    """One button: a link (`url`) or a postback (`payload`)."""

    title: str = Field(min_length=1, max_length=QUICK_REPLY_TITLE_MAX)
    url: str | None = Field(default=None, pattern=r"^https://\S+$", max_length=2000)
    payload: str | None = Field(default=None, min_length=1, max_length=PAYLOAD_MAX)

    @model_validator(mode="after")
    def _one_target(self) -> ButtonIn:
        if (self.url is None) == (self.payload is None):
            raise ValueError("a button needs exactly one of url (https) or payload")
        return self

    def render(self) -> dict[str, str]:
        if self.url is not None:
            return {"type": "web_url", "url": self.url, "title": self.title}
        return {"type": "postback", "title": self.title, "payload": self.payload or ""}


class BroadcastSpec(_Frozen):
    """The body of `POST /admin/api/broadcasts` (and of `privacybot broadcast create`)."""

    text: str = Field(min_length=1, max_length=TEXT_MAX - 1)
    texts: dict[str, str] = Field(default_factory=dict)
    languages: tuple[str, ...] = ()
    quick_replies: tuple[QuickReplyIn, ...] = Field(default=(), max_length=QUICK_REPLIES_MAX)
    button: ButtonIn | None = None
    at: dt.datetime | None = None
    dry_run: bool = False
    rate: int = Field(default=DEFAULT_RATE, ge=1, le=MAX_RATE)

    @field_validator("texts")
    @classmethod
    def _variants(cls, texts: dict[str, str]) -> dict[str, str]:
        for lang, text in texts.items():
            if not 1 <= len(text) < TEXT_MAX:
                raise ValueError(f"texts.{lang} must have 1 to {TEXT_MAX - 1} characters")
        return texts

    @field_validator("at")
    @classmethod
    def _aware(cls, at: dt.datetime | None) -> dt.datetime | None:
        if at is None:
            return None
        if at.utcoffset() is None:
            raise ValueError("give a time zone, e.g. 2026-12-01T10:00:00+01:00 or ...Z")
        try:
            utc = at.astimezone(dt.UTC)
        except OverflowError:
            raise ValueError(f"schedule at most {SCHEDULE_MAX_DAYS} days ahead") from None
        if utc > dt.datetime.now(dt.UTC) + dt.timedelta(days=SCHEDULE_MAX_DAYS):
            raise ValueError(f"schedule at most {SCHEDULE_MAX_DAYS} days ahead")
        return utc

    @model_validator(mode="after")
    def _shape(self) -> BroadcastSpec:
        if self.quick_replies and self.button is not None:
            raise ValueError("give either quick replies or one button, not both")
        longest = max(len(t) for t in (self.text, *self.texts.values()))
        if self.button is not None and longest > BUTTON_TEXT_MAX:
            raise ValueError(f"with a button the text must be at most {BUTTON_TEXT_MAX} characters")
        return self

    def text_for(self, lang: str) -> str:
        return self.texts.get(lang, self.text)

    def message(self, lang: str) -> dict[str, Any]:
        """The Send API `message` for a person whose language is `lang`."""
        text = self.text_for(lang)
        if self.button is not None:
            payload = {"template_type": "button", "text": text, "buttons": [self.button.render()]}
            return {"attachment": {"type": "template", "payload": payload}}
        message: dict[str, Any] = {"text": text}
        if self.quick_replies:
            message["quick_replies"] = [
                {"content_type": "text", "title": q.title, "payload": q.payload}
                for q in self.quick_replies
            ]
        return message


def parse_spec(raw: Any) -> BroadcastSpec:
    """Validate a request body; a BadRequest names each problem (never echoes the input)."""
    if not isinstance(raw, dict):
        raise BadRequest("the body must be a JSON object")
    try:
        return BroadcastSpec.model_validate(raw)
    except ValidationError as error:
        problems = [
            f"{'.'.join(str(p) for p in e['loc']) or 'body'}: {e['msg']}" for e in error.errors()
        ]
        raise BadRequest("; ".join(problems)) from None


def check_languages(spec: BroadcastSpec, known: tuple[str, ...]) -> None:
    unknown = sorted((set(spec.languages) | set(spec.texts)) - set(known))
    if unknown:
        raise BadRequest(f"unknown language(s) {', '.join(unknown)}; known: {', '.join(known)}")
