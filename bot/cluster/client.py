"""The Redis Cluster client (`REDIS_CLUSTER=1`): redis-py's asyncio cluster client, with Lua
scripts that survive a node that never loaded them.

A script runs on the primary of its keys' slot. `Scripts.load` sends every script to every
primary at start; a primary that restarted, a replica promoted by a failover, or a slot moved
to a node that never ran the script answers NOSCRIPT. A direct call then reloads and retries
(redis-py's `AsyncScript` does, and SCRIPT LOAD goes to every primary on a cluster). A cluster
pipeline does not load scripts before sending them, so `ScriptedPipeline` does it for them:
- outside a transaction, the calls answered NOSCRIPT (they did not run) are sent again once
  their script is loaded everywhere; the rest of the pipeline ran already and keeps its answer;
- inside a transaction (MULTI), NOSCRIPT comes only at EXEC, after the other commands ran, so
  a script there goes as EVAL with its text: never NOSCRIPT, and the transaction stays whole.
"""

from __future__ import annotations

from typing import Any, cast

from redis.asyncio.cluster import ClusterPipeline, RedisCluster
from redis.commands.core import AsyncScript
from redis.exceptions import NoScriptError

from bot.constants import REDIS_CONNECT_TIMEOUT_S, REDIS_POOL_SIZE, REDIS_SOCKET_TIMEOUT_S


class ClusterClient(RedisCluster):
    """A RedisCluster that knows the text behind each registered script's SHA."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.script_texts: dict[str, str] = {}

    def register_script(self, script: Any) -> AsyncScript:  # type: ignore[override]
        registered = AsyncScript(self, script)
        self.script_texts[registered.sha] = str(script)
        return registered

    def pipeline(self, transaction: Any | None = None, shard_hint: Any | None = None) -> Any:
        if shard_hint:
            return super().pipeline(transaction, shard_hint)  # raises, as redis-py does
        return ScriptedPipeline(self, transaction)  # type: ignore[abstract]


class ScriptedPipeline(ClusterPipeline):
    """A cluster pipeline whose scripts run even on a node that never loaded them."""

    def __init__(self, client: ClusterClient, transaction: Any | None = None) -> None:
        super().__init__(client, transaction)
        self.texts = client.script_texts

    def evalsha(self, sha: str, numkeys: int, *keys_and_args: Any) -> Any:
        text = self.texts.get(sha)
        if self._transaction and text is not None:
            return self.eval(text, numkeys, *keys_and_args)
        return super().evalsha(sha, numkeys, *keys_and_args)

    async def execute(self, raise_on_error: bool = True, allow_redirections: bool = True) -> Any:
        if self._transaction:
            return await super().execute(raise_on_error, allow_redirections)
        sent = [command.args for command in self._execution_strategy._command_queue]  # type: ignore[attr-defined]
        answers = list(await super().execute(False, allow_redirections))
        missing = [i for i, answer in enumerate(answers) if _no_script(answer, sent[i])]
        if missing:
            await self._load({str(sent[i][1]) for i in missing})
            for i in missing:
                answers[i] = await _again(self.cluster_client, sent[i])
        if raise_on_error:
            for answer in answers:
                if isinstance(answer, Exception):
                    raise answer
        return answers

    async def _load(self, shas: set[str]) -> None:
        for sha in shas:
            text = self.texts.get(sha)
            if text is not None:
                await self.cluster_client.script_load(text)  # every primary


def _no_script(answer: object, command: tuple[Any, ...]) -> bool:
    return isinstance(answer, NoScriptError) and str(command[0]).upper() == "EVALSHA"


async def _again(client: RedisCluster, command: tuple[Any, ...]) -> Any:
    """One command sent again on its own; an error is the answer, as in the pipeline."""
    try:
        return await client.execute_command(*command)
    except Exception as exc:  # kept in place of the answer, as redis-py does
        return exc


def cluster_client(url: str) -> ClusterClient:
    """The cluster behind `url` (any node: the client learns the rest). The same time-outs as
    one server: a hung or vanished node is an error (503 at the edge), not a long wait; the
    connection limit is per node."""
    client = ClusterClient.from_url(
        url,
        max_connections=REDIS_POOL_SIZE,
        socket_timeout=REDIS_SOCKET_TIMEOUT_S,
        socket_connect_timeout=REDIS_CONNECT_TIMEOUT_S,
        decode_responses=True,
    )
    return cast(ClusterClient, client)


def is_cluster(redis: object) -> bool:
    """Whether `redis` is a cluster client (keys of different slots cannot change together)."""
    return isinstance(redis, RedisCluster)
