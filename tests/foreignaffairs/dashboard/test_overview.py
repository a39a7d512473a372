"""The overview: counts, the needs-attention panel, server-rendered charts, at a fixed query count."""

import datetime

from django.core.cache import cache

from agreements.models import Agreement
from foreignaffairs import clock
from foreignaffairs.partial_dates import add_months
from foreignaffairs.relationships.health import DORMANT_AFTER_MONTHS
from partners.models import Country, Partner
from tests.conftest import body, count_queries
from tests.pages import document
from tests.rows import build

# One view of the overview that computes the whole-table figures:
#    1  the session
#    2  the user
#    3  the user's permissions
#  4-7  one GROUP BY per kind of record, giving its count and its charts: agreements (status, year signed),
#       delegations (year, direction), projects (kind, status, currencies, with the sums), and the world map's
#       per country (partners, which the partners' count and chart read too; agreements in force; this year's
#       delegations: foreignaffairs.dashboard.world_map.figures)
#    8  the partners that turned dormant lately, their first rows and total (foreignaffairs.relationships.health)
#    9  the three agreement panels' totals, in one aggregate
# 10-12 the first rows of each agreement panel: expiring, review overdue, review due
#   13  the first upcoming delegations, with their total (a window count)
#   14  the first late follow-ups with their delegation, and their total
#   15  the first overdue commitments of agreements with their agreement, and their total
#   16  the latest reported figures, and their total
QUERIES = 16  # the benchmark's own target for the overview (foreignaffairs.devdata.benchmark)
# The same view with the whole-table figures in the cache: 4-8 are not run.
QUERIES_CACHED = 11


def overview_queries(client) -> int:
    cache.clear()  # measure the page that computes the whole-table figures
    return count_queries(client, "/dashboard/")


def test_it_runs_the_same_queries_for_few_and_many_rows(logged_in):
    build(2)
    few = overview_queries(logged_in)
    build(15)
    assert overview_queries(logged_in) == few == QUERIES


def test_it_shows_counts_attention_and_charts(logged_in):
    build(3)
    page = body(logged_in.get("/dashboard/")).decode()
    assert "Cần chú ý" in page
    assert "Thỏa thuận hết hiệu lực trong 90 ngày tới" in page
    assert "Thỏa thuận quá hạn rà soát" in page
    assert "Việc cần theo dõi đã quá hạn" in page
    assert page.count("<svg") == 5  # four bar charts and the world map
    assert "Đối tác theo quốc gia" in page
    assert "Hàn Quốc" in page


def test_it_shows_the_demo_data(logged_in, demo):
    page = body(logged_in.get("/dashboard/")).decode()
    assert "Đang rà soát" in page
    assert "2025" in page


def test_the_whole_table_figures_are_kept_and_dropped_when_a_record_is_saved(
    logged_in, django_capture_on_commit_callbacks
):
    made = build(3)
    assert overview_queries(logged_in) == QUERIES
    assert count_queries(logged_in, "/dashboard/") == QUERIES_CACHED

    with django_capture_on_commit_callbacks(execute=True):  # dropped when the save commits
        Partner.objects.create(name_vi="Đối tác mới thêm", country=Partner.objects.first().country)
    page = body(logged_in.get("/dashboard/")).decode()
    assert f'<span class="count">{Partner.objects.count()}</span>' in page
    with django_capture_on_commit_callbacks(execute=True):
        made["agreements"][-1].delete()  # the last of its renewal chain: no later agreement protects it
    page = body(logged_in.get("/dashboard/")).decode()
    assert f'<span class="count">{Agreement.objects.count()}</span>' in page


def test_it_lists_the_partners_that_turned_dormant_lately(logged_in):
    today = clock.today()
    korea = Country.objects.get(code="KR")
    for name, silent_days in (("Quận Dongnae", 40), ("Tỉnh Fukui", 400), ("Thành phố Gyeongju", -40)):
        partner = Partner.objects.create(name_vi=name, country=korea)
        agreement = Agreement.objects.create(
            title_vi=f"Thỏa thuận với {name}",
            signed_on=add_months(today, -DORMANT_AFTER_MONTHS) - datetime.timedelta(days=silent_days),
        )
        agreement.partners.add(partner)
    cache.clear()
    page = document(logged_in.get("/dashboard/"))
    [panel] = page.xpath("//div[h3[starts-with(normalize-space(), 'Đối tác chuyển sang ngưng trệ trong 90 ngày qua')]]")
    # Dongnae's silence reached 24 months 40 days ago; Fukui's long before the 90 days; Gyeongju's not yet.
    assert [a.text_content() for a in panel.xpath(".//li/a")] == ["Quận Dongnae"]
