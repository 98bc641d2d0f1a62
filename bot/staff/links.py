"""Linking a staff member's own Messenger chat to their console user, once: the console
shows a one-time code, the staff member types it to the bot, and the bot keeps that PSID
with the user (`Admins.link_psid`). Then "send a test to me" reaches that chat only."""

from __future__ import annotations

import re
import secrets
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.services import Services

LINK_TTL_S = 15 * 60
_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: typed on a phone
_CODE = re.compile(r"\s*(PB-[A-Z0-9]{8})\s*", re.IGNORECASE)


def new_code() -> str:
    return "PB-" + "".join(secrets.choice(_ALPHABET) for _ in range(8))


def code_in(text: str) -> str | None:
    """The code if the whole message is one (any case, spaces around), else None."""
    found = _CODE.fullmatch(text)
    return found.group(1).upper() if found else None


async def issue_code(services: Services, name: str) -> str:
    """A code for the user `name`, valid for LINK_TTL_S and for one use."""
    code = new_code()
    await services.redis.set(services.keys.staff_link(code), name, ex=LINK_TTL_S)
    return code


async def redeem_code(services: Services, code: str) -> str | None:
    """The user the code was issued to, once; None if unknown, used or expired."""
    name = await services.redis.getdel(services.keys.staff_link(code))
    return str(name) if name is not None else None
