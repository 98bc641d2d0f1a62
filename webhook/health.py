"""Liveness, readiness and Prometheus metrics."""

from __future__ import annotations

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST
from redis.exceptions import RedisError

from bot.constants import CONSUMER_GROUP
from webhook.keys import SERVICES

routes = web.RouteTableDef()


@routes.get("/healthz")
async def healthz(_: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})


@routes.get("/readyz")
async def readyz(request: web.Request) -> web.Response:
    services = request.app[SERVICES]
    checks = {"redis": False, "consumer_group": False}
    try:
        checks["redis"] = bool(await services.redis.ping())
        groups = await services.redis.xinfo_groups(services.keys.events)
        checks["consumer_group"] = any(g["name"] == CONSUMER_GROUP for g in groups)
    except RedisError:
        pass  # reported as not ready below
    ready = all(checks.values())
    return web.json_response({"ready": ready, **checks}, status=200 if ready else 503)


@routes.get("/metrics")
async def metrics(request: web.Request) -> web.Response:
    body = request.app[SERVICES].metrics.render()
    return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE_LATEST})
