"""The four list pages: filters in the URL, sorting, pagination, exports, bad input, and an exact query count."""

import csv
import io
import json

import pytest
from django.core.cache import cache

from agreements.choices import AgreementKind
from agreements.models import Agreement, AgreementPartner
from partners.choices import PartnerKind
from partners.models import Country, Partner
from tests.conftest import body, count_queries, write_export_snapshot
from tests.pages import document, filter_errors, link_by_text, result_count
from tests.rows import build

# Each page's queries, whatever the number of rows. The first three are the same on every page: 1 the session,
# 2 the user, 3 the user's permissions (one query, foreignaffairs.accounts.backends). Then 4 the paginator's
# COUNT, 5 the page of rows with what is selected alongside, one query per prefetched relation, and last the
# options of the filter form's field-of-cooperation select.
LIST_QUERIES = {
    # 5 partners with country and parent, 6 their fields, 7 the field options, 8 the world map's figures under the
    # list (foreignaffairs.dashboard.world_map.figures; cached after the first view)
    "/dashboard/partners/": 8,
    # 5 agreements with responsible unit and predecessor, 6 their partners, 7 those partners' countries,
    # 8 their Huế units, 9 their fields, 10 the field options
    "/dashboard/agreements/": 10,
    # 5 reviews with agreement and reviewer, 6 the field options
    "/dashboard/reviews/": 6,
    # 5 delegations with head and host unit, 6 their countries, 7 their partners, 8 their fields, 9 the field options
    "/dashboard/delegations/": 9,
}
# An export reads the page's rows, all of them, with no filter form to draw: the CSV has no COUNT (so two fewer
# queries than the page), the JSON counts its rows for "count" (one fewer). .iterator(chunk_size=500) runs each
# prefetch once per 500 rows: once here.
# The partner list's map is drawn on the page only.
PAGE_ONLY = {"/dashboard/partners/": 1}
EXPORT_QUERIES = {
    url: {"csv": queries - 2 - PAGE_ONLY.get(url, 0), "json": queries - 1 - PAGE_ONLY.get(url, 0)}
    for url, queries in LIST_QUERIES.items()
}


def shown_ids(response, url: str) -> set[int]:
    """The records the table shows, by the link in each row's first cell."""
    links = document(response).xpath("//table[contains(@class, 'listing')]/tbody/tr/td[1]/a/@href")
    return {int(link.removeprefix(url).strip("/")) for link in links}


@pytest.mark.parametrize("url", LIST_QUERIES)
def test_it_runs_the_same_queries_for_few_and_many_rows(logged_in, url):
    build(2)
    few = count_queries(logged_in, url)
    build(12)
    cache.clear()  # the map's figures, cached by the first view (a save in a test never commits to drop them)
    assert (few, count_queries(logged_in, url)) == (LIST_QUERIES[url], LIST_QUERIES[url])


@pytest.mark.parametrize("url", LIST_QUERIES)
@pytest.mark.parametrize("export", ["csv", "json"])
def test_it_exports_in_a_fixed_number_of_queries(logged_in, url, export):
    build(2)
    few = count_queries(logged_in, f"{url}?export={export}")
    build(12)
    many = count_queries(logged_in, f"{url}?export={export}")
    assert (few, many) == (EXPORT_QUERIES[url][export], EXPORT_QUERIES[url][export])


def test_it_shows_exactly_the_korean_agreements_under_review(logged_in, demo):
    url = "/dashboard/agreements/"
    page = logged_in.get(f"{url}?country=KR&status=under_review")
    assert result_count(page) == 4
    shown = {Agreement.objects.get(pk=pk).partners.get().name_en for pk in shown_ids(page, url)}
    assert shown == {"Gyeongju", "Dongnae District", "Namyangju", "Uljin County"}


def test_it_exports_csv_with_a_byte_order_mark_and_the_same_filters(logged_in, demo):
    response = logged_in.get("/dashboard/agreements/?country=KR&status=under_review&export=csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.streaming
    raw = body(response)
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
        (
            "signed_after=31/02/2025",
            "Ngày “31/02/2025” không hợp lệ. Nhập ngày (dd/mm/yyyy), tháng (mm/yyyy) hoặc năm (yyyy), "
            "ví dụ 14/02/2026, 08/2025 hoặc 2025.",
        ),
        ("expires_within=-5", "Số ngày không được âm (đã nhập -5)."),
        ("expires_within=36501", "Số ngày quá lớn (tối đa 36500)."),
        ("status=unknown", "“unknown” không phải là trạng thái thỏa thuận hợp lệ."),
    ],
)
def test_it_shows_bad_filters_as_form_errors(logged_in, demo, query, message):
    response = logged_in.get(f"/dashboard/agreements/?{query}")
    assert filter_errors(response) == [message]
    assert 'aria-invalid="true"' in response.text


def test_it_refuses_to_export_with_bad_filters(logged_in, demo):
    response = logged_in.get("/dashboard/agreements/?due_within=x&expires_within=-1&export=csv")
    assert response.status_code == 400
    assert "expires_within" in json.loads(response.content)["errors"]


def test_it_accepts_iso_and_local_dates_alike(logged_in, demo):
    local = logged_in.get("/dashboard/agreements/?signed_after=01/08/2025")
    iso = logged_in.get("/dashboard/agreements/?signed_after=2025-08-01")
    assert result_count(local) == result_count(iso) == 1
    assert shown_ids(local, "/dashboard/agreements/") == shown_ids(iso, "/dashboard/agreements/")


def test_it_sorts_by_a_column_and_links_the_reverse_order(logged_in, demo):
    page = logged_in.get("/dashboard/partners/?sort=name")
    [sorted_by] = document(page).xpath("//th[@aria-sort]")
    assert sorted_by.get("aria-sort") == "ascending"
    assert sorted_by.xpath("a/@href") == ["?sort=-name"]
    shown = [int(href.split("/")[-2]) for href in document(page).xpath("//table/tbody/tr/td[1]/a/@href")]
    assert shown == list(Partner.objects.order_by("name_vi", "pk").values_list("pk", flat=True))


def test_it_pages_through_every_row_once_keeping_the_filters(logged_in):
    korean = {agreement.pk for agreement in build(55)["agreements"]}
    fukui = Partner.objects.create(
        kind=PartnerKind.PREFECTURE, name_vi="Tỉnh Fukui", country_id=Country.objects.get(code="JP").pk
    )
    AgreementPartner.objects.create(
        agreement=Agreement.objects.create(title_vi="Thỏa thuận Nhật", kind=AgreementKind.COOPERATION), partner=fukui
    )
    url = "/dashboard/agreements/"
    first = logged_in.get(f"{url}?country=KR")
    second = logged_in.get(link_by_text(first, "Trang sau →", base=f"{url}?country=KR"))

    assert result_count(first) == result_count(second) == 55
    assert (len(shown_ids(first, url)), len(shown_ids(second, url))) == (50, 5)
    assert shown_ids(first, url) | shown_ids(second, url) == korean


def test_it_escapes_text_from_the_database(logged_in):
    Partner.objects.create(
        kind=PartnerKind.COMPANY, name_vi="<script>alert(1)</script>", country=Country.objects.get(code="KR")
    )
    page = logged_in.get("/dashboard/partners/").text
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_it_writes_dates_in_its_json_as_the_full_export_does(logged_in):
    build(2)
    listed = json.loads(body(logged_in.get("/dashboard/agreements/?export=json")))["results"]
    write_export_snapshot()
    exported = {row["id"]: row for row in json.loads(body(logged_in.get("/api/v1/export/")))["agreements"]}
    written = {(row[key], exported[row["id"]][key]) for row in listed for key in ("signed_on", "expires_on")}
    assert all(in_list == in_export for in_list, in_export in written)
    # Among them dates known only to the month (signed) and dates known to the day (expiry).
    assert {len(value) for value, _ in written if value} >= {7, 10}
