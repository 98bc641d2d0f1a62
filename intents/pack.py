"""Policy packs: one TOML file per policy in intents/packs/, validated once at load.

The shape and rules are docs/packs.md. Every problem found is reported in one
`PackError` whose lines name the file, the intent (or table) and the field.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
)

from intents.conversation import with_conversation
from intents.pack_rules import check_rules

PACKS_DIR = Path(__file__).resolve().parent / "packs"

Title = Annotated[str, Field(min_length=1, max_length=20)]
Message = Annotated[str, Field(min_length=1, max_length=640)]
Phrase = Annotated[str, Field(min_length=1)]


def _date_text(value: object) -> object:
    return value.isoformat() if isinstance(value, dt.date) else value


def _known_zone(name: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"{name!r} is not an IANA time zone (e.g. Europe/Sofia)") from None
    return name


class PackError(ValueError):
    """A pack that cannot be used; the message names file, intent and field."""


class _Frozen(BaseModel):
    # Unknown keys are refused: a misspelt "keyword" would otherwise vanish silently.
    model_config = ConfigDict(frozen=True, extra="forbid")


class PackInfo(_Frozen):
    id: str = Field(min_length=1)
    controller: str = Field(min_length=1)
    policy_title: str = Field(min_length=1)
    policy_version: str = Field(min_length=1)
    # ISO date, or as much of one as the policy gives, or "unknown"; a bare TOML date too.
    policy_date: Annotated[str, BeforeValidator(_date_text)]
    rights_version: str = Field(min_length=1)
    languages: tuple[str, ...] = Field(min_length=1)
    default_language: str
    policy_file: str = Field(min_length=1)
    contact_email: str = ""
    contact_address: str = ""
    supervisory_authority: dict[str, str]
    # The controller's home zone: quiet hours for people whose own zone is unknown, and the
    # zone staff schedule broadcasts in.
    time_zone: Annotated[str, AfterValidator(_known_zone)] = "Europe/Ljubljana"


class ConsentPurpose(_Frozen):
    explain: dict[str, Message]
    section: dict[str, str]


class Consent(_Frozen):
    profile: ConsentPurpose
    marketing: ConsentPurpose


class IntentSpec(_Frozen):
    title: dict[str, Title]
    section: dict[str, str]
    related: tuple[str, ...] = Field(min_length=2, max_length=4)
    keywords: dict[str, tuple[Phrase, ...]]
    examples: dict[str, tuple[Phrase, ...]]
    answer: dict[str, Annotated[tuple[Message, ...], Field(min_length=1, max_length=3)]]
    # The answer invites putting the question to the privacy staff here ("ask here – it is
    # recorded"): the bot then offers "ask the staff", as it does wherever the policy is silent.
    ask_staff: bool = False


class Pack(_Frozen):
    pack: PackInfo
    consent: Consent
    intents: dict[str, IntentSpec]
    _directory: Path = PrivateAttr(default=PACKS_DIR)

    @property
    def id(self) -> str:
        return self.pack.id

    @property
    def languages(self) -> tuple[str, ...]:
        return self.pack.languages

    @property
    def default_language(self) -> str:
        return self.pack.default_language

    @property
    def directory(self) -> Path:
        """The folder the pack was loaded from (its policy text and sibling packs)."""
        return self._directory

    def policy_text(self) -> str:
        """The policy's own text, stored beside the pack file."""
        return (self._directory / self.pack.policy_file).read_text(encoding="utf-8")


def _where(loc: tuple[int | str, ...]) -> str:
    """Turn a pydantic location into "intent 'x', field 'y.z'" (or the table's name)."""
    parts = [str(part) for part in loc]
    if len(parts) >= 2 and parts[0] == "intents":
        field = ".".join(parts[2:]) or "(table)"
        return f"intent '{parts[1]}', field '{field}'"
    if parts:
        return f"[{parts[0]}], field '{'.'.join(parts[1:]) or '(table)'}'"
    return "(top level)"


def _describe(error: ValidationError, origin: Path) -> str:
    lines = [f"{origin}: {_where(item['loc'])}: {item['msg']}" for item in error.errors()]
    return "\n".join(lines)


def parse_pack(data: Mapping[str, Any], origin: Path) -> Pack:
    """Validate already-parsed TOML data; `origin` is the file it came from. The shared
    conversation intents join it first (intents/conversation.py)."""
    if isinstance(data.get("intents"), Mapping):
        data = with_conversation(data)
    try:
        pack = Pack.model_validate(dict(data))
    except ValidationError as error:
        raise PackError(_describe(error, origin)) from None
    problems = check_rules(pack, expected_id=origin.stem)
    if problems:
        raise PackError("\n".join(f"{origin}: {problem}" for problem in problems))
    pack._directory = origin.parent
    return pack


def load_pack(name: str, directory: Path | None = None) -> Pack:
    """Read and validate `<directory>/<name>.toml` (default: the shipped packs)."""
    origin = (directory or PACKS_DIR) / f"{name}.toml"
    try:
        with origin.open("rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError:
        known = ", ".join(available_packs(directory)) or "none"
        raise PackError(f"{origin}: no such pack (available: {known})") from None
    except tomllib.TOMLDecodeError as error:
        raise PackError(f"{origin}: not valid TOML: {error}") from None
    return parse_pack(data, origin)


def available_packs(directory: Path | None = None) -> list[str]:
    """Names of the pack files in `directory` (default: the shipped packs)."""
    folder = directory or PACKS_DIR
    return sorted(path.stem for path in folder.glob("*.toml")) if folder.is_dir() else []
