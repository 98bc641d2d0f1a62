"""The HTTP edge does not know the store's layout: no module under webhook/ imports the Redis
client or the key builder, or runs a Redis command; bot/ does that for it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

WEBHOOK = Path(__file__).resolve().parents[2] / "webhook"
_FORBIDDEN_MODULES = ("redis", "bot.keys", "bot.redis_server")
# Attributes that only a Redis client, its pipeline or the key builder have. Generic names
# (get, set, delete) are left out: dicts, forms and our own stores have them too.
_REDIS_ATTRIBUTES = frozenset(
    {
        "redis",
        "pipeline",
        "execute_command",
        "register_script",
        "evalsha",
        "ping",
        "exists",
        "expire",
        "ttl",
        "incr",
        "mget",
        "hget",
        "hgetall",
        "hmget",
        "hset",
        "hexists",
        "hdel",
        "lrange",
        "rpush",
        "smembers",
        "sadd",
        "srem",
        "zadd",
        "zrem",
        "zcard",
        "zcount",
        "zscore",
        "zrange",
        "zrevrange",
        "zinter",
        "xadd",
        "xrange",
        "xrevrange",
        "xinfo_groups",
        "xgroup_create",
    }
)


def _forbidden_module(name: str) -> bool:
    return any(name == m or name.startswith(m + ".") for m in _FORBIDDEN_MODULES)


def findings(source: str, name: str) -> list[str]:
    """Each import of the Redis client or key builder, and each Redis-only attribute used."""
    found = []
    for node in ast.walk(ast.parse(source, name)):
        where = f"{name}:{getattr(node, 'lineno', 0)}"
        if isinstance(node, ast.Import):
            found += [f"{where} imports {a.name}" for a in node.names if _forbidden_module(a.name)]
        elif isinstance(node, ast.ImportFrom):
            modules = [f"{node.module}.{a.name}" for a in node.names] + [node.module or ""]
            found += [f"{where} imports {m}" for m in modules if _forbidden_module(m)][:1]
        elif isinstance(node, ast.Attribute) and node.attr in _REDIS_ATTRIBUTES:
            found.append(f"{where} uses .{node.attr}")
        elif isinstance(node, ast.Attribute) and node.attr == "keys":
            # The key builder; a dict's .keys() is caught too, and the edge needs none.
            found.append(f"{where} uses .keys")
    return found


def test_no_module_of_the_http_edge_touches_redis() -> None:
    modules = sorted(WEBHOOK.rglob("*.py"))
    assert len(modules) > 10
    found = [f for path in modules for f in findings(path.read_text(), str(path))]
    assert found == []


@pytest.mark.parametrize(
    "source",
    [
        "import redis.asyncio",
        "from redis.exceptions import RedisError",
        "from bot import keys",
        "from bot.keys import Keys",
        "async def f(s):\n    await s.redis.get('x')",
        "def f(s):\n    return s.keys.users_index",
        "async def f(r):\n    p = r.pipeline()\n    p.zcard('k')",
    ],
)
def test_the_check_sees_redis_use(source: str) -> None:
    assert findings(source, "example.py")
