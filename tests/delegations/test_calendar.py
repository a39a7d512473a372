"""The delegation calendar: one year at a time, grouped by month, inbound and outbound apart, year-only dates in
their own group, a bounded number of rows per month."""

from delegations.calendar import SHOWN_PER_MONTH
from delegations.choices import Direction
from delegations.models import Delegation
from foreignaffairs.clock import today
from tests.conftest import count_queries
from tests.pages import link_by_text, result_count
from tests.rows import build


def test_it_groups_by_month_and_direction(logged_in):
    Delegation.objects.create(direction=Direction.INBOUND, title_vi="Đoàn tháng Tám", starts_on="2025-08-14")
    Delegation.objects.create(direction=Direction.OUTBOUND, title_vi="Đoàn ra tháng Tám", starts_on="2025-08")
    Delegation.objects.create(direction=Direction.INBOUND, title_vi="Đoàn tháng Ba", starts_on="2025-03-02")
    Delegation.objects.create(direction=Direction.OUTBOUND, title_vi="Đoàn năm 2025", starts_on="2025")
    Delegation.objects.create(direction=Direction.INBOUND, title_vi="Đoàn năm 2024", starts_on="2024-05-01")
    Delegation.objects.create(direction=Direction.INBOUND, title_vi="Đoàn không ngày")
    page = logged_in.get("/dashboard/calendar/?year=2025").content.decode()
    march, august = page.index("Tháng 03/2025"), page.index("Tháng 08/2025")
    unknown_month = page.index("Năm 2025 — chưa rõ tháng")
    assert march < page.index("Đoàn tháng Ba") < august < page.index("Đoàn tháng Tám")
    assert page.index("Đoàn tháng Tám") < page.index("Đoàn ra tháng Tám") < unknown_month < page.index("Đoàn năm 2025")
    assert "Đoàn năm 2024" not in page and "Đoàn không ngày" not in page
    assert "?year=2024" in page and "?year=2026" in page


def test_it_shows_this_year_by_default(logged_in):
    Delegation.objects.create(direction=Direction.INBOUND, title_vi="Đoàn năm nay", starts_on=f"{today().year}-01-05")
    assert "Đoàn năm nay" in logged_in.get("/dashboard/calendar/").content.decode()


def test_it_says_what_is_wrong_with_a_bad_year_and_shows_this_year(logged_in):
    response = logged_in.get("/dashboard/calendar/?year=abc")
    assert response.status_code == 200
    assert "Năm phải là số có bốn chữ số, ví dụ 2025." in response.content.decode()
    assert response.context["year"] == today().year


def test_it_filters_like_the_delegation_list(logged_in):
    Delegation.objects.create(direction=Direction.INBOUND, title_vi="Đoàn vào A", starts_on="2025-08-14")
    Delegation.objects.create(direction=Direction.OUTBOUND, title_vi="Đoàn ra B", starts_on="2025-08-14")
    page = logged_in.get("/dashboard/calendar/?year=2025&direction=outbound").content.decode()
    assert "Đoàn ra B" in page and "Đoàn vào A" not in page


def test_a_busy_month_shows_its_first_rows_and_links_to_the_rest(logged_in):
    for day in range(1, SHOWN_PER_MONTH + 4):
        Delegation.objects.create(
            direction=Direction.INBOUND, title_vi=f"Đoàn số {day:02d}", starts_on=f"2025-08-{day:02d}"
        )
    response = logged_in.get("/dashboard/calendar/?year=2025")
    august = response.context["months"][0]
    assert august.inbound.total == SHOWN_PER_MONTH + 3
    assert [d.title_vi for d in august.inbound.rows] == [f"Đoàn số {day:02d}" for day in range(1, SHOWN_PER_MONTH + 1)]
    more = link_by_text(response, "và 3 đoàn nữa", base="/dashboard/calendar/")
    assert result_count(logged_in.get(more)) == SHOWN_PER_MONTH + 3


# One view of a year:
#    1  the session
#    2  the user
#    3  the user's permissions
#    4  the counts per month and direction (one GROUP BY)
#    5  the first rows of each month and direction (a window function picks them)
#    6  the fields of cooperation, for the filter form's select
QUERIES = 6


def test_it_runs_the_same_queries_for_few_and_many_rows(logged_in):
    url = f"/dashboard/calendar/?year={today().year}"
    build(2)
    few = count_queries(logged_in, url)
    build(12)
    assert (few, count_queries(logged_in, url)) == (QUERIES, QUERIES)
