"""`privacybot broadcast create|status|cancel|resume`: the broadcast API from a terminal.

The CLI acts as an admin named `cli` (audited as such); it prints the API's JSON answers.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from collections.abc import Awaitable, Callable
from typing import Any

from bot.broadcast import actions as broadcast_admin
from bot.broadcast.spec import parse_spec
from bot.constants import TEXT_MAX
from bot.errors import BadRequest, NotFound
from bot.services import Services, open_services
from bot.settings import Settings

WHO, ROLE = "cli", "admin"


def _spec(args: argparse.Namespace) -> dict[str, Any]:
    raw: dict[str, Any] = {"text": args.text, "dry_run": args.dry_run, "rate": args.rate}
    if args.lang:
        raw["languages"] = [lang.strip() for lang in args.lang.split(",") if lang.strip()]
    if args.at:
        raw["at"] = args.at
    return raw


def _run(settings: Settings, action: Callable[[Services], Awaitable[dict[str, Any]]]) -> int:
    async def main() -> dict[str, Any]:
        async with open_services(settings) as services:
            return await action(services)

    try:
        answer = asyncio.run(main())
    except BadRequest as error:
        print(f"privacybot broadcast: {error}", file=sys.stderr)
        return 2
    except NotFound:
        print("privacybot broadcast: no such broadcast", file=sys.stderr)
        return 1
    print(json.dumps(answer, ensure_ascii=False, indent=2))
    return 0


def cmd_create(args: argparse.Namespace, settings: Settings) -> int:
    def action(services: Services) -> Awaitable[dict[str, Any]]:
        spec = parse_spec(_spec(args))
        return broadcast_admin.create(services, spec, WHO, ROLE, time.time())

    return _run(settings, action)


def cmd_status(args: argparse.Namespace, settings: Settings) -> int:
    return _run(settings, lambda services: broadcast_admin.view(services, args.id))


def cmd_cancel(args: argparse.Namespace, settings: Settings) -> int:
    return _run(settings, lambda services: broadcast_admin.cancel(services, args.id, WHO, ROLE))


def cmd_resume(args: argparse.Namespace, settings: Settings) -> int:
    return _run(settings, lambda services: broadcast_admin.resume(services, args.id, WHO, ROLE))


def add_broadcast_parser(sub: Any) -> None:
    parser = sub.add_parser("broadcast", help="marketing broadcasts (opted-in people only)")
    commands = parser.add_subparsers(dest="broadcast_command", required=True)
    create = commands.add_parser("create", help="queue a broadcast, or count it (--dry-run)")
    create.add_argument("--text", required=True, help=f"the message, under {TEXT_MAX} characters")
    create.add_argument("--lang", default="", help="target languages, e.g. sl,en (default all)")
    create.add_argument("--at", default=None, help="ISO time with zone, e.g. 2026-12-01T10:00Z")
    create.add_argument("--dry-run", action="store_true", help="only count who would get it")
    create.add_argument("--rate", type=int, default=50, help="messages per second (max 250)")
    create.set_defaults(handler=cmd_create)
    for name, handler, about in (
        ("status", cmd_status, "progress and counts"),
        ("cancel", cmd_cancel, "stop sending"),
        ("resume", cmd_resume, "go on after a pause (policy block, Page token)"),
    ):
        command = commands.add_parser(name, help=about)
        command.add_argument("id")
        command.set_defaults(handler=handler)
