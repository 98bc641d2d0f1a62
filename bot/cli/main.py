"""`privacybot`: the one console script (commands are a contract, see DESIGN.md)."""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import sys
from collections.abc import Sequence

from bot.errors import ConfigError
from bot.settings import Settings, load_settings


def configure_logging() -> None:
    logging.basicConfig(
        level=logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s %(message)s",
        stream=sys.stderr,
    )
    logging.getLogger("aiohttp.access").setLevel(logging.WARNING)


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    from aiohttp import web

    from webhook.app import create_app

    port = args.port or settings.port
    app = create_app(settings, with_worker=not args.no_worker)
    print(f"privacybot on http://{args.host}:{port}  (health: /healthz, metrics: /metrics)")
    if settings.fake_graph:
        print("development: replies go to the built-in fake Graph; talk with `make chat`")
        print(f"simulator: http://localhost:{port}/simulator  (chat in your browser)")
    web.run_app(app, host=args.host, port=port, print=None, access_log=None)
    return 0


async def _worker(settings: Settings, metrics_port: int) -> None:
    from bot.metrics import serve_metrics
    from bot.pipeline.runtime import consumer_name, run_background
    from bot.services import open_services

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    async with (
        open_services(settings) as services,
        serve_metrics(services.metrics, metrics_port, token=settings.metrics_token),
    ):
        await run_background(services, stop, consumer_name())


def cmd_worker(args: argparse.Namespace, settings: Settings) -> int:
    asyncio.run(_worker(settings, args.metrics_port))
    return 0


def cmd_chat(args: argparse.Namespace, settings: Settings) -> int:
    from bot.cli.chat import main_entry

    base = args.url or f"http://localhost:{settings.port}"
    return main_entry(base, settings.app_secret, args.psid, args.locale)


async def _setup_page(settings: Settings) -> None:
    from bot.graph.setup_page import describe, messenger_profile
    from bot.services import open_services

    async with open_services(settings) as services:
        profile = messenger_profile(services.pack)
        await services.graph.set_messenger_profile(profile)
        print("Messenger profile updated:\n" + describe(profile))


def cmd_setup_page(_: argparse.Namespace, settings: Settings) -> int:
    asyncio.run(_setup_page(settings))
    return 0


def build_parser() -> argparse.ArgumentParser:
    from bot.cli.broadcast import add_broadcast_parser
    from bot.cli.intents import add_intents_parser
    from bot.cli.staff import add_staff_parser
    from bot.cli.users import add_users_parser

    parser = argparse.ArgumentParser(prog="privacybot", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="webhook + admin HTTP server (+ worker)")
    serve.add_argument("--host", default="0.0.0.0")  # noqa: S104 - a server binds all by design
    serve.add_argument("--port", type=int, default=None)
    serve.add_argument("--no-worker", action="store_true", help="run the worker elsewhere")
    serve.set_defaults(handler=cmd_serve)
    worker = sub.add_parser("worker", help="stream consumer")
    worker.add_argument(
        "--metrics-port", type=int, default=0, help="serve this process's /metrics on this port"
    )
    worker.set_defaults(handler=cmd_worker)
    chat = sub.add_parser("chat", help="talk to a running bot in this terminal")
    chat.add_argument("--psid", default="local-tester")
    chat.add_argument("--locale", default="sl_SI", help="the locale the fake profile reports")
    chat.add_argument("--url", default=None, help="the bot's base URL")
    chat.set_defaults(handler=cmd_chat)
    setup = sub.add_parser("setup-page", help="push get-started, greeting, menu")
    setup.set_defaults(handler=cmd_setup_page)
    add_staff_parser(sub)
    add_intents_parser(sub)
    add_broadcast_parser(sub)
    add_users_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if hasattr(args, "func"):  # `intents ...` needs no settings
        return int(args.func(args))
    configure_logging()
    try:
        settings = load_settings()
    except ConfigError as error:
        print(f"privacybot: {error}", file=sys.stderr)
        return 2
    return int(args.handler(args, settings))


if __name__ == "__main__":
    sys.exit(main())
