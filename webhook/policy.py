"""`/policy`: the privacy policy the bot carries, as a page a phone can read.

The policy's own words, unchanged, given their structure back: its headings (lines in
capitals, numbered "I. ...", or short titles), paragraphs and lists; above them the
controller's name and the version date, in the pack's language. The console's CSP and
frame headers come from its middleware (webhook/console/guard.py); the page has no script
and no inline style."""

from __future__ import annotations

import re
from html import escape

from aiohttp import web

from bot.texts import text
from bot.texts.dates import human_date
from webhook.keys import SERVICES

routes = web.RouteTableDef()

_ROMAN = re.compile(r"^[IVXLC]+\.\s+\S")
_TITLE_MAX = 70  # a line this short without a closing stop reads as a title
_BULLETS = ("- ", "• ", "* ", "– ")


def _kind(line: str, in_list: bool) -> str:
    """`h2` (a heading), `h3` (a short title), `li` (a list item) or `p`."""
    if line.startswith(_BULLETS):
        return "li"
    letters = [c for c in line if c.isalpha()]
    ends_open = not line.endswith((".", ";", ":", ",", "!", "?"))
    if ends_open and (_ROMAN.match(line) or (letters and line.upper() == line)):
        return "h2"
    if in_list and line[:1].islower():
        return "li"
    if ends_open and len(line) <= _TITLE_MAX and line[:1].isupper():
        return "h3"
    return "p"


def policy_html(policy: str) -> str:
    """The policy's lines as HTML elements, escaped."""
    out: list[str] = []
    in_list = False
    for raw in policy.splitlines():
        line = raw.strip()
        if not line:
            continue
        kind = _kind(line, in_list or (bool(out) and out[-1].endswith(":</p>")))
        if kind == "li" and not in_list:
            out.append("<ul>")
        if kind != "li" and in_list:
            out.append("</ul>")
        in_list = kind == "li"
        body = escape(line.lstrip("-•*– ") if kind == "li" else line)
        out.append(f"<{kind}>{body}</{kind}>")
    if in_list:
        out.append("</ul>")
    return "\n".join(out)


def _version_line(version: str, lang: str) -> str:
    """ "Version of 3. 9. 2018" for a dated version, else "Version: 1"."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", version):
        return text("policy_page_version", lang, date=human_date(version, lang))
    return text("policy_page_version_plain", lang, version=version)


@routes.get("/policy")
async def policy(request: web.Request) -> web.Response:
    pack = request.app[SERVICES].pack
    lang = pack.default_language
    controller = pack.pack.controller
    title = text("policy_page_title", lang, controller=controller)
    version = _version_line(pack.pack.policy_version, lang)
    page = (
        f'<!doctype html>\n<html lang="{escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n</head>\n<body>\n<main>\n"
        f"<h1>{escape(title)}</h1>\n<p><em>{escape(version)}</em></p>\n"
        f"{policy_html(pack.policy_text())}\n</main>\n</body>\n</html>\n"
    )
    return web.Response(text=page, content_type="text/html", charset="utf-8")
