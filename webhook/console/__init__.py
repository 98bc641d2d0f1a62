"""The admin and marketing console (`/admin/`): server-rendered pages on the same app.

`setup(app)` registers the templates, the console's own assets and its routes; the
security headers middleware is placed outermost by `create_app`."""

from __future__ import annotations

from pathlib import Path

import aiohttp_jinja2
import jinja2
from aiohttp import web

from webhook.console import (
    audit,
    auth,
    dashboard,
    language,
    marketing,
    people,
    requests,
    staff_users,
)
from webhook.console.guard import SIGNER, console_guard
from webhook.console.session import Signer
from webhook.keys import SETTINGS

_ROOT = Path(__file__).resolve().parent.parent


def setup(app: web.Application) -> None:
    app[SIGNER] = Signer(app[SETTINGS].data_key_bytes())
    aiohttp_jinja2.setup(
        app,
        loader=jinja2.FileSystemLoader(_ROOT / "templates"),
        autoescape=jinja2.select_autoescape(["html", "svg"], default=True),
        undefined=jinja2.StrictUndefined,
    )
    app.middlewares.append(console_guard)
    dashboard.setup(app)
    app.router.add_static("/admin/static/", _ROOT / "static" / "console")
    for module in (auth, dashboard, people, requests, audit, marketing, staff_users, language):
        app.add_routes(module.routes)
