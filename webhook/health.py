"""Liveness, readiness and Prometheus metrics."""

from __future__ import annotations

from aiohttp import web

from bot.metrics import metrics_response
from bot.pipeline.runtime import readiness
from webhook.keys import SERVICES

routes = web.RouteTableDef()


@routes.get("/healthz")
async def healthz(_: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})


@routes.get("/readyz")
async def readyz(request: web.Request) -> web.Response:
    checks = await readiness(request.app[SERVICES])
    ready = all(checks.values())
    return web.json_response({"ready": ready, **checks}, status=200 if ready else 503)


@routes.get("/metrics")
async def metrics(request: web.Request) -> web.Response:
    services = request.app[SERVICES]
    return metrics_response(request, services.metrics, services.settings.metrics_token)
