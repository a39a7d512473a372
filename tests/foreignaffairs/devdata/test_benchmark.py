"""The benchmark completes at a tiny scale and writes its results. Its timings are not checked here: a timed
unit test on a shared machine only measures the machine."""

import json
from io import StringIO

from django.core.management import call_command
from django.db import connection


def test_it_completes_and_writes_every_case_and_export(db, tmp_path):
    output = tmp_path / "results.json"
    printed = StringIO()
    call_command(
        "bench",
        "--scale",
        "0.002",
        "--requests",
        "1",
        "--serializer-cap",
        "50",
        "--output",
        str(output),
        stdout=printed,
    )

    run = json.loads(output.read_text())["runs"]["0.002"]
    groups = {case["group"] for case in run["cases"]}
    assert groups == {"dashboard", "admin", "api", "search"}
    assert all(case["status"] == 200 for case in run["cases"]), [c for c in run["cases"] if c["status"] != 200]
    # Every page reads at least the session and the user; a zero would mean the count was not captured.
    assert all(case["queries"] >= 2 for case in run["cases"]), [c for c in run["cases"] if c["queries"] < 2]
    ways = [export["way"].split(":")[0] for export in run["exports"]]
    assert ways == (["ours", "floor", "typical"] if connection.vendor == "postgresql" else ["ours", "typical"])
    assert all(export["records"] > 0 for export in run["exports"])
    assert "records/s" in printed.getvalue()
