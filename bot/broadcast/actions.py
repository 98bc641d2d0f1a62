"""What staff do with broadcasts (API and CLI alike): create, read, cancel, resume; and what
Meta's policy enforcement does to them. Every change is audited; nothing here names a person.

A policy `block` pauses every queued or sending broadcast and raises the `policy_block` alert.
`unblock` clears the alert but resumes nothing: Meta judged our sending, so an admin decides
when each paused broadcast goes on (`resume`).
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
import time
from typing import TYPE_CHECKING, Any

from bot.broadcast.audience import estimate
from bot.broadcast.spec import ACTIVE, BroadcastSpec, check_languages
from bot.broadcast.store import POLICY_BLOCK, BroadcastStore
from bot.errors import BadRequest, NotFound
from bot.indexes.audience import audience_size

if TYPE_CHECKING:
    from bot.services import Services

AUDIT_TEXT_MAX = 2000


def _store(services: Services) -> BroadcastStore:
    return BroadcastStore(services.redis, services.keys, services.scripts)


def _iso(ts: float) -> str:
    return (
        dt.datetime.fromtimestamp(ts, dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    )


async def create(
    services: Services, spec: BroadcastSpec, who: str, role: str, now: float | None = None
) -> dict[str, Any]:
    """Store and queue a broadcast (a dry run is only counted): `{"id", "audience", ...}`."""
    check_languages(spec, services.pack.languages)
    now = time.time() if now is None else now
    counts = await estimate(services, spec, now)
    store = _store(services)
    bid = secrets.token_hex(8)
    due_at = max(now, spec.at.timestamp()) if spec.at else now
    blocked = await store.blocked()
    status = "done" if spec.dry_run else "paused" if blocked else "queued"
    fields = {
        "spec": spec.model_dump_json(),
        "status": status,
        "created_by": who,
        "created_role": role,
        "created_ts": str(now),
        "due_at": str(due_at),
        "estimate": json.dumps(counts),
    }
    if status == "paused":
        fields["paused_reason"] = POLICY_BLOCK
    await store.create(bid, fields, due_at if status == "queued" else None)
    what = "dry run" if spec.dry_run else f"scheduled for {_iso(due_at)}" if spec.at else "queued"
    text = json.dumps(spec.text[:AUDIT_TEXT_MAX], ensure_ascii=False)
    await services.audit.record(
        who,
        role,
        f"broadcast created ({what}, {status}, audience {counts['audience']}, "
        f"languages {','.join(spec.languages) or 'all'}, rate {spec.rate}/s): {text}",
        bid,
    )
    return {"id": bid, "status": status, **counts}


async def view(services: Services, bid: str) -> dict[str, Any]:
    """Status and counts only: no PSID, no name, no per-person outcome."""
    store = _store(services)
    definition = await store.definition(bid)
    if not definition:
        raise NotFound
    spec = store.spec_of(definition)
    counts = await store.progress(bid)
    skipped = {k.split(":", 1)[1]: v for k, v in counts.items() if k.startswith("skipped:")}
    failed = {k.split(":", 1)[1]: v for k, v in counts.items() if k.startswith("failed:")}
    sent, waiting = counts.get("sent", 0), counts.get("waiting", 0)
    done = sent + sum(skipped.values()) + sum(failed.values())
    estimated = json.loads(definition.get("estimate", "{}"))
    return {
        "id": bid,
        "status": definition["status"],
        "dry_run": spec.dry_run,
        "total": done + waiting,
        "sent": sent,
        "skipped": sum(skipped.values()),
        "failed": sum(failed.values()),
        "waiting": waiting,
        "expected": max(await _expected(services, definition), done + waiting),
        "skipped_by_reason": skipped,
        "failed_by_code": failed,
        "estimate": estimated,
        "created_by": definition.get("created_by"),
        "created_at": _iso(float(definition["created_ts"])),
        "scheduled_at": _iso(float(definition["due_at"])),
        "next_pass_at": _optional_iso(definition.get("next_pass_at")),
        "paused_reason": definition.get("paused_reason"),
        "languages": list(spec.languages),
        "rate": spec.rate,
        "text": spec.text,
        "alerts": await store.alerts(),
    }


async def recent(services: Services, count: int) -> list[dict[str, Any]]:
    """The views of the `count` newest broadcasts, newest first."""
    return [await view(services, bid) for bid in await _store(services).recent(count)]


async def alerts(services: Services) -> dict[str, Any]:
    """Raised alerts (Meta's policy block, a failing Page token) by name."""
    return await _store(services).alerts()


async def _expected(services: Services, definition: dict[str, str]) -> int:
    """How many people the broadcast will have handled when done: the audience's size when
    sending started, else (not started) its size now. Not the estimate's total: that also
    counts people outside the audience, who never get an outcome of their own."""
    if definition.get("expected"):
        return int(definition["expected"])
    return await audience_size(services.redis, services.keys)


def _optional_iso(raw: str | None) -> str | None:
    return _iso(float(raw)) if raw else None


async def cancel(services: Services, bid: str, who: str, role: str) -> dict[str, Any]:
    store = _store(services)
    old = await store.transition(bid, "cancelled", "queued", "sending", "paused")
    if old is None:
        current = (await store.definition(bid)).get("status")
        if current is None:
            raise NotFound
        raise BadRequest(f"a {current} broadcast cannot be cancelled")
    await store.unschedule(bid)
    counts = await view(services, bid)
    await services.audit.record(
        who,
        role,
        f"broadcast cancelled (was {old}; sent {counts['sent']}, "
        f"skipped {counts['skipped']}, failed {counts['failed']})",
        bid,
    )
    return counts


async def resume(services: Services, bid: str, who: str, role: str) -> dict[str, Any]:
    store = _store(services)
    if await store.blocked():
        raise BadRequest("Meta's policy block is still in force; resume after it is lifted")
    if await store.transition(bid, "queued", "paused") is None:
        if not await store.definition(bid):
            raise NotFound
        raise BadRequest("only a paused broadcast can be resumed")
    await store.annotate(bid, paused_reason="")
    await store.clear_alert("graph_token")  # resuming says the Page token was fixed
    # Due at its original time: resumed early, a scheduled broadcast still waits for it.
    await store.schedule(bid, float((await store.definition(bid))["due_at"]))
    await services.audit.record(who, role, "broadcast resumed", bid)
    return await view(services, bid)


async def policy_block(services: Services, reason: str) -> int:
    """Pause every active broadcast and raise the admin alert: how many were paused."""
    store = _store(services)
    await store.set_alert(POLICY_BLOCK, {"at": _iso(time.time()), "reason": reason[:300]})
    paused = 0
    for bid in await store.queued():
        if await store.transition(bid, "paused", *ACTIVE):
            await store.annotate(bid, paused_reason=POLICY_BLOCK)
            paused += 1
        await store.unschedule(bid)
    await services.audit.record(
        "meta", "system", f"policy enforcement block ({reason[:300]}): {paused} paused", ""
    )
    return paused


async def policy_unblock(services: Services) -> None:
    await _store(services).clear_alert(POLICY_BLOCK)
    await services.audit.record("meta", "system", "policy enforcement unblock", "")
