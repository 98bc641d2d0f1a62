"""The shipped packs, one per language, as the tests of real phrasing read them."""

from __future__ import annotations

from intents.matcher import Matcher
from intents.pack import load_pack
from intents.understand import understand
from tests.intents.fixture_pack import intent_of

PACK_OF = {"sl": "btc", "en": "btc", "bg": "infopartner", "ro": "registratura"}


def shipped_matchers() -> dict[str, Matcher]:
    return {name: Matcher(load_pack(name)) for name in set(PACK_OF.values())}


def reads(matchers: dict[str, Matcher], lang: str, text: str) -> str | None:
    """The intent the language's shipped pack reads in `text` (None: nothing, or vague)."""
    return intent_of(understand(matchers[PACK_OF[lang]], text, lang))
