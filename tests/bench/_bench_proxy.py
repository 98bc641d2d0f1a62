"""A TCP proxy before a Redis server that counts round trips and the commands clients send
(not a benchmark by itself).

A round trip is a burst the client sends on a connection after the server last spoke on it
(or the first send): a pipeline written in several chunks is one round trip, a blocking read
that returns is one. Commands are the RESP arrays the clients send (INFO commandstats would
also count every call a Lua script makes). Runs in the caller's event loop, on 127.0.0.1 only.
"""

from __future__ import annotations

import asyncio
import contextlib

HOST = "127.0.0.1"
CHUNK = 1 << 16


class CountingProxy:
    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.round_trips = 0
        self.commands = 0
        self.port = 0
        self._server: asyncio.Server | None = None
        self._tasks: set[asyncio.Task[None]] = set()

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._serve, HOST, 0)
        self.port = int(self._server.sockets[0].getsockname()[1])

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    async def _serve(self, client_r: asyncio.StreamReader, client_w: asyncio.StreamWriter) -> None:
        server_r, server_w = await asyncio.open_connection(HOST, self.target_port)
        spoke = [True]  # the server spoke last (or nobody yet): the next send opens a trip
        pending = bytearray()  # the start of a command not yet complete

        async def upstream() -> None:
            while data := await client_r.read(CHUNK):
                if spoke[0]:
                    self.round_trips += 1
                    spoke[0] = False
                pending.extend(data)
                done, used = complete_commands(pending)
                self.commands += done
                del pending[:used]
                server_w.write(data)
                await server_w.drain()

        async def downstream() -> None:
            while data := await server_r.read(CHUNK):
                spoke[0] = True
                client_w.write(data)
                await client_w.drain()

        tasks = [asyncio.create_task(upstream()), asyncio.create_task(downstream())]
        self._tasks.update(tasks)
        with contextlib.suppress(Exception, asyncio.CancelledError):
            await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
        for task in tasks:
            task.cancel()
            self._tasks.discard(task)
        for writer in (client_w, server_w):
            writer.close()


def complete_commands(buffer: bytearray) -> tuple[int, int]:
    """How many whole RESP commands (arrays of bulk strings) `buffer` starts with, and the
    bytes they take."""
    count, pos, size = 0, 0, len(buffer)
    while pos < size:
        end = buffer.find(b"\r\n", pos)
        if end < 0 or buffer[pos] != ord("*"):
            break
        items, cursor = int(buffer[pos + 1 : end]), end + 2
        for _ in range(items):
            head = buffer.find(b"\r\n", cursor)
            if head < 0:
                return count, pos
            cursor = head + 2 + int(buffer[cursor + 1 : head]) + 2
            if cursor > size:
                return count, pos
        count, pos = count + 1, cursor
    return count, pos
