"""Schemathesis over the whole OpenAPI schema, as a viewer with an API key: no 5xx, no answer off the schema.

Kept small (a few examples per operation, no shrinking) because CI runs the suite twice.
"""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings

from foreignaffairs.devdata.demo import load_demo
from tests.conftest import write_export_snapshot

# Reading the schema touches no database table, so it can be loaded while pytest collects.
schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", get_wsgi_application())


@pytest.fixture
def viewer_key(db, viewer, make_key, settings):
    settings.ALLOWED_HOSTS = ["localhost", "testserver"]
    load_demo()
    write_export_snapshot()  # the full export sends the snapshot the timer writes (503 before the first)
    # Schemathesis calls the WSGI app directly, so the start and end of each request would close the connection
    # that holds the test's transaction (Django's own test client avoids this the same way).
    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    yield make_key(viewer)
    for signal in (signals.request_started, signals.request_finished):
        signal.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=5,
    phases=[Phase.explicit, Phase.generate],
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_it_keeps_every_answer_on_the_schema(case, viewer_key):
    # Every check schemathesis has, those on requests included: a schema-valid request (an id no record has, a
    # page past the last, an empty parameter) gets an answer the schema documents for it, never a 400, and a
    # schema-violating one (a kind outside the list, a malformed date) is refused; the status code, headers and
    # body of every answer are the documented ones (foreignaffairs.api.schema states the rule). The WSGI transport
    # does not unzip, so ask for the export uncompressed (test_export covers gzip).
    case.call_and_validate(headers={"Authorization": f"Bearer {viewer_key}", "Accept-Encoding": "identity"})
