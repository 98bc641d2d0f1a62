"""The pack rules pydantic's field types cannot express (docs/packs.md, "Rules")."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from intents.taxonomy import ALL_INTENT_IDS, KNOWN_INTENTS

if TYPE_CHECKING:
    from intents.pack import IntentSpec, Pack

MIN_EXAMPLES = 12
UNDATED = "unknown"
_ISO_DATE = re.compile(r"\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?")


def _missing(languages: tuple[str, ...], table: Mapping[str, object]) -> list[str]:
    return [lang for lang in languages if lang not in table]


def _is_date(text: str) -> bool:
    """An ISO date or a prefix of one ("2018", "2018-05"); "unknown" when the policy is
    undated (docs/packs.md: "the best it says")."""
    if text == UNDATED:
        return True
    return bool(_ISO_DATE.fullmatch(text))


def _info_problems(pack: Pack, expected_id: str) -> Iterator[str]:
    info = pack.pack
    if not _is_date(info.policy_date):
        yield f"[pack], field 'policy_date': {info.policy_date!r} is not an ISO date"
    if info.id != expected_id:
        yield f"[pack], field 'id': is {info.id!r}, the file name says {expected_id!r}"
    if info.default_language not in info.languages:
        yield f"[pack], field 'default_language': {info.default_language!r} not in languages"
    for lang in _missing(info.languages, info.supervisory_authority):
        yield f"[pack], field 'supervisory_authority': language {lang!r} missing"
    for purpose in ("profile", "marketing"):
        spec = getattr(pack.consent, purpose)
        for field in ("explain", "section"):
            for lang in _missing(info.languages, getattr(spec, field)):
                yield f"[consent.{purpose}], field '{field}': language {lang!r} missing"


def _intent_problems(name: str, spec: IntentSpec, languages: tuple[str, ...]) -> Iterator[str]:
    where = f"intent '{name}'"
    for field in ("title", "examples", "answer", "keywords"):
        for lang in _missing(languages, getattr(spec, field)):
            yield f"{where}, field '{field}': language {lang!r} missing"
    silent = all(not text for text in spec.section.values())
    if not silent:
        for lang in _missing(languages, spec.section):
            yield f"{where}, field 'section': language {lang!r} missing"
    for lang, phrases in spec.examples.items():
        if len(phrases) < MIN_EXAMPLES:
            yield (
                f"{where}, field 'examples.{lang}': {len(phrases)} examples, "
                f"at least {MIN_EXAMPLES} needed"
            )
    for other in spec.related:
        if other not in KNOWN_INTENTS or other == name:
            yield f"{where}, field 'related': {other!r} is not another known intent"


def check_rules(pack: Pack, expected_id: str) -> list[str]:
    """Every rule broken, one line each ("intent 'x', field 'y': what is wrong")."""
    problems = list(_info_problems(pack, expected_id))
    for name in pack.intents:
        if name not in KNOWN_INTENTS:
            problems.append(f"intent '{name}', field '(table)': not a taxonomy intent id")
    for name in ALL_INTENT_IDS:
        spec = pack.intents.get(name)
        if spec is None:
            problems.append(f"intent '{name}', field '(table)': missing")
            continue
        problems.extend(_intent_problems(name, spec, pack.pack.languages))
    return problems
