"""The Users page (admins only): who may use the console and the API, their role, when they
were created and last signed in; add, revoke and rotate. A new token is shown once, on the
page that answers the form. Every change is audited, with the user's name as the record."""

from __future__ import annotations

from aiohttp import web

from bot.staff.users import ROLES, Role
from webhook.console.guard import render, require, see_other
from webhook.console.i18n import Refusal
from webhook.keys import SERVICES

routes = web.RouteTableDef()
PAGE = "/admin/users"


async def _page(request: web.Request, **shown: str) -> web.Response:
    users = await request.app[SERVICES].admins.list()
    context = {"users": users, "roles": ROLES, "token": "", "token_for": "", "done": ""}
    return await render(request, "console/users.html", context | shown)


@routes.get(PAGE)
async def users(request: web.Request) -> web.Response:
    await require(request, "list staff users", "admin")
    return await _page(request, done=request.query.get("revoked", ""))


async def _name(request: web.Request) -> str:
    name = str((await request.post()).get("name", "")).strip()
    if not name:
        raise Refusal("which_user")
    return name


@routes.post(PAGE)
async def add(request: web.Request) -> web.Response:
    form = await request.post()
    role = str(form.get("role", ""))
    if role not in ROLES:
        raise Refusal("role")
    name = await _name(request)
    await require(request, f"add {role} user", "admin", record=name)
    checked: Role = "admin" if role == "admin" else "marketing"
    token = await request.app[SERVICES].admins.add(name, checked)
    return await _page(request, token=token, token_for=name)


@routes.post(PAGE + "/revoke")
async def revoke(request: web.Request) -> web.Response:
    name = await _name(request)
    await require(request, "revoke user", "admin", record=name)
    await request.app[SERVICES].admins.revoke(name)
    return see_other(f"{PAGE}?revoked=1")


@routes.post(PAGE + "/rotate")
async def rotate(request: web.Request) -> web.Response:
    name = await _name(request)
    await require(request, "rotate user token", "admin", record=name)
    token = await request.app[SERVICES].admins.rotate(name)
    return await _page(request, token=token, token_for=name)
