"""`GET /admin/api/openapi.json`: the admin API's OpenAPI 3.1 document, generated from the
same pydantic models the routes answer with. The table below is the one list of routes;
a test checks it against the routes the app really has."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, get_args

from aiohttp import web
from pydantic import BaseModel

from bot.broadcast.spec import BroadcastSpec
from bot.rights.dsar import Status as DsarStatus
from bot.rights.user_view import UserPage, UserView
from bot.staff.users import ROLES, Role
from webhook.admin_api import MAX_PAGE, CloseRequest, Extension, StatusChange
from webhook.openapi_models import (
    Alerts,
    AuditPage,
    BroadcastCreated,
    BroadcastList,
    BroadcastView,
    DsarClosed,
    DsarList,
    Erased,
    ErrorBody,
    ExportDocument,
    HandedOver,
)

routes = web.RouteTableDef()
JSON = "application/json"
_REF = "#/components/schemas/{model}"


@dataclass(frozen=True)
class Param:
    name: str
    schema: dict[str, Any]
    description: str = ""


@dataclass(frozen=True)
class Route:
    method: str
    path: str
    summary: str
    roles: tuple[Role, ...]
    response: type[BaseModel] | None
    request: type[BaseModel] | None = None
    status: int = 200
    errors: tuple[int, ...] = ()
    query: tuple[Param, ...] = ()
    public: bool = False


def _limit(default: int) -> Param:
    return Param(
        "limit",
        {"type": "integer", "minimum": 0, "maximum": MAX_PAGE},
        f"page size (default {default})",
    )


_CURSOR = Param(
    "cursor",
    {"type": "string", "pattern": r"^(\d{1,10}|o\d{1,10}(\.\d{1,10})*)$"},
    "opaque position from `next_cursor` (a bare number, the older form, is still read)",
)
_STATUS = Param("status", {"enum": list(get_args(DsarStatus))}, "default: open, by due date")
_BEFORE = Param(
    "before",
    {"type": "string", "pattern": r"^\d{1,19}(-\d{1,19})?$"},
    "an entry id: older entries than this one",
)
_ADMIN: tuple[Role, ...] = ("admin",)
_BOTH: tuple[Role, ...] = ("marketing", "admin")
_USERS, _BCAST = "/admin/api/users", "/admin/api/broadcasts"

ROUTES: tuple[Route, ...] = (
    Route(
        "get",
        _USERS,
        "People, in order of first contact",
        _ADMIN,
        UserPage,
        errors=(400,),
        query=(_CURSOR, _limit(50)),
    ),
    Route("get", _USERS + "/{psid}", "One person's stored data", _ADMIN, UserView, errors=(404,)),
    Route(
        "get",
        _USERS + "/{psid}/export",
        "A person's portable copy (Art. 15, 20)",
        _ADMIN,
        ExportDocument,
        errors=(404,),
    ),
    Route("delete", _USERS + "/{psid}", "Erase a person (Art. 17)", _ADMIN, Erased, errors=(404,)),
    Route(
        "post",
        _USERS + "/{psid}/handover",
        "Hand the person's thread to the Page Inbox, where staff answer them (the person is told)",
        _ADMIN,
        HandedOver,
        errors=(404,),
    ),
    Route(
        "get",
        "/admin/api/dsar",
        "Data-subject requests by due date",
        _ADMIN,
        DsarList,
        errors=(400,),
        query=(_STATUS, _limit(100)),
    ),
    Route(
        "post",
        "/admin/api/dsar/{id}/close",
        "Close or refuse a request; the answer and the reason are sent to the person",
        _ADMIN,
        DsarClosed,
        request=CloseRequest,
        errors=(400, 404),
    ),
    Route(
        "post",
        "/admin/api/dsar/{id}/extend",
        "Extend the deadline by one or two months (Art. 12(3)); the person is told why",
        _ADMIN,
        DsarClosed,
        request=Extension,
        errors=(400, 404),
    ),
    Route(
        "post",
        "/admin/api/dsar/{id}/status",
        "Mark a request in progress, or waiting for the "
        "person (clock paused; in_progress resumes it)",
        _ADMIN,
        DsarClosed,
        request=StatusChange,
        errors=(400, 404),
    ),
    Route(
        "post",
        _BCAST,
        "Create (or dry-run) a broadcast",
        _BOTH,
        BroadcastCreated,
        request=BroadcastSpec,
        status=202,
        errors=(400,),
    ),
    Route("get", _BCAST, "Recent broadcasts", _BOTH, BroadcastList),
    Route(
        "get",
        _BCAST + "/{id}",
        "A broadcast's status and counts",
        _BOTH,
        BroadcastView,
        errors=(404,),
    ),
    Route(
        "post",
        _BCAST + "/{id}/cancel",
        "Cancel a broadcast",
        _BOTH,
        BroadcastView,
        errors=(400, 404),
    ),
    Route(
        "post",
        _BCAST + "/{id}/resume",
        "Resume a paused broadcast",
        _ADMIN,
        BroadcastView,
        errors=(400, 404),
    ),
    Route("get", "/admin/api/alerts", "Open alerts (policy block, bad token)", _BOTH, Alerts),
    Route(
        "get",
        "/admin/api/audit",
        "The audit log, newest first",
        _ADMIN,
        AuditPage,
        errors=(400,),
        query=(_BEFORE, _limit(100)),
    ),
    Route("get", "/admin/api/openapi.json", "This document", ROLES, None, public=True),
)


def _path_params(path: str) -> list[dict[str, Any]]:
    return [
        {"name": name, "in": "path", "required": True, "schema": {"type": "string"}}
        for name in re.findall(r"{(\w+)}", path)
    ]


def _content(model: type[BaseModel], schemas: dict[str, Any]) -> dict[str, Any]:
    schema = model.model_json_schema(ref_template=_REF)
    schemas.update(schema.pop("$defs", {}))
    schemas[model.__name__] = schema
    return {JSON: {"schema": {"$ref": _REF.format(model=model.__name__)}}}


def _responses(route: Route, schemas: dict[str, Any]) -> dict[str, Any]:
    ok: dict[str, Any] = {"description": "OK"}
    if route.response is not None:
        ok["content"] = _content(route.response, schemas)
    else:
        ok["content"] = {JSON: {"schema": {"type": "object"}}}
    answers = {str(route.status): ok}
    refusals = route.errors if route.public else (401, 403, *route.errors)
    for status in (*refusals, 503):
        answers[str(status)] = {
            "description": _REASONS[status],
            "content": _content(ErrorBody, schemas),
        }
    return answers


_REASONS = {
    400: "Bad request",
    401: "No valid bearer token",
    403: "Role not allowed",
    404: "Not found",
    409: "Conflict",
    503: "Store temporarily unavailable",
}


def _operation(route: Route, schemas: dict[str, Any]) -> dict[str, Any]:
    params = _path_params(route.path) + [
        {
            "name": p.name,
            "in": "query",
            "required": False,
            "schema": p.schema,
            "description": p.description,
        }
        for p in route.query
    ]
    roles = ", ".join(route.roles)
    operation: dict[str, Any] = {
        "summary": route.summary,
        "description": "Public." if route.public else f"Roles: {roles}. Audited.",
        "operationId": route.method + re.sub(r"\W+", "_", route.path.removeprefix("/admin/api")),
        "parameters": params,
        "responses": _responses(route, schemas),
        "x-roles": list(route.roles),
    }
    if route.public:
        operation["security"] = []
    if route.request is not None:
        body = _content(route.request, schemas)
        operation["requestBody"] = {"required": True, "content": body}
    return operation


def document(version: str = "0.1.0") -> dict[str, Any]:
    schemas: dict[str, Any] = {}
    paths: dict[str, dict[str, Any]] = {}
    for route in ROUTES:
        paths.setdefault(route.path, {})[route.method] = _operation(route, schemas)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "privacybot admin API",
            "version": version,
            "description": "Roles: `admin` sees personal data; `marketing` sees only "
            "aggregates and broadcasts. Every call is written to the audit log.",
        },
        "paths": paths,
        "components": {
            "schemas": dict(sorted(schemas.items())),
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
        "security": [{"bearer": []}],
    }


@routes.get("/admin/api/openapi.json")
async def openapi_json(_: web.Request) -> web.Response:
    return web.json_response(document())
