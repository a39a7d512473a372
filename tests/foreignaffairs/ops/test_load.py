"""`make load` completes at a tiny scale through the production server, and counts what is not a 2xx answer as an
error. Its figures are not checked here: a timed test on a shared machine only measures the machine."""

import http.server
import json
import shutil
import threading
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from foreignaffairs.ops import load
from tests.conftest import restore_reference_data

# Neither the load's own Redis database (13), which a `make load` may be using meanwhile, nor the drills' (12).
REDIS_URL = "redis://127.0.0.1:6379/11"

needs_wrk = pytest.mark.skipif(shutil.which("wrk") is None, reason="wrk is not installed (apt install wrk)")


@needs_wrk
@pytest.mark.django_db(transaction=True)
def test_it_completes_through_the_production_server(settings, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("the server processes share the test's database: PostgreSQL")
    # The server checks the viewer's password with the production hashers, not the fast one the other tests use.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    restore_reference_data()
    output = tmp_path / "load.json"
    printed = StringIO()
    call_command(
        "load",
        *("--scale", "0.01", "--duration", "1", "--workers", "1", "--connections", "2", "--exports", "1"),
        *("--redis-url", REDIS_URL, "--output", str(output), "--logs", str(tmp_path)),
        stdout=printed,
    )

    report = json.loads(output.read_text())
    assert [(row["exports"], row["case"]) for row in report["rows"]] == [
        (exports, case.label) for exports in (0, 1) for case in load.cases()
    ]
    # Every case was answered 200 to the viewer's session or key, request after request.
    assert all(row["errors"] == 0 and row["requests_per_second"] > 0 for row in report["rows"]), report["rows"]
    assert set(report["single_request_p95_ms"]) == {case.label for case in load.cases()}
    assert report["exports"]["1"]["completed"] >= 1 and report["exports"]["1"]["failed"] == 0
    assert "req/s" in printed.getvalue()


class _Redirects(http.server.BaseHTTPRequestHandler):
    """Every page sends to the login page, as Django does to a session that is not logged in."""

    def do_GET(self) -> None:
        self.send_response(302)
        self.send_header("Location", "/accounts/login/")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@needs_wrk
def test_it_counts_a_redirect_as_an_error(tmp_path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Redirects)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    script = tmp_path / "report.lua"
    script.write_text(load.WRK_SCRIPT)
    try:
        result = load.wrk(f"http://127.0.0.1:{server.server_port}/dashboard/", {}, 2, 1, script)
    finally:
        server.shutdown()
    assert result.requests > 0
    assert result.not_2xx == result.requests == result.errors
