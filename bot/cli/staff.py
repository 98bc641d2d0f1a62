"""`privacybot admin add-user | list-users | revoke | rotate`: the console and API users.

A token is printed once (add-user, rotate) and only its hash kept. Every change is audited
as done by `cli`."""

from __future__ import annotations

import argparse
import asyncio
import sys

from bot.errors import BadRequest, NotFound
from bot.services import Services, open_services
from bot.settings import Settings
from bot.staff.users import ROLES, Role

WHO, ROLE = "cli", "admin"


async def _add(services: Services, args: argparse.Namespace) -> str:
    role: Role = args.role
    token = await services.admins.add(args.name, role)
    await services.audit.record(WHO, ROLE, f"add {role} user", args.name)
    return f"Created {role} user {args.name!r}. Their API token (shown only now):\n{token}"


async def _list(services: Services, _: argparse.Namespace) -> str:
    users = await services.admins.list()
    if not users:
        return "No users yet: privacybot admin add-user NAME --role admin|marketing"
    lines = [f"{'name':<24} {'role':<10} {'created':<21} last sign-in"]
    for u in users:
        lines.append(f"{u.name:<24} {u.role:<10} {u.created:<21} {u.last_sign_in or 'never'}")
    return "\n".join(lines)


async def _revoke(services: Services, args: argparse.Namespace) -> str:
    await services.admins.revoke(args.name)
    await services.audit.record(WHO, ROLE, "revoke user", args.name)
    return f"Revoked {args.name!r}: their token and console sessions no longer work."


async def _rotate(services: Services, args: argparse.Namespace) -> str:
    token = await services.admins.rotate(args.name)
    await services.audit.record(WHO, ROLE, "rotate user token", args.name)
    return f"New token for {args.name!r} (shown only now; the old one stopped working):\n{token}"


_ACTIONS = {"add-user": _add, "list-users": _list, "revoke": _revoke, "rotate": _rotate}


async def _run(settings: Settings, args: argparse.Namespace) -> str:
    async with open_services(settings) as services:
        return await _ACTIONS[args.admin_command](services, args)


def cmd_staff(args: argparse.Namespace, settings: Settings) -> int:
    try:
        print(asyncio.run(_run(settings, args)))
    except (BadRequest, NotFound) as error:
        print(f"privacybot: {error}", file=sys.stderr)
        return 1
    return 0


def add_staff_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    admin = sub.add_parser("admin", help="console and API users").add_subparsers(
        dest="admin_command", required=True
    )
    add_user = admin.add_parser("add-user", help="create a user; prints its API token once")
    add_user.add_argument("name")
    add_user.add_argument("--role", choices=ROLES, required=True)
    admin.add_parser("list-users", help="name, role, created, last sign-in")
    for name, helped in (
        ("revoke", "remove a user: their token and sessions stop working at once"),
        ("rotate", "a new token for a user (printed once); the old one stops working"),
    ):
        admin.add_parser(name, help=helped).add_argument("name")
    for parser in admin.choices.values():
        parser.set_defaults(handler=cmd_staff)
