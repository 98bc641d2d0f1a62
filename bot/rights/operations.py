"""The rights, as operations the chat, the admin API and the console all call."""

from __future__ import annotations

import asyncio
import json
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, cast

from bot.answers import pack_lang
from bot.errors import BadRequest
from bot.indexes.audience import stage_reclass
from bot.pages import journal_file
from bot.pipeline.outbox import deliver_or_hold
from bot.pipeline.replies import Reply
from bot.rights.access import export_document, request_label
from bot.rights.dsar import DsarRecord, Requests, RequestType
from bot.rights.erasure import Eraser
from bot.services import Services
from bot.texts import text
from bot.texts.dates import human_date

EXPORT_TTL_S = 15 * 60
TEXT_LIMIT = 2000  # Meta: a text message is under 2,000 characters
_SEAL = "export"


@dataclass(frozen=True)
class ErasureResult:
    psid_hash: str
    request_id: str


def eraser(services: Services) -> Eraser:
    return Eraser(
        services.redis,
        services.keys,
        pseudonym=services.pseudonym,
        journal=journal_path(services),
        names=services.store.names,
        scripts=services.scripts,
        compact_within_s=services.settings.erasure_compact_s,
    )


def journal_path(services: Services) -> Path:
    """The Page's own journal file (the one replayed for it at start)."""
    return services.settings.var_dir / journal_file(services.keys.page)


def requests(services: Services) -> Requests:
    return Requests(services.redis, services.keys, services.store.cipher)


async def record_request(
    services: Services,
    psid: str,
    kind: RequestType,
    *,
    done: bool = True,
    outcome: str = "",
    text: str = "",
) -> DsarRecord:
    """Every rights request leaves a record; those the bot completes close at once. `text`
    is the person's own words (sealed at rest, forgotten on erasure)."""
    return await requests(services).open(
        kind,
        psid=psid,
        psid_hash=services.pseudonym(psid),
        status="done" if done else "open",
        outcome=outcome,
        handled_by="" if not done else "bot",
        text=text,
    )


async def erase_person(
    services: Services, psid: str, *, actor: str, role: str, locked: bool = False
) -> ErasureResult:
    """The one erasure path (chat, admin API, console). The steps touch different keys, so
    independent ones run side by side: erasure is on the person's wait (goal p99 < 10 ms)."""
    store = requests(services)
    _, digest = await asyncio.gather(
        store.forget_person(psid), eraser(services).erase(psid, locked=locked)
    )
    record, _ = await asyncio.gather(
        store.open("erase", psid_hash=digest, status="done", outcome="erased", handled_by=actor),
        services.audit.record(actor, role, "erase person", record=digest),
    )
    return ErasureResult(digest, record.id)


async def export_person(services: Services, psid: str) -> dict[str, Any] | None:
    return await export_document(services, psid)


async def export_link(services: Services, psid: str) -> str | None:
    """A single-use link, valid 15 minutes, to the person's export (stored encrypted)."""
    document = await export_document(services, psid)
    if document is None:
        return None
    token = secrets.token_urlsafe(32)
    sealed = services.store.cipher.encrypt(json.dumps(document, ensure_ascii=False), _SEAL)
    redis, keys, user = services.redis, services.keys, services.keys.user(psid)
    previous = cast(str | None, await redis.hget(user, "export_token"))
    # The export (a slot of its own) and the person's hash cannot change in one transaction:
    # the export first, then its token on the person only if they are still stored (an
    # erasure meanwhile: the export goes at once). Only the newest link works: an erasure
    # then has just one link to revoke.
    await redis.set(keys.export(token), sealed, ex=EXPORT_TTL_S)
    if not await services.scripts.hset_if_exists(keys=[user], args=["export_token", token]):
        await redis.delete(keys.export(token))
        return None
    if previous:
        await redis.delete(keys.export(previous))
    return f"{services.settings.public_url.rstrip('/')}/export/{token}"


async def take_export(services: Services, token: str) -> dict[str, Any] | None:
    """The export behind a link, once: the link is gone after this."""
    if not token.replace("-", "").replace("_", "").isalnum():
        return None
    sealed = cast(str | None, await services.redis.getdel(services.keys.export(token)))
    if sealed is None:
        return None
    document: dict[str, Any] = json.loads(services.store.cipher.decrypt(sealed, _SEAL))
    return document


async def set_restricted(services: Services, psid: str, restricted: bool) -> None:
    """Restricted: no profile use and no marketing until the person lifts it."""
    keys = services.keys
    pipe = services.redis.pipeline(transaction=True)
    pipe.hset(keys.user(psid), "restricted", "1" if restricted else "0")
    if restricted:
        pipe.zrem(keys.marketing_index(keys.partition(psid)), psid)
    stage_reclass(pipe, keys, psid, services.pseudonym(psid))
    await pipe.execute()
    user = await services.store.load(psid)
    if user.gets_offers:  # lifted, with consent and the wish to get them
        await services.store.set_subscribed(psid, True)


async def close_request(
    services: Services,
    request_id: str,
    *,
    outcome: Literal["done", "refused"],
    reason: str,
    by: str,
    answer: str = "",
) -> DsarRecord:
    """Close a request and tell the person (now, or at their next message): the outcome,
    the staff's reason and their answer, in the words the staff wrote."""
    store = requests(services)
    before = await store.get(request_id)
    person = store.person_of(before)
    answer = answer.strip()
    language = (await services.store.load(person)).language if person else None
    # Checked before closing: a notice Meta would refuse must not close the request.
    closing = before.model_copy(update={"status": outcome, "reason": reason.strip()})
    if len(closing_notice(services, closing, language, answer=answer).text) > TEXT_LIMIT:
        raise BadRequest(f"the answer and reason together must fit one message ({TEXT_LIMIT})")
    record = await store.close(
        request_id, outcome=outcome, reason=reason, by=by, answered=bool(answer)
    )
    if person:
        notice = closing_notice(services, record, language, answer=answer)
        await deliver_or_hold(services, person, notice)
    return record


async def extend_request(
    services: Services, request_id: str, *, months: int, reason: str, by: str
) -> DsarRecord:
    """Art. 12(3): the deadline moves on by one or two months; the person is told the new
    date and the staff's reason (now, or at their next message)."""
    store = requests(services)
    person = store.person_of(await store.get(request_id))
    record = await store.extend(request_id, months=months, reason=reason, by=by)
    if person:
        user = await services.store.load(person)
        lang = pack_lang(services.pack, user.language or services.pack.default_language)
        said = text(
            "request_extended",
            lang,
            kind=request_label(record.type, lang),
            due=record.due[:10],
            reason=record.extension_reason,
        )
        await deliver_or_hold(services, person, Reply(said))
    return record


def closing_notice(
    services: Services, record: DsarRecord, language: str | None, *, answer: str = ""
) -> Reply:
    """The outcome in the person's language: the request named as in their summary, the
    staff's reason (in the words the staff wrote) after it."""
    lang = pack_lang(services.pack, language or services.pack.default_language)
    said = text(
        f"closed_{record.status}",
        lang,
        kind=request_label(record.type, lang),
        received=human_date(record.received, lang),
    )
    if record.reason:
        said = f"{said}\n{text('closed_reason', lang, reason=record.reason)}"
    if answer:
        said = f"{said}\n\n{text('closed_answer', lang, answer=answer)}"
    return Reply(said)
