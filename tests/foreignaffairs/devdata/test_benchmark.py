"""The benchmark completes at a tiny scale and writes its results. Its timings are not checked here: a timed
unit test on a shared machine only measures the machine."""

import json
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django_otp.plugins.otp_totp.models import TOTPDevice

from agreements.models import Agreement
from tests.conftest import count_queries


@pytest.fixture
def bench_run(db, tmp_path) -> tuple[dict, str]:
    """The results `bench` writes for a run at a tiny scale, and what it printed."""
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
    return json.loads(output.read_text())["runs"]["0.002"], printed.getvalue()


def test_it_completes_and_writes_every_case_and_export(bench_run):
    run, printed = bench_run

    groups = {case["group"] for case in run["cases"]}
    assert groups == {"dashboard", "admin", "api", "search"}
    assert all(case["status"] == 200 for case in run["cases"]), [c for c in run["cases"] if c["status"] != 200]
    ways = [export["way"].split(":")[0] for export in run["exports"]]
    expected = (
        ["ours", "floor", "typical", "xlsx"] if connection.vendor == "postgresql" else ["ours", "typical", "xlsx"]
    )
    assert ways == expected
    assert all(export["records"] > 0 for export in run["exports"])
    assert "records/s" in printed
    # The agreements list as a workbook: every agreement, a file of some size, beside the other exports.
    [workbook] = [export for export in run["exports"] if export["way"].startswith("xlsx")]
    assert workbook["records"] == Agreement.objects.count()
    assert workbook["bytes"] > 5000
    assert workbook["note"].startswith("target 15 s")
    assert "xlsx: agreements list ?export=xlsx" in printed


def test_it_times_the_import_of_an_agreements_workbook_and_leaves_the_data_as_it_was(bench_run):
    run, printed = bench_run
    preview, written = run["imports"]
    assert (preview["step"], written["step"]) == ("preview", "import")
    # 10,000 rows at scale 1; a floor of 20 at a tiny scale.
    assert preview["rows"] == written["rows"] == 20
    assert written["queries"] > 0 and preview["queries"] > 0
    assert written["note"].startswith("target 60 s, 300 MB")
    assert "import: preview" in printed and "import: import" in printed
    # Written in a transaction rolled back: the generated data stays as the other cases measured it.
    assert not Agreement.objects.filter(reference_number__contains="/TTHT-").exists()


def test_it_counts_the_queries_of_each_case_as_its_first_request_makes_them(bench_run, client):
    run, _printed = bench_run
    bench = get_user_model().objects.get(username="bench")
    # Verified by the device the benchmark gave its superuser, as its own session is (tests.conftest.with_device).
    bench.otp_device = TOTPDevice.objects.get(user=bench)
    client.force_login(bench)
    cases = {case["label"]: case for case in run["cases"]}

    # The countries' API list: the session, the user, the device that verified the session (a superuser gives a
    # second factor), the paginator's COUNT and the page of countries.
    assert cases["countries"]["queries"] == 5
    # Every case as the shared helper counts a request with nothing cached, as the benchmark's counted one is
    # (the overview's figures are computed on that request, and cached for the timed ones).
    pages = {label: case for label, case in cases.items() if case["url"]}
    counted = {}
    for label, case in pages.items():
        cache.clear()
        counted[label] = count_queries(client, case["url"])
    assert counted == {label: case["queries"] for label, case in pages.items()}
    # The one case that is no page, a partner saved under a new name: its row and its history, its own related
    # search text, and one UPDATE per path that can reach a partner (foreignaffairs.search.related_text).
    [rename] = [case for case in cases.values() if case["label"].startswith("rename")]
    # The world map, drawn first with nothing cached: its figures in one query (foreignaffairs.dashboard.world_map).
    assert [cases[label]["queries"] for label in ("map (figures cached)", "map, figures not cached")] == [1, 1]
    assert rename["label"].startswith("rename a partner linked to") and rename["queries"] == 10
