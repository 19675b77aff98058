"""Property-based calls from the OpenAPI document itself (schemathesis): whatever it sends — valid requests and
invalid ones — the API answers without a server error and with a response that matches its own schema (status
code, content type, body).

Bounded: a few examples per operation and mode, no shrinking; about a minute on two cores.
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from tests.api.conftest import settings_for

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
EXAMPLES = int(os.environ.get("LEGATION_FUZZ_EXAMPLES", "10"))  # raise it for a deeper run


@pytest.mark.slow
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_api_never_fails_or_breaks_its_schema(tmp_path, seeded_store, mode):
    from legation.api import create_app

    app = create_app(settings_for(tmp_path / "api.db"), seeded_store)
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    headers = {"Authorization": f"Bearer {seeded_store.tokens['admin']}"}
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 15
    for operation in operations:
        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(max_examples=EXAMPLES, deadline=None, phases=[Phase.explicit, Phase.generate],
                  suppress_health_check=list(HealthCheck), database=None)
        def check(case):
            case.call_and_validate(headers=headers, checks=CHECKS)

        try:
            check()
        except Unsatisfiable:  # nothing to make invalid (an operation without parameters or body)
            assert mode == GenerationMode.NEGATIVE
