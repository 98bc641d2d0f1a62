"""The admin JSON API (`Authorization: Bearer <token>`). Roles: `admin` sees personal data,
`marketing` only aggregates and broadcasts. Every call, allowed or refused, is audited."""

from __future__ import annotations

import re
from typing import Literal

from aiohttp import web
from pydantic import BaseModel, Field, ValidationError

from bot.errors import BadRequest, Forbidden, NotFound, Unauthorized
from bot.rights.dsar import DsarRecord, Requests
from bot.rights.operations import (
    close_request,
    erase_person,
    export_person,
    extend_request,
    requests,
)
from bot.rights.request_status import NOTE_MAX, WorkStatus, set_request_status
from bot.rights.user_view import user_page, user_view
from bot.services import Services
from bot.staff.scope import page_for
from bot.staff.users import Admin, Role
from webhook.keys import SERVICES

routes = web.RouteTableDef()
_PAGE = web.RequestKey("page", Services)  # the request's Page view, set by `authorise`
MAX_PAGE = 200
SEALED = {"psid_sealed", "text_sealed"}


class CloseRequest(BaseModel):
    """`answer` (sent to the person in their chat) and `reason` (required to refuse; sent
    too): together they must fit one Messenger message."""

    outcome: Literal["done", "refused"]
    reason: str = Field(default="", max_length=1000)
    answer: str = Field(default="", max_length=1800)


class Extension(BaseModel):
    """Art. 12(3): by one or two months, with the reason the person is told."""

    months: Literal[1, 2]
    reason: str = Field(min_length=1, max_length=1000)


class StatusChange(BaseModel):
    """`in_progress` (resumes a paused clock) or `waiting_for_person` (pauses it; the note,
    required then, says what is needed and is sent to the person)."""

    status: WorkStatus
    note: str = Field(default="", max_length=NOTE_MAX)


async def authorise(request: web.Request, what: str, *roles: Role, record: str = "") -> Admin:
    """The signed-in user, allowed `what` on the Page of the request (`?page=`, else their
    first): that Page's services are then `page_services(request)`."""
    shared = request.app[SERVICES]
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    admin = await shared.admins.authenticate(token.strip()) if scheme == "Bearer" else None
    if admin is None:
        raise Unauthorized
    asked = request.query.get("page", "")
    try:
        services = page_for(shared, admin, asked)
    except Forbidden:  # another Page's: that Page's audit log shows the attempt
        target = shared.for_page(asked) or shared
        await target.audit.record(admin.name, admin.role, f"refused: {what}", record)
        raise
    request[_PAGE] = services
    allowed = admin.role in roles
    outcome = what if allowed else f"refused: {what}"
    await services.audit.record(admin.name, admin.role, outcome, record)
    if not allowed:
        raise Forbidden
    return admin


def page_services(request: web.Request) -> Services:
    """The services of the Page `authorise` chose for this request."""
    return request[_PAGE]


def _int(request: web.Request, name: str, default: int, high: int) -> int:
    raw = request.query.get(name, "")
    if raw == "":
        return default
    if not raw.isdigit() or not 0 <= int(raw) <= high:
        raise BadRequest(f"{name} must be a whole number from 0 to {high}")
    return int(raw)


@routes.get("/admin/api/users")
async def list_users(request: web.Request) -> web.Response:
    await authorise(request, "list users", "admin")
    cursor = request.query.get("cursor", "")  # opaque: a next_cursor (bot.indexes.people)
    limit = max(1, _int(request, "limit", 50, MAX_PAGE))
    page = await user_page(page_services(request), cursor, limit)
    return web.json_response(page.model_dump(mode="json"))


async def _person(request: web.Request, what: str) -> tuple[Services, str, Admin]:
    """The addressed person, after the admin check (audited with the keyed hash only)."""
    psid = request.match_info["psid"]
    record = request.app[SERVICES].pseudonym(psid)
    admin = await authorise(request, what, "admin", record=record)
    return page_services(request), psid, admin


@routes.get("/admin/api/users/{psid}")
async def get_user(request: web.Request) -> web.Response:
    services, psid, _ = await _person(request, "read user")
    view = await user_view(services, psid)
    if view is None:
        raise NotFound
    return web.json_response(view.model_dump(mode="json"))


@routes.get("/admin/api/users/{psid}/export")
async def export_user(request: web.Request) -> web.Response:
    services, psid, _ = await _person(request, "export user")
    document = await export_person(services, psid)
    if document is None:
        raise NotFound
    return web.json_response(document)


@routes.delete("/admin/api/users/{psid}")
async def delete_user(request: web.Request) -> web.Response:
    services, psid, admin = await _person(request, "erase user")
    if await user_view(services, psid) is None:
        raise NotFound
    result = await erase_person(services, psid, actor=admin.name, role=admin.role)
    return web.json_response(
        {"erased": True, "psid_hash": result.psid_hash, "request_id": result.request_id}
    )


@routes.get("/admin/api/dsar")
async def list_requests(request: web.Request) -> web.Response:
    await authorise(request, "list requests", "admin")
    services = page_services(request)
    status = request.query.get("status") or None
    if status not in (None, "open", "done", "refused", "in_progress", "waiting_for_person"):
        raise BadRequest("status must be open, in_progress, waiting_for_person, done or refused")
    records = await requests(services).list(
        status, limit=max(1, _int(request, "limit", 100, MAX_PAGE))
    )
    store = requests(services)
    listed = [_listed(store, record) for record in records]
    return web.json_response({"requests": listed})


def _listed(store: Requests, record: DsarRecord) -> dict[str, object]:
    """A request as admins see it: the person's words and PSID unsealed (DESIGN: `text`,
    and `psid` for admins; empty once the person is erased or the request closed)."""
    shown: dict[str, object] = record.model_dump(exclude=SEALED)
    return shown | {
        "overdue": record.overdue,
        "text": store.text_of(record),
        "psid": store.person_of(record) or "",
    }


@routes.post("/admin/api/dsar/{id}/close")
async def close(request: web.Request) -> web.Response:
    request_id = request.match_info["id"]
    admin = await authorise(request, "close request", "admin", record=request_id)
    services = page_services(request)
    body = await _json_body(request)
    try:
        closing = CloseRequest.model_validate(body)
    except ValidationError as exc:
        raise BadRequest(
            'expected {"outcome": "done" or "refused", "reason": "...", "answer": "..."}'
        ) from exc
    record = await close_request(
        services,
        request_id,
        outcome=closing.outcome,
        reason=closing.reason,
        by=admin.name,
        answer=closing.answer,
    )
    return web.json_response(record.model_dump(exclude=SEALED))


@routes.post("/admin/api/dsar/{id}/extend")
async def extend(request: web.Request) -> web.Response:
    services = request.app[SERVICES]
    request_id = request.match_info["id"]
    body = await _json_body_or_none(request)
    admin = await authorise(request, "extend request", "admin", record=request_id)
    try:
        extension = Extension.model_validate(body)
    except ValidationError as exc:
        raise BadRequest('expected {"months": 1 or 2, "reason": "..."}') from exc
    record = await extend_request(
        services, request_id, months=extension.months, reason=extension.reason, by=admin.name
    )
    return web.json_response(record.model_dump(exclude=SEALED))


@routes.post("/admin/api/dsar/{id}/status")
async def change_status(request: web.Request) -> web.Response:
    request_id = request.match_info["id"]
    change = _status_change(await _json_body_or_none(request))
    what = f"request status ({change.status})" if change else "request status"
    admin = await authorise(request, what, "admin", record=request_id)
    services = page_services(request)
    if change is None:
        raise BadRequest(
            'expected {"status": "in_progress" or "waiting_for_person", "note": "..."}'
        )
    record = await set_request_status(
        services, request_id, change.status, note=change.note, by=admin.name
    )
    return web.json_response(record.model_dump(exclude=SEALED))


def _status_change(body: object) -> StatusChange | None:
    try:
        return StatusChange.model_validate(body)
    except ValidationError:
        return None


@routes.get("/admin/api/audit")
async def audit_log(request: web.Request) -> web.Response:
    await authorise(request, "read audit log", "admin")
    services = page_services(request)
    before = request.query.get("before", "+")
    if before != "+" and not re.fullmatch(r"\d{1,19}(-\d{1,19})?", before):
        raise BadRequest("before must be an audit entry id")
    limit = max(1, _int(request, "limit", 100, MAX_PAGE))
    entries = await services.audit.entries(limit, before)
    return web.json_response({"entries": entries})


async def _json_body(request: web.Request) -> object:
    try:
        return await request.json()
    except ValueError as exc:
        raise BadRequest("the body must be JSON") from exc


async def _json_body_or_none(request: web.Request) -> object:
    """Read before the role check (to audit what was asked); judged after it."""
    try:
        return await request.json()
    except ValueError:
        return None
