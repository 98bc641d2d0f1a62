"""The admin API's OpenAPI 3.1 document: it lists every admin route the app serves, it is
built from the routes' own models, and schemathesis finds no 500 on any generated input."""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from aiohttp import web
from aiohttp.test_utils import TestClient
from hypothesis import HealthCheck, given, settings
from pydantic import BaseModel
from schemathesis.checks import not_a_server_error
from schemathesis.core.result import Ok
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from bot.rights.dsar import DsarRecord
from bot.rights.user_view import UserView
from bot.settings import Settings
from tests.helpers import Person
from webhook.app import create_app
from webhook.keys import SERVICES
from webhook.openapi import ROUTES
from webhook.openapi_models import (
    AuditPage,
    DsarClosed,
    DsarList,
    DsarView,
    Erased,
    ExportDocument,
)

Client = TestClient[Any, Any]
SPEC = "/admin/api/openapi.json"
DESIGN_ROUTES = {
    ("get", "/admin/api/users"),
    ("get", "/admin/api/users/{psid}"),
    ("get", "/admin/api/users/{psid}/export"),
    ("delete", "/admin/api/users/{psid}"),
    ("get", "/admin/api/dsar"),
    ("post", "/admin/api/dsar/{id}/close"),
    ("post", "/admin/api/broadcasts"),
    ("get", "/admin/api/broadcasts/{id}"),
    ("post", "/admin/api/broadcasts/{id}/cancel"),
    ("get", "/admin/api/audit"),
    ("get", "/admin/api/openapi.json"),
}
POSITIVE_EXAMPLES = 20
NEGATIVE_EXAMPLES = 10
CLI_CHECKS = (
    "not_a_server_error,status_code_conformance,content_type_conformance,"
    "response_schema_conformance"
)


@pytest.fixture
async def client(settings: Settings, aiohttp_client: Any) -> Client:
    made: Client = await aiohttp_client(create_app(settings))
    return made


def served_admin_routes(app: web.Application) -> set[tuple[str, str]]:
    return {
        (route.method.lower(), route.resource.canonical)
        for route in app.router.routes()
        if route.resource is not None
        and route.resource.canonical.startswith("/admin/api/")
        and route.method != "HEAD"
    }


def refs(node: Any) -> set[str]:
    if isinstance(node, dict):
        found = {node["$ref"]} if isinstance(node.get("$ref"), str) else set()
        return found.union(*(refs(v) for v in node.values()))
    if isinstance(node, list):
        return set().union(*(refs(v) for v in node))
    return set()


async def test_the_document_is_public_openapi_3_1_and_covers_every_admin_route(
    client: Client,
) -> None:
    response = await client.get(SPEC)
    assert response.status == 200
    spec = await response.json()
    assert spec["openapi"] == "3.1.0"
    documented = {(m, p) for p, ops in spec["paths"].items() for m in ops}
    assert served_admin_routes(client.app) <= documented, "an admin route is undocumented"
    assert documented <= served_admin_routes(client.app), "a documented route is not served"
    schemas = spec["components"]["schemas"]
    assert all(ref.removeprefix("#/components/schemas/") in schemas for ref in refs(spec))
    assert spec["components"]["securitySchemes"]["bearer"] == {"type": "http", "scheme": "bearer"}
    assert spec["security"] == [{"bearer": []}]
    assert spec["paths"][SPEC]["get"]["security"] == []


async def test_design_lists_no_route_the_document_leaves_out(client: Client) -> None:
    spec = await (await client.get(SPEC)).json()
    documented = {(m, p) for p, ops in spec["paths"].items() for m in ops}
    assert DESIGN_ROUTES - documented == set()


async def test_response_schemas_are_the_routes_own_models(client: Client) -> None:
    spec = await (await client.get(SPEC)).json()
    schemas = spec["components"]["schemas"]
    own = UserView.model_json_schema(ref_template="#/components/schemas/{model}")
    own.pop("$defs", None)
    assert schemas["UserView"] == own
    person = spec["paths"]["/admin/api/users/{psid}"]["get"]
    ok = person["responses"]["200"]["content"]["application/json"]["schema"]
    assert ok == {"$ref": "#/components/schemas/UserView"}
    assert person["x-roles"] == ["admin"]
    assert {"401", "403", "404"} <= set(person["responses"])
    assert {r.path for r in ROUTES} == set(spec["paths"])


def test_the_request_list_model_keeps_pace_with_the_stored_record() -> None:
    sealed = {"psid_sealed", "text_sealed"}
    expected = set(DsarRecord.model_fields) - sealed | {"overdue", "text", "psid"}
    assert set(DsarView.model_fields) == expected
    assert not sealed & set(DsarClosed.model_json_schema()["properties"])


@pytest.fixture
async def live(settings: Settings) -> AsyncIterator[tuple[str, web.Application]]:
    """The app on a real loopback port: schemathesis speaks plain HTTP from another thread."""
    app = create_app(settings)
    runner = web.AppRunner(app, access_log=None, shutdown_timeout=1)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    host, port = runner.addresses[0][:2]
    yield f"http://{host}:{port}", app
    await runner.cleanup()


def fuzz(base: str, token: str) -> dict[str, int]:
    """Every operation, positive then negative inputs; returns cases run per operation."""
    schema = schemathesis.openapi.from_url(base + SPEC)
    headers = {"Authorization": f"Bearer {token}"}
    conforms = [
        not_a_server_error,
        status_code_conformance,
        content_type_conformance,
        response_schema_conformance,
    ]
    counts: dict[str, int] = {}
    for result in schema.get_all_operations():
        assert isinstance(result, Ok), result
        operation = result.ok()
        for mode, examples, checks in (
            (schemathesis.GenerationMode.POSITIVE, POSITIVE_EXAMPLES, conforms),
            (schemathesis.GenerationMode.NEGATIVE, NEGATIVE_EXAMPLES, [not_a_server_error]),
        ):

            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(
                max_examples=examples,
                deadline=None,
                database=None,
                derandomize=True,
                suppress_health_check=list(HealthCheck),
            )
            def run(case: Any) -> None:
                response = case.call(base_url=base, headers=headers, timeout=10)
                case.validate_response(response, checks=checks)  # noqa: B023 - run at once
                counts[operation.label] = counts.get(operation.label, 0) + 1  # noqa: B023

            run()
    return counts


@pytest.mark.slow
async def test_schemathesis_finds_no_server_error_on_any_operation(
    live: tuple[str, web.Application],
) -> None:
    base, app = live
    services = app[SERVICES]
    token = await services.admins.add("Fuzzer", "admin")
    started = time.monotonic()
    counts = await asyncio.to_thread(fuzz, base, token)
    elapsed = time.monotonic() - started
    # Loaded from a URL, schemathesis leaves out the operation that serves the schema itself.
    documented = {f"{r.method.upper()} {r.path}" for r in ROUTES if r.path != SPEC}
    assert set(counts) == documented
    assert all(n > 0 for n in counts.values())
    assert elapsed < 60, f"schemathesis took {elapsed:.0f} s"


@pytest.mark.slow
async def test_the_schemathesis_cli_coverage_phase_finds_no_server_error(
    live: tuple[str, web.Application], tmp_path: Path
) -> None:
    """What CI runs: the CLI's deterministic boundary and edge values on every operation."""
    base, app = live
    token = await app[SERVICES].admins.add("Coverage", "admin")
    cli = Path(sys.executable).with_name("schemathesis")
    process = await asyncio.create_subprocess_exec(
        str(cli),
        "run",
        base + SPEC,
        "-H",
        f"Authorization: Bearer {token}",
        "--phases",
        "coverage",
        "--checks",
        CLI_CHECKS,
        "--workers",
        "1",
        "--seed",
        "1",
        "--generation-database",
        "none",
        "--no-color",
        cwd=tmp_path,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await asyncio.wait_for(process.communicate(), timeout=60)
    report = output.decode(errors="replace")
    failures = report[report.find("FAILURES") :][:4000]
    assert process.returncode == 0, failures or report[-2000:]


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("get", "/admin/api/audit?limit=0", None),
        ("get", "/admin/api/audit?before=1-2-3", None),
        ("get", "/admin/api/audit?before=99999999999999999999-0", None),
        ("post", "/admin/api/broadcasts", {"text": "x", "at": "9999-12-31T23:59:59-01:00"}),
    ],
)
async def test_edge_inputs_found_by_fuzzing_are_refused_not_failed(
    client: Client, method: str, path: str, body: Any
) -> None:
    token = await client.app[SERVICES].admins.add("Petra", "admin")
    headers = {"Authorization": f"Bearer {token}"}
    response = await client.request(method, path, json=body, headers=headers)
    assert 200 <= response.status < 500, f"{response.status} {await response.text()}"


async def test_a_real_persons_answers_conform(client: Client) -> None:
    """Generated psids mostly miss; this checks the 200 shapes on a stored person."""
    token = await client.app[SERVICES].admins.add("Petra", "admin")
    headers = {"Authorization": f"Bearer {token}"}
    await Person(client, "p-openapi-1").say("zivjo")
    base = "/admin/api/users/p-openapi-1"
    answers: dict[type[BaseModel], Any] = {
        UserView: await client.get(base, headers=headers),
        ExportDocument: await client.get(base + "/export", headers=headers),
        Erased: await client.delete(base, headers=headers),
        DsarList: await client.get("/admin/api/dsar?status=done", headers=headers),
        AuditPage: await client.get("/admin/api/audit", headers=headers),
    }
    for model, response in answers.items():
        assert response.status == 200, model.__name__
        model.model_validate(await response.json())
    requests = await answers[DsarList].json()
    assert any(r["type"] == "erase" for r in requests["requests"])
