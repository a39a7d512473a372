"""Health as a head of division meets it: the partner list's filter and sort, the partner's page, the exports and
the API. Today is 15/03/2026 (conftest)."""

import json

import pytest
from django.core.cache import cache
from django.db import connection
from django.urls import reverse

from agreements.choices import AgreementStatus
from tests.conftest import body, count_queries, write_export_snapshot
from tests.foreignaffairs.relationships.conftest import new_partner, signed, visited
from tests.pages import document, filter_form, link_by_text, result_count, submitted_query
from tests.rows import build

LIST = "/dashboard/partners/"


@pytest.fixture
def three(db):
    """Fukui active, Gyeongju dormant, Uljin without data."""
    fukui, gyeongju, uljin = new_partner("Tỉnh Fukui"), new_partner("Thành phố Gyeongju"), new_partner("Huyện Uljin")
    visited(fukui, "2026-02-14")
    signed(gyeongju, "2023", status=AgreementStatus.EXPIRED)
    return fukui, gyeongju, uljin


def rows(response) -> list[list[str]]:
    return [
        [cell.text_content().strip() for cell in row.xpath("./td")]
        for row in document(response).xpath("//table[contains(@class, 'listing')]/tbody/tr")
    ]


def test_the_list_filters_by_health_through_its_form(logged_in, three):
    page = logged_in.get(LIST)
    assert result_count(page) == 3
    dormant = logged_in.get(f"{LIST}?{submitted_query(filter_form(page), health='dormant')}")
    assert result_count(dormant) == 1
    [row] = rows(dormant)
    assert row[0] == "Thành phố Gyeongju"
    assert "Ngưng trệ" in row
    assert (
        "không có liên hệ trong 26 tháng (lần gần nhất: ký thỏa thuận, 2023); chưa có đoàn nào; "
        in row[row.index("Ngưng trệ") + 1]
    )
    unknown = logged_in.get(f"{LIST}?{submitted_query(filter_form(page), health='insufficient_data')}")
    assert [row[0] for row in rows(unknown)] == ["Huyện Uljin"]


def test_the_list_sorts_by_health_from_its_column_header(logged_in, three):
    page = logged_in.get(LIST)
    ascending = logged_in.get(link_by_text(page, "Mức độ hoạt động", base=LIST))
    assert [(row[0], row[6]) for row in rows(ascending)] == [
        ("Tỉnh Fukui", "Tích cực"),
        ("Thành phố Gyeongju", "Ngưng trệ"),
        ("Huyện Uljin", "Chưa đủ dữ liệu"),
    ]
    descending = logged_in.get(link_by_text(ascending, "Mức độ hoạt động ▲", base=LIST))
    assert [row[0] for row in rows(descending)] == ["Huyện Uljin", "Thành phố Gyeongju", "Tỉnh Fukui"]


def test_the_list_refuses_an_unknown_health(logged_in, three):
    response = logged_in.get(f"{LIST}?health=sleepy")
    assert "“sleepy” không phải là mức độ hoạt động hợp lệ." in response.text


def test_the_lists_exports_carry_health_and_reasons(logged_in, three):
    page = logged_in.get(LIST)
    exported = json.loads(body(logged_in.get(link_by_text(page, "JSON", base=LIST))))
    by_name = {row["name"]: row for row in exported["results"]}
    assert by_name["Tỉnh Fukui"]["health"] == "active"
    assert by_name["Tỉnh Fukui"]["health_reasons"] == [
        "liên hệ gần nhất: đoàn ra, đoàn vào, 14/02/2026",
        "không có thỏa thuận nào còn hiệu lực",
    ]
    csv = body(logged_in.get(link_by_text(page, "CSV (Excel)", base=LIST))).decode()
    assert "Mức độ hoạt động,Lý do" in csv.splitlines()[0]
    assert "Chưa đủ dữ liệu,chưa có liên hệ nào được ghi ngày; chưa có đoàn nào;" in csv


def test_the_partner_page_shows_health_and_reasons_at_the_top(logged_in, three):
    _fukui, gyeongju, _uljin = three
    page = logged_in.get(LIST)
    response = logged_in.get(link_by_text(page, "Thành phố Gyeongju", base=LIST))
    section = document(response).xpath("//section[@class='health']")[0]
    assert section.xpath("./h2")[0].text_content().strip() == "Mức độ hoạt động: Ngưng trệ"
    assert [item.text_content() for item in section.xpath(".//li")] == [
        "không có liên hệ trong 26 tháng (lần gần nhất: ký thỏa thuận, 2023)",
        "chưa có đoàn nào",
        "không có thỏa thuận nào còn hiệu lực",
    ]
    # Still first the briefing's links, then the health, then the facts.
    assert response.text.index("Bản tóm tắt") < response.text.index("health-heading") < response.text.index("facts")


def test_the_api_carries_health_and_filters_by_it(logged_in, three):
    fukui, _gyeongju, _uljin = three
    listed = logged_in.get(reverse("api:partner-list"), {"health": "active"}).json()
    assert [row["name_vi"] for row in listed["results"]] == ["Tỉnh Fukui"]
    assert listed["results"][0]["health"] == {
        "status": "active",
        "label": "Tích cực",
        "reasons": ["liên hệ gần nhất: đoàn ra, đoàn vào, 14/02/2026", "không có thỏa thuận nào còn hiệu lực"],
        "last_contact": "2026-02-14",
    }
    one = logged_in.get(reverse("api:partner-detail", args=[fukui.pk])).json()
    assert one["health"]["status"] == "active"
    sorted_ = logged_in.get(reverse("api:partner-list"), {"sort": "-health"}).json()
    assert [row["health"]["status"] for row in sorted_["results"]] == ["insufficient_data", "dormant", "active"]


def test_the_full_export_carries_health(logged_in, three):
    write_export_snapshot()
    exported = json.loads(body(logged_in.get(reverse("api:export"))))
    by_name = {row["name_vi"]: row for row in exported["partners"]}
    assert by_name["Thành phố Gyeongju"]["health"] == {
        "status": "dormant",
        "label": "Ngưng trệ",
        "reasons": [
            "không có liên hệ trong 26 tháng (lần gần nhất: ký thỏa thuận, 2023)",
            "chưa có đoàn nào",
            "không có thỏa thuận nào còn hiệu lực",
        ],
        "last_contact": "2023",
    }
    assert by_name["Huyện Uljin"]["health"]["status"] == "insufficient_data"
    assert "health_signed_on" not in by_name["Huyện Uljin"]


# tests.rows.build's partners signed their agreements between 2000 and 2024: most are dormant.
@pytest.mark.parametrize("query", ["", "?sort=health", "?health=dormant", "?sort=-health&health=dormant"])
def test_the_list_makes_the_same_queries_for_5_and_50_partners(logged_in, query):
    build(5)
    few = count_queries(logged_in, f"{LIST}{query}")
    build(45)
    cache.clear()  # the map's figures, cached by the first view (a save in a test never commits to drop them)
    many = count_queries(logged_in, f"{LIST}{query}")
    # As before health (tests.foreignaffairs.lists.test_listing): 1 the session, 2 the user, 3 its permissions, 4 the
    # COUNT, 5 the page of partners with their health's figures (and, sorted or filtered by health, the judgement)
    # as subqueries of that one query, 6 their fields, 7 the field options, 8 the world map's figures. Whatever the
    # number of partners. On PostgreSQL, sorted or filtered by health, 3 more: the savepoint, SET LOCAL jit = off and
    # its release (foreignaffairs.relationships.planner).
    expected = 11 if connection.vendor == "postgresql" and query else 8
    assert (few, many) == (expected, expected)
