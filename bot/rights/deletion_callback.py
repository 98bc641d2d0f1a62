"""Meta's data-deletion callback as records: one request per signed_request, found again by
the confirmation code the person was shown. A replayed callback gets the same code.

The callback names an app-scoped id, not a PSID, so nothing is held under it: the request
is recorded as such and stays open for the privacy staff."""

from __future__ import annotations

import hashlib
import secrets
from typing import TYPE_CHECKING, cast

from bot.rights.deletion_status import NOTHING_HELD, DeletionStatus, deletion_status
from bot.rights.operations import requests
from bot.rights.signed_request import parse_signed_request
from bot.texts.deletion import PageLanguage

if TYPE_CHECKING:
    from bot.services import Services


async def open_deletion_request(services: Services, signed: str) -> str:
    """Verify the signed_request, record the request once, and return its confirmation code."""
    data = parse_signed_request(signed, services.settings.app_secret)
    replay_key = services.keys.deletion("sig:" + hashlib.sha256(signed.encode()).hexdigest())
    code = cast(str | None, await services.redis.get(replay_key))
    if code is not None:
        return code
    code = secrets.token_hex(10)
    record = await requests(services).open(
        "deletion_callback",
        channel="meta_callback",
        psid_hash=services.pseudonym("asid:" + str(data["user_id"])),
        outcome=NOTHING_HELD,
    )
    await services.redis.set(services.keys.deletion(code), record.id)
    await services.redis.set(replay_key, code)
    await services.audit.record("meta", "callback", "data deletion request", record=record.id)
    return code


async def status_of_code(
    services: Services, code: str, lang: PageLanguage
) -> DeletionStatus | None:
    """What the status page says for this confirmation code; None for an unknown code."""
    request_id = cast(str | None, await services.redis.get(services.keys.deletion(code)))
    if request_id is None:
        return None
    return deletion_status(await requests(services).get(request_id), code, lang)
