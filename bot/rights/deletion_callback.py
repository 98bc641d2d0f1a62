"""Meta's data-deletion callback as records: one request per signed_request, found again by
the confirmation code the person was shown. A replayed callback gets the same code.

The callback names an app-scoped id, not a PSID, so nothing is held under it: the request
is recorded as such and stays open for the privacy staff."""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING, cast

from bot.rights.deletion_status import NOTHING_HELD, DeletionStatus, deletion_status
from bot.rights.operations import requests
from bot.rights.signed_request import parse_signed_request, request_identity
from bot.texts.deletion import PageLanguage

if TYPE_CHECKING:
    from bot.services import Services


async def open_deletion_request(services: Services, signed: str) -> str:
    """Verify the signed_request, record the request once, and return its confirmation code.

    Keyed by user and issue time, not by the bytes: a re-encoded copy is the same request.
    SET NX claims the request first, so copies arriving together also share one code."""
    data = parse_signed_request(signed, services.settings.app_secret)
    replay_key = services.keys.deletion("req:" + services.pseudonym(request_identity(data)))
    code = secrets.token_hex(10)
    if not await services.redis.set(replay_key, code, nx=True):
        return cast(str, await services.redis.get(replay_key))
    try:
        await _record(services, code, str(data["user_id"]))
    except BaseException:
        await services.redis.delete(replay_key)  # let Meta's retry open it afresh
        raise
    return code


async def _record(services: Services, code: str, user_id: str) -> None:
    record = await requests(services).open(
        "deletion_callback",
        channel="meta_callback",
        psid_hash=services.pseudonym("asid:" + user_id),
        outcome=NOTHING_HELD,
    )
    await services.redis.set(services.keys.deletion(code), record.id)
    await services.audit.record("meta", "callback", "data deletion request", record=record.id)


async def status_of_code(
    services: Services, code: str, lang: PageLanguage
) -> DeletionStatus | None:
    """What the status page says for this confirmation code; None for an unknown code."""
    request_id = cast(str | None, await services.redis.get(services.keys.deletion(code)))
    if request_id is None:
        return None
    return deletion_status(await requests(services).get(request_id), code, lang)
