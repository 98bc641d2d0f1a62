"""`privacybot setup-page`: Get Started, greeting and persistent menu, via the Messenger
Profile API (10 calls per 10 minutes per Page, so everything goes in one call)."""

from __future__ import annotations

from typing import Any

from bot.constants import GREETING_MAX
from bot.pipeline.replies import GET_STARTED, INTENT
from bot.texts import text
from intents.pack import Pack

# Each item's title is the catalogue's `page_menu_<intent>`.
_MENU_INTENTS = ("policy_overview", "access", "erase", "unsubscribe")
_LOCALES = {"sl": "sl_SI", "en": "en_US", "bg": "bg_BG", "ro": "ro_RO"}


def _locale(pack: Pack, lang: str) -> str:
    return "default" if lang == pack.default_language else _LOCALES[lang]


def greeting(pack: Pack) -> list[dict[str, str]]:
    return [
        {
            "locale": _locale(pack, lang),
            "text": text("page_greeting", lang, controller=pack.pack.controller)[:GREETING_MAX],
        }
        for lang in pack.languages
    ]


def persistent_menu(pack: Pack) -> list[dict[str, Any]]:
    return [
        {
            "locale": _locale(pack, lang),
            "composer_input_disabled": False,
            "call_to_actions": [
                {
                    "type": "postback",
                    "title": text("page_menu_" + intent, lang),
                    "payload": INTENT + intent,
                }
                for intent in _MENU_INTENTS
            ],
        }
        for lang in pack.languages
    ]


def messenger_profile(pack: Pack) -> dict[str, Any]:
    return {
        "get_started": {"payload": GET_STARTED},
        "greeting": greeting(pack),
        "persistent_menu": persistent_menu(pack),
    }


def describe(profile: dict[str, Any]) -> str:
    """What setup-page changed, for the person who ran it."""
    menus = profile["persistent_menu"]
    return "\n".join(
        [
            f"get_started: payload {profile['get_started']['payload']}",
            *(f"greeting [{g['locale']}]: {g['text']}" for g in profile["greeting"]),
            *(
                f"menu [{m['locale']}]: " + " | ".join(a["title"] for a in m["call_to_actions"])
                for m in menus
            ),
        ]
    )
