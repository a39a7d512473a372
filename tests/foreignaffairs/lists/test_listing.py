"""The four list pages: filters in the URL, sorting, pagination, exports, bad input, and a fixed query count."""

import csv
import io
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partners.choices import PartnerKind
from partners.models import Country, Partner
from tests.rows import build

LISTS = ["/dashboard/partners/", "/dashboard/agreements/", "/dashboard/reviews/", "/dashboard/delegations/"]


def body(response) -> str:
    return (b"".join(response.streaming_content) if response.streaming else response.content).decode("utf-8")


def query_count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        body(response)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.parametrize("url", LISTS)
def test_it_runs_the_same_queries_for_few_and_many_rows(logged_in, url):
    build(2)
    few = query_count(logged_in, url)
    build(12)
    assert query_count(logged_in, url) == few


@pytest.mark.parametrize("url", LISTS)
def test_it_exports_in_a_fixed_number_of_queries(logged_in, url):
    build(2)
    few = query_count(logged_in, url + "?export=csv"), query_count(logged_in, url + "?export=json")
    build(12)
    assert (query_count(logged_in, url + "?export=csv"), query_count(logged_in, url + "?export=json")) == few


def test_it_shows_exactly_the_korean_agreements_under_review(logged_in, demo):
    page = body(logged_in.get("/dashboard/agreements/?country=KR&status=under_review"))
    assert "4 kết quả" in page
    for name in ("Gyeongju", "Dongnae", "Namyangju", "Uljin"):
        assert name in page
    assert "Chungcheongnam" not in page.split("<tbody>")[1]


def test_it_exports_csv_with_a_byte_order_mark_and_the_same_filters(logged_in, demo):
    response = logged_in.get("/dashboard/agreements/?country=KR&status=under_review&export=csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.streaming
    raw = b"".join(response.streaming_content)
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][0] == "Tên thỏa thuận"
    assert len(rows) == 5
    assert all(row[3] == "Đang rà soát" for row in rows[1:])


def test_it_exports_json_with_the_same_filters(logged_in, demo):
    document = json.loads(body(logged_in.get("/dashboard/partners/?country=JP&export=json")))
    assert document["count"] == 2
    assert {row["name"] for row in document["results"]} == {"Tỉnh Fukui", "Công ty cổ phần UPCUL"}
    assert {row["kind"] for row in document["results"]} == {"prefecture", "company"}


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("signed_after=31/02/2025", "Ngày “31/02/2025” không hợp lệ"),
        ("expires_within=-5", "Số ngày không được âm"),
        ("status=unknown", "“unknown” không phải là trạng thái thỏa thuận hợp lệ."),
    ],
)
def test_it_shows_bad_filters_as_form_errors(logged_in, demo, query, message):
    response = logged_in.get(f"/dashboard/agreements/?{query}")
    assert response.status_code == 200
    page = body(response)
    assert message in page
    assert 'aria-invalid="true"' in page


def test_it_refuses_to_export_with_bad_filters(logged_in, demo):
    response = logged_in.get("/dashboard/agreements/?due_within=x&expires_within=-1&export=csv")
    assert response.status_code == 400
    assert "expires_within" in json.loads(response.content)["errors"]


def test_it_accepts_iso_and_local_dates_alike(logged_in, demo):
    local = body(logged_in.get("/dashboard/agreements/?signed_after=01/08/2025"))
    iso = body(logged_in.get("/dashboard/agreements/?signed_after=2025-08-01"))
    assert "1 kết quả" in local and "1 kết quả" in iso


def test_it_sorts_by_a_column_and_links_the_reverse_order(logged_in, demo):
    page = body(logged_in.get("/dashboard/partners/?sort=name"))
    assert 'aria-sort="ascending"' in page
    assert "sort=-name" in page
    shown = [int(pk) for pk in re.findall(r'<td><a href="/dashboard/partners/(\d+)/">', page)]
    assert shown == list(Partner.objects.order_by("name_vi", "pk").values_list("pk", flat=True))


def test_it_paginates_and_keeps_the_filters(logged_in):
    build(55)
    page = body(logged_in.get("/dashboard/agreements/?country=KR"))
    assert "55 kết quả" in page
    assert "Trang 1/2" in page
    assert "country=KR&amp;page=2" in page
    second = body(logged_in.get("/dashboard/agreements/?country=KR&page=2"))
    assert second.count('href="/dashboard/agreements/') >= 5


def test_it_escapes_text_from_the_database(logged_in):
    Partner.objects.create(
        kind=PartnerKind.COMPANY, name_vi="<script>alert(1)</script>", country=Country.objects.get(code="KR")
    )
    page = body(logged_in.get("/dashboard/partners/"))
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_it_writes_dates_in_its_json_as_the_full_export_does(logged_in):
    build(2)
    listed = json.loads(body(logged_in.get("/dashboard/agreements/?export=json")))["results"]
    exported = {row["id"]: row for row in json.loads(body(logged_in.get("/api/v1/export/")))["agreements"]}
    written = {(row[key], exported[row["id"]][key]) for row in listed for key in ("signed_on", "expires_on")}
    assert all(in_list == in_export for in_list, in_export in written)
    # Among them dates known only to the month (signed) and dates known to the day (expiry).
    assert {len(value) for value, _ in written if value} >= {7, 10}
