"""What a person can see of their data: the plain-language summary (right of access) and
the JSON document (portability, schema in docs/export-schema.md)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from bot.answers import offers_ask_staff, pack_lang, topic_buttons
from bot.consent.receipts import PURPOSES, ConsentReceipt
from bot.constants import BUTTON_TEXT_MAX
from bot.moments import moment_seconds
from bot.pipeline.replies import ASK, QuickReply, Reply
from bot.rights.dsar import OPEN_STATES, DsarRecord, Requests
from bot.rights.rectify import shown_timezone
from bot.rights.user_view import user_view
from bot.services import Services
from bot.store import PROFILE_FIELDS, UserRecord
from bot.texts import LANGUAGE_NAMES, text
from bot.texts.dates import human_date

EXPORT_SCHEMA = "privacybot.export/v1"


def field_source(user: UserRecord, name: str) -> str:
    """Where a held value came from: Facebook, the person, or the conversation."""
    if name == "language":
        source = user.get("language_source") or "guess"
        return {"choice": "person", "locale": "facebook"}.get(source, "bot")
    return "person" if user.get(f"source:{name}") == "person" else "facebook"


# Bookkeeping that identifies the person to us, not data about them: their own PSID is
# already the document's `psid`.
_INTERNAL = {"psid_hash", "psid_sealed", "text_sealed"}


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
    store = Requests(services.redis, services.keys, services.store.cipher)
    requests = await store.for_person(psid)
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
        "unreachable_since": _iso_seconds(user.get("unreachable")),
        "first_contact": view.first_contact,
        "last_action": view.last_action,
        "requests": [
            r.model_dump(exclude=_INTERNAL) | {"text": store.text_of(r)} for r in requests
        ],
    }


def _request(store: Requests, record: DsarRecord) -> dict[str, Any]:
    """A request as the person's export shows it: their own words unsealed."""
    shown: dict[str, Any] = record.model_dump(exclude=_INTERNAL)
    return shown | {"text": store.text_of(record)}


def _iso_seconds(raw: str | None) -> str | None:
    """Unix seconds as stored (e.g. when Messenger said the person cannot be reached)."""
    moment = moment_seconds(raw)
    return moment.isoformat(timespec="seconds") if moment else None


# The policy's own answers on purposes, recipients and retention: behind quick replies
# (each is the pack's answer, with its section), so the view itself fits a phone's screen.
_POLICY_TOPICS = ("data_use", "third_parties", "retention")
_FIELD_LABELS = {
    "first_name": "field_first_name",
    "last_name": "field_last_name",
    "timezone": "field_timezone",
    "locale": "field_locale",
}
# A phone shows about this much without scrolling; every bubble of the view stays under it.
_CHUNK = BUTTON_TEXT_MAX


def _shown_value(user: UserRecord, name: str, value: str) -> str:
    """As a person reads it: a time zone as "UTC+1 (Europe/Ljubljana)" or "UTC+1", not the
    stored hours "1" (the zone's name is kept when the person named a zone or a place)."""
    if name != "timezone":
        return value
    try:
        hours = float(value)
    except ValueError:
        return value
    return shown_timezone(hours, user.get("profile_zone") or None)


def _held(user: UserRecord, lang: str) -> str:
    """Field by field, each with where it came from."""
    source = {s: text(f"source_{s}", lang) for s in ("facebook", "person", "bot")}
    lines = [text("access_head", lang)]
    for name in PROFILE_FIELDS:
        value = user.get(f"profile:{name}")
        if value:
            label, shown = text(_FIELD_LABELS[name], lang), _shown_value(user, name, value)
            lines.append(f"• {label}: {shown} ({source[field_source(user, name)]})")
    if user.language:
        label = text("field_chat_language", lang)
        shown = LANGUAGE_NAMES.get(user.language, user.language)
        lines.append(f"• {label}: {shown} ({source[field_source(user, 'language')]})")
    if len(lines) == 1:
        lines.append(text("access_nothing", lang))
    if user.restricted:
        lines.append(text("access_restricted", lang))
    elif not user.subscribed:
        lines.append(text("access_unsubscribed", lang))
    return "\n".join(lines)


def _consents(receipts: list[ConsentReceipt], lang: str) -> str:
    """The current decision per purpose, and how many came before it (all are receipts)."""
    lines = [text("access_consents", lang)]
    for purpose in PURPOSES:
        mine = [r for r in receipts if r.purpose == purpose]
        if not mine:
            continue
        current = mine[-1]
        lines.append(
            text(
                "access_consent_line",
                lang,
                purpose=text(f"purpose_{purpose}", lang),
                decision=text(f"decision_{current.decision}", lang),
                date=human_date(current.at, lang),
                version=current.policy_version,
            )
        )
        if len(mine) > 1:
            lines.append(text("access_earlier", lang, count=str(len(mine) - 1)))
    if len(lines) == 1:
        lines.append(text("access_no_consents", lang))
    return "\n".join(lines)


def open_requests_text(records: list[DsarRecord], lang: str) -> str:
    open_ones = [r for r in records if r.status in OPEN_STATES]
    if not open_ones:
        return text("access_no_requests", lang)
    lines = [text("access_requests", lang)]
    lines += [
        text(
            "access_request_line",
            lang,
            kind=request_label(r.type, lang, capital=True),
            status=status_label(r.status, lang),
            due=human_date(r.due, lang),
        )
        for r in open_ones
    ]
    return "\n".join(lines)


def request_label(kind: str, lang: str, *, capital: bool = False) -> str:
    """A request type in the person's words ("ugovor obdelavi", not "object")."""
    label = text(f"request_{kind}", lang)
    return label[:1].upper() + label[1:] if capital else label


def status_label(status: str, lang: str) -> str:
    return text(f"status_{status}", lang)


async def access_summary(services: Services, user: UserRecord, lang: str) -> list[Reply]:
    """Everything held, with its source, consents and open requests, in the person's
    language, in bubbles of at most 640 characters; why, who may get it and how long are
    quick replies (the policy's answers), with export, rectify and erase."""
    pack = services.pack
    lang = pack_lang(pack, lang)
    receipts = await services.consents.receipts(user.psid)
    records = await Requests(services.redis, services.keys).for_person(user.psid)
    paragraphs = [
        _held(user, lang),
        _consents(receipts, lang),
        open_requests_text(records, lang),
    ]
    buttons = topic_buttons(pack, (*_POLICY_TOPICS, "export", "rectify", "erase"), lang)
    # The chat holds little; the right of access covers the rest, which the staff send.
    buttons = (QuickReply(text("access_other", lang), ASK + "access"), *buttons)
    asked = next((i for i in _POLICY_TOPICS if offers_ask_staff(pack, i)), None)
    if asked:  # a topic the policy leaves open: the staff can be asked right away
        buttons = (QuickReply(text("ask_staff", lang), ASK + asked), *buttons)
    return [
        *(Reply(chunk) for chunk in chunks(paragraphs)),
        # Its buttons are what to do next: no open question is put after it.
        Reply(text("access_more", lang), buttons, ends_turn=True),
    ]


def chunks(paragraphs: list[str], limit: int = _CHUNK) -> list[str]:
    """Whole paragraphs per message where they fit, else whole lines; a single line longer
    than a message is shortened. Every message stays under Messenger's 2,000 characters."""
    messages: list[str] = []
    current = ""
    for paragraph in paragraphs:
        if current and len(current) + 2 + len(paragraph) <= limit:
            current = f"{current}\n\n{paragraph}"
            continue
        if current:
            messages.append(current)
        current = ""
        for whole in paragraph.split("\n"):  # one message or more for this paragraph
            line = _shorten(whole, limit)
            if current and len(current) + 1 + len(line) > limit:
                messages.append(current)
                current = ""
            current = f"{current}\n{line}" if current else line
    return [*messages, current] if current else messages


def _shorten(line: str, limit: int) -> str:
    if len(line) <= limit:
        return line
    return line[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"
