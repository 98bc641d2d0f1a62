"""What a person can see of their data: the plain-language summary (right of access) and
the JSON document (portability, schema in docs/export-schema.md)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from bot.answers import pack_lang, topic_buttons
from bot.constants import TEXT_MAX
from bot.dsar import Requests
from bot.replies import Reply
from bot.services import Services
from bot.store import PROFILE_FIELDS, UserRecord
from bot.texts import text
from bot.user_view import user_view

EXPORT_SCHEMA = "privacybot.export/v1"
_FIELD_LABELS = {"first_name": "field_first_name", "last_name": "field_last_name",
                 "timezone": "field_timezone", "locale": "field_language"}  # fmt: skip


def field_source(user: UserRecord, name: str) -> str:
    """Where a held value came from: Facebook, the person, or the conversation."""
    if name == "language":
        source = user.get("language_source") or "guess"
        return {"choice": "person", "locale": "facebook"}.get(source, "bot")
    return "person" if user.get(f"source:{name}") == "person" else "facebook"


async def export_document(services: Services, psid: str) -> dict[str, Any] | None:
    view = await user_view(services, psid)
    if view is None:
        return None
    user = await services.store.load(psid)
    profile = {
        name: {"value": value, "source": field_source(user, name)}
        for name, value in (view.profile.model_dump() if view.profile else {}).items()
        if value is not None
    }
    requests = await Requests(services.redis, services.keys).for_person(psid)
    pack = services.pack
    return {
        "schema": EXPORT_SCHEMA,
        "generated_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "controller": pack.pack.controller,
        "policy": {"id": pack.id, "version": pack.pack.policy_version},
        "psid": psid,
        "language": {"value": view.language, "source": field_source(user, "language")},
        "profile": profile,
        "consents": [c.model_dump(exclude_none=True) for c in view.consents],
        "marketing": view.marketing.model_dump(),
        "restricted": view.restricted,
        "first_contact": view.first_contact,
        "last_action": view.last_action,
        "requests": [r.model_dump(exclude={"psid_hash"}) for r in requests],
    }


def _lines(user: UserRecord, lang: str) -> list[str]:
    source = {s: text(f"source_{s}", lang) for s in ("facebook", "person", "bot")}
    lines = []
    for name in PROFILE_FIELDS:
        value = user.get(f"profile:{name}")
        if value:
            label = text(_FIELD_LABELS[name], lang)
            lines.append(f"• {label}: {value} ({source[field_source(user, name)]})")
    if user.language:
        label = text("field_language", lang)
        lines.append(f"• {label}: {user.language} ({source[field_source(user, 'language')]})")
    return lines


async def access_summary(services: Services, user: UserRecord, lang: str) -> list[Reply]:
    lang = pack_lang(services.pack, lang)
    parts = [text("access_head", lang), *(_lines(user, lang) or [text("access_nothing", lang)])]
    receipts = await services.consents.receipts(user.psid)
    if receipts:
        parts.append("\n" + text("access_consents", lang))
        parts += [f"• {r.purpose}: {r.decision}, {r.at[:10]} ({r.policy} {r.policy_version})"
                  for r in receipts[-10:]]  # fmt: skip
    requests = await Requests(services.redis, services.keys).for_person(user.psid)
    open_ones = [r for r in requests if r.status in ("open", "in_progress", "waiting_for_person")]
    if open_ones:
        parts.append("\n" + text("access_requests", lang))
        parts += [f"• {r.type}: {r.status}, {r.due[:10]}" for r in open_ones]
    buttons = topic_buttons(services.pack, ("data_use", "third_parties", "retention", "export"),
                            lang)  # fmt: skip
    return [*(Reply(chunk) for chunk in _chunks(parts)), Reply(text("access_more", lang), buttons)]


def _chunks(lines: list[str], limit: int = TEXT_MAX - 100) -> list[str]:
    """Whole lines per message, every message under Messenger's 2,000 characters."""
    chunks: list[str] = []
    current = ""
    for line in lines:
        if current and len(current) + len(line) + 1 > limit:
            chunks.append(current)
            current = ""
        current = f"{current}\n{line}" if current else line[:limit]
    return [*chunks, current] if current else chunks
