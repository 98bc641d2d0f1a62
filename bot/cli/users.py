"""`privacybot users show|export|erase PSID`: a person's record from a terminal.

The CLI acts as an admin named `cli`; every command is audited like the admin API."""

from __future__ import annotations

import argparse
import asyncio
import json
from typing import Any

from bot.errors import NotFound
from bot.rights.operations import erase_person, export_person
from bot.rights.user_view import user_view
from bot.services import Services, open_services
from bot.settings import Settings
from bot.staff.scope import cli_page

WHO, ROLE = "cli", "admin"


async def _show(services: Services, psid: str) -> dict[str, Any] | None:
    view = await user_view(services, psid)
    return view.model_dump(mode="json") if view else None


async def _erase(services: Services, psid: str) -> dict[str, Any] | None:
    if await user_view(services, psid) is None:
        return None
    result = await erase_person(services, psid, actor=WHO, role=ROLE)
    return {"erased": True, "psid_hash": result.psid_hash, "request_id": result.request_id}


_ACTIONS = {"show": _show, "export": export_person, "erase": _erase}
_HELP = {
    "show": "what is stored, as the admin API shows it",
    "export": "the person's export document (JSON)",
    "erase": "erase the person now (the same path as in the chat)",
}


async def _run(settings: Settings, action: str, psid: str, page: str) -> dict[str, Any] | None:
    async with open_services(settings) as shared:
        services = cli_page(shared, page)
        await services.audit.record(WHO, ROLE, f"{action} user", services.pseudonym(psid))
        return await _ACTIONS[action](services, psid)


def cmd_users(args: argparse.Namespace, settings: Settings) -> int:
    try:
        answer = asyncio.run(_run(settings, args.users_command, args.psid, args.page))
    except NotFound:
        print(f"No Page {args.page} in PAGES_FILE.")
        return 1
    if answer is None:
        print(f"No one is stored under PSID {args.psid}.")
        return 1
    print(json.dumps(answer, ensure_ascii=False, indent=2))
    return 0


def add_users_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    users = sub.add_parser("users", help="show, export or erase one person")
    commands = users.add_subparsers(dest="users_command", required=True)
    for name, purpose in _HELP.items():
        command = commands.add_parser(name, help=purpose)
        command.add_argument("psid")
        command.add_argument("--page", default="", help="the Page id (default: the first Page)")
        command.set_defaults(handler=cmd_users)
