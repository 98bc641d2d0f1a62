"""Configuration: environment variables read once into one object, built in `main`."""

from __future__ import annotations

import base64
import os
import secrets
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot.constants import (
    DEFAULT_PACK,
    DEFAULT_PORT,
    ERASURE_COMPACT_DEFAULT_S,
    GRAPH_API_DEFAULT,
    HANDOVER_IDLE_DEFAULT_S,
)
from bot.errors import ConfigError
from bot.pages.config import load_pages

_DEV_SECRETS = {
    "app_secret": "dev-app-secret",
    "verify_token": "dev-verify-token",
    "page_access_token": "dev-page-token",
}
_PLACEHOLDERS = ("dev-", "changeme", "change-me", "placeholder", "xxx", "todo", "<")
_HOW_TO_SET = {
    "APP_SECRET": "the App Secret from the Meta App Dashboard (Settings > Basic)",
    "VERIFY_TOKEN": "a long random string you also type into the Webhooks setup",
    "PAGE_ACCESS_TOKEN": "the Page access token with pages_messaging",
    "REDIS_URL": "a redis:// or rediss:// URL of a Redis 6.2+ server with persistence",
    "DATA_KEY": "32 random bytes, base64 (python -c 'import os,base64;"
    "print(base64.b64encode(os.urandom(32)).decode())')",
}


class Settings(BaseSettings):
    """The contract of DESIGN.md: names are the environment variables, upper-cased."""

    model_config = SettingsConfigDict(frozen=True, extra="ignore", case_sensitive=False)

    app_secret: str = ""
    verify_token: str = ""
    page_access_token: str = ""
    graph_api_url: str = GRAPH_API_DEFAULT
    redis_url: str = ""
    policy_pack: str = DEFAULT_PACK
    policy_pack_dir: Path | None = None  # packs beside the shipped ones (a new policy version)
    public_url: str = ""
    port: int = DEFAULT_PORT
    privacybot_env: Literal["development", "production"] = "development"
    data_key: str = ""
    old_data_keys: str = ""  # comma-separated older DATA_KEYs, still accepted for reading
    redis_prefix: str = "pb"
    # Comma-separated host:port of Redis Sentinels; set, the client asks them for the primary
    # named REDIS_SENTINEL_MASTER (and again after a failover) instead of using REDIS_URL.
    redis_sentinels: str = ""
    redis_sentinel_master: str = "mymaster"
    # Answer Meta only once this many replicas hold the events (Redis WAIT); 0: the primary.
    redis_ack_replicas: int = Field(default=0, ge=0)
    var_dir: Path = Field(default=Path("var"))
    # The Pages this deployment serves (TOML, bot/pages); unset: PAGE_ACCESS_TOKEN + POLICY_PACK.
    pages_file: Path | None = None
    # After an erasure the append-only file is rewritten within this many seconds.
    erasure_compact_s: float = Field(default=ERASURE_COMPACT_DEFAULT_S, gt=0)
    # Bearer token for GET /metrics; empty: /metrics answers only loopback peers.
    metrics_token: str = ""
    # Comma-separated addresses of reverse proxies whose X-Forwarded-For is believed.
    trusted_proxies: str = ""
    # Meta's Marketing Messages (opt-in card, token sends): closed to new integrations since
    # February 2026 and without EU recipients in its successor, so off unless a Page has it.
    marketing_messages: Literal["on", "off"] = "off"
    # After this long without a word in a thread the Page Inbox holds, the bot takes it back.
    handover_idle_s: float = Field(default=HANDOVER_IDLE_DEFAULT_S, gt=0)

    @property
    def marketing_tokens(self) -> bool:
        return self.marketing_messages == "on"

    @property
    def production(self) -> bool:
        return self.privacybot_env == "production"

    @property
    def fake_graph(self) -> bool:
        """Development without a page token talks to the built-in fake Graph API."""
        return not self.production and self.page_access_token in (
            "",
            _DEV_SECRETS["page_access_token"],
        )

    def sentinel_addresses(self) -> list[tuple[str, int]]:
        addresses = []
        for item in filter(None, (a.strip() for a in self.redis_sentinels.split(","))):
            host, _, port = item.rpartition(":")
            if not host or not port.isdigit():
                raise ConfigError(f"REDIS_SENTINELS: {item!r} is not host:port")
            addresses.append((host.strip("[]"), int(port)))
        return addresses

    def trusted_proxy_set(self) -> frozenset[str]:
        return frozenset(a.strip() for a in self.trusted_proxies.split(",") if a.strip())

    def data_key_bytes(self) -> bytes:
        return base64.b64decode(self.data_key)

    def old_data_key_bytes(self) -> tuple[bytes, ...]:
        return tuple(base64.b64decode(k) for k in self.old_data_keys.split(",") if k.strip())


def _is_placeholder(value: str) -> bool:
    lowered = value.strip().lower()
    return not lowered or lowered.startswith(_PLACEHOLDERS)


def check_production(settings: Settings) -> None:
    """Refuse to run in production with a missing or placeholder secret, naming it."""
    names = ["APP_SECRET", "VERIFY_TOKEN", "PAGE_ACCESS_TOKEN", "REDIS_URL", "DATA_KEY"]
    if settings.pages_file is not None:  # each Page's token is checked with the file
        names.remove("PAGE_ACCESS_TOKEN")
    for name in names:
        if name == "REDIS_URL" and settings.redis_sentinels:
            continue  # the sentinels name the server
        if _is_placeholder(getattr(settings, name.lower())):
            raise ConfigError(
                f"{name} is missing or a placeholder; in production set it to {_HOW_TO_SET[name]}."
            )
    _check_key(settings.data_key)
    if settings.pages_file is not None:  # a duplicate id, unknown pack or missing token
        load_pages(settings.pages_file, production=True, pack_dir=settings.policy_pack_dir)


def _check_key(value: str) -> None:
    try:
        raw = base64.b64decode(value, validate=True)
    except ValueError as exc:
        raise ConfigError(f"DATA_KEY is not base64; set it to {_HOW_TO_SET['DATA_KEY']}.") from exc
    if len(raw) != 32:
        raise ConfigError(f"DATA_KEY must be 32 bytes; set it to {_HOW_TO_SET['DATA_KEY']}.")


def _dev_data_key(var_dir: Path) -> str:
    """Generate the development key once, readable only by its owner."""
    path = var_dir / "data.key"
    if not path.exists():
        var_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(base64.b64encode(secrets.token_bytes(32)).decode())
    return path.read_text().strip()


def load_settings(**overrides: object) -> Settings:
    """Read the environment once; production is checked, development gets safe defaults."""
    settings = Settings(**overrides)  # type: ignore[arg-type]
    if settings.production:
        check_production(settings)
        return settings
    filled: dict[str, object] = {
        name: value for name, value in _DEV_SECRETS.items() if not getattr(settings, name)
    }
    if not settings.data_key:
        filled["data_key"] = _dev_data_key(settings.var_dir)
    if not settings.public_url:
        filled["public_url"] = f"http://localhost:{settings.port}"
    return settings.model_copy(update=filled)
