"""The client's address: the direct peer, or, when that peer is a trusted reverse proxy
(`TRUSTED_PROXIES`), the address the proxies recorded in `X-Forwarded-For`. Anyone can send
that header, so it is believed only from a proxy we named, and read from the right: the last
address a trusted proxy did not add is the one that connected to our proxies."""

from __future__ import annotations

from aiohttp import web


def client_address(request: web.Request, trusted: frozenset[str]) -> str:
    peer = request.remote or "-"
    if peer not in trusted:
        return peer
    hops = [h.strip() for h in ",".join(request.headers.getall("X-Forwarded-For", [])).split(",")]
    for hop in reversed([h for h in hops if h and h.isascii()]):
        if hop not in trusted:
            return hop
    return peer
