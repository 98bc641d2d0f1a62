"""The conversation intents (thanks, goodbye, ...), written once for every pack.

They say nothing about a policy, so each pack need not repeat them: `with_conversation`
adds those a pack does not define itself, in the pack's languages, with `{controller}`
filled in, before the pack is validated like any other (docs/packs.md).
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

CATALOGUE = Path(__file__).with_name("conversation.toml")
_PER_LANGUAGE = ("title", "section", "keywords", "examples", "answer")


@lru_cache(maxsize=1)
def catalogue() -> dict[str, dict[str, Any]]:
    with CATALOGUE.open("rb") as handle:
        intents: dict[str, dict[str, Any]] = tomllib.load(handle)["intents"]
    return intents


def _fill(value: Any, controller: str) -> Any:
    if isinstance(value, str):
        if controller.endswith("."):  # "BTC, d.d." ends the sentence itself: no "d.d.."
            value = value.replace("{controller}.", controller)
        return value.replace("{controller}", controller)
    if isinstance(value, list):
        return [_fill(item, controller) for item in value]
    return value


def _in_languages(spec: Mapping[str, Any], languages: list[str], controller: str) -> dict[str, Any]:
    """`spec` with only the pack's languages (a language the catalogue lacks stays missing,
    and the pack rules then say so)."""
    kept = dict(spec)
    for field in _PER_LANGUAGE:
        table = spec.get(field, {})
        kept[field] = {lang: _fill(table[lang], controller) for lang in languages if lang in table}
    return kept


def with_conversation(data: Mapping[str, Any]) -> dict[str, Any]:
    """Pack data with the conversation intents it does not define itself."""
    info = data.get("pack", {})
    languages = list(info.get("languages", [])) if isinstance(info, Mapping) else []
    controller = str(info.get("controller", "")) if isinstance(info, Mapping) else ""
    intents = dict(data["intents"])
    for name, spec in catalogue().items():
        intents.setdefault(name, _in_languages(spec, languages, controller))
    return {**data, "intents": intents}
