"""Answer models of the admin routes that still build plain dicts, for the OpenAPI document.

Where a route answers with a pydantic model (UserView, UserPage, DsarRecord, BroadcastSpec)
the document uses that model itself; these mirror the rest, field for field, and
schemathesis checks every real answer against them, so a drift fails a test.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from pydantic.json_schema import SkipJsonSchema

from bot.broadcast.spec import Status as BroadcastStatus
from bot.rights.dsar import DsarRecord, RequestType
from bot.rights.dsar import Status as DsarStatus
from bot.rights.user_view import MarketingView


class Answer(BaseModel):
    model_config = ConfigDict(frozen=True)


class ErrorBody(Answer):
    """Every refusal: a short, plain message, never a stack trace."""

    error: str


class DsarClosed(DsarRecord):
    """A request as the API shows it: without the sealed PSID."""

    psid_sealed: SkipJsonSchema[str] = Field(default="", exclude=True)
    text_sealed: SkipJsonSchema[str] = Field(default="", exclude=True)


class DsarView(Answer):
    """In the request list: DsarRecord's fields but the sealed PSID, plus the overdue flag
    (a property there, so it cannot be inherited as a field)."""

    id: str
    type: RequestType
    status: DsarStatus
    received: str
    due: str
    channel: str
    psid_hash: str
    outcome: str
    reason: str
    handled_by: str
    closed: str
    paused_at: str
    note: str
    overdue: bool
    text: str  # the person's own words, "" where none
    psid: str  # whom to answer, while the request is open and the person not erased
    extended_months: int  # 0, or the one extension under Art. 12(3): 1 or 2
    extension_reason: str


class DsarList(Answer):
    requests: list[DsarView]


class Erased(Answer):
    erased: bool
    psid_hash: str
    request_id: str


class AuditEntry(Answer):
    id: str
    who: str
    role: str
    what: str
    record: str
    at: str


class AuditPage(Answer):
    entries: list[AuditEntry]


class BroadcastCreated(Answer):
    id: str
    status: BroadcastStatus
    audience: int
    eligible_in_window: int
    eligible_by_token: int
    quiet_hours: int
    skipped: dict[str, int]


class BroadcastView(Answer):
    """Status and counts only: no person is named."""

    id: str
    status: BroadcastStatus
    dry_run: bool
    total: int
    sent: int
    skipped: int
    failed: int
    waiting: int
    expected: int  # the progress bar's end: the audience when sending started
    skipped_by_reason: dict[str, int]
    failed_by_code: dict[str, int]
    estimate: dict[str, Any]
    created_by: str | None
    created_at: str
    scheduled_at: str
    next_pass_at: str | None
    paused_reason: str | None
    languages: list[str]
    rate: int
    text: str
    alerts: dict[str, Any]


class BroadcastList(Answer):
    broadcasts: list[BroadcastView]


class Alerts(Answer):
    alerts: dict[str, Any]


class Sourced(Answer):
    value: Any
    source: str


class PolicyRef(Answer):
    id: str
    version: str


class ExportDocument(Answer):
    """The person's portable copy (the same document the person downloads)."""

    schema_: str = Field(alias="schema")
    generated_at: str
    controller: str
    policy: PolicyRef
    psid: str
    language: Sourced
    profile: dict[str, Sourced]
    consents: list[dict[str, Any]]
    marketing: MarketingView
    restricted: bool
    first_contact: str | None
    last_action: str | None
    requests: list[dict[str, Any]]
