"""Schemathesis over the FastAPI OpenAPI schema, in-process through ASGI: no request is a server error.

Every operation gets generated path, query and body values (within and
beyond the schema); the write endpoint is called with the configured token,
so its bodies reach the ingest pipeline. Examples per operation are few to
keep CI time modest; raise ``NEWSTRACE_SCHEMA_EXAMPLES`` for a longer run.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from newstrace.records import ExtractedDocument
from newstrace.store import Store

TOKEN = "schema-fuzz-token"
EXAMPLES = int(os.environ.get("NEWSTRACE_SCHEMA_EXAMPLES", "6"))


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory: pytest.TempPathFactory,
               store_of: Callable[[Path, list[ExtractedDocument]], Store]) -> Any:
    from tests.conftest import build_extracted

    from newstrace.serve.app import create_app

    db = tmp_path_factory.mktemp("schema") / "api.db"
    docs = [build_extracted(f"Officials said Putin offered talks on day {n}.\nNothing more.",
                            name=f"d{n}.txt", signals=[("Putin offered talks", "Vladimir Putin",
                                                        "intent_to_negotiate", None)])
            for n in range(2)]
    store_of(db, docs).close()
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(db, token=TOKEN))


def test_no_request_is_a_server_error(api_schema: Any) -> None:
    """Each operation's strategy driven by hypothesis directly (schemathesis' pytest plugin
    does not load under this pytest), so a failure names the operation and the case."""
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 10
    seen: list[str] = []
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, database=None,
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
        def call(case: Any) -> None:
            # generous timeout: the first posted article loads the parser
            response = case.call(headers={"Authorization": f"Bearer {TOKEN}"}, timeout=180)
            assert response.status_code < 500, (case.method, case.path, case.path_parameters,
                                                case.query, response.text[:500])

        call()
        seen.append(f"{operation.method.upper()} {operation.path}")
    assert "POST /api/documents" in seen
