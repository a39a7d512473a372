"""The overview: counts, the needs-attention panel, server-rendered charts, at a fixed query count."""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.rows import build


def query_count(client, cached: bool = False) -> int:
    if not cached:
        cache.clear()  # measure the page that computes the whole-table figures
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/dashboard/")
    assert response.status_code == 200
    return len(queries)


def test_it_runs_the_same_queries_for_few_and_many_rows(client, viewer):
    client.force_login(viewer)
    build(2)
    few = query_count(client)
    build(15)
    assert query_count(client) == few
    # The benchmark's target: at most 15 per page, the session, the user and their permissions included.
    assert few <= 15


def test_it_shows_counts_attention_and_charts(client, viewer):
    client.force_login(viewer)
    build(3)
    page = client.get("/dashboard/").content.decode()
    assert "Cần chú ý" in page
    assert "Thỏa thuận hết hiệu lực trong 90 ngày tới" in page
    assert "Thỏa thuận quá hạn rà soát" in page
    assert "Việc cần theo dõi đã quá hạn" in page
    assert page.count("<svg") == 4
    assert "Đối tác theo quốc gia" in page
    assert "Hàn Quốc" in page


def test_it_shows_the_demo_data(client, viewer, demo):
    client.force_login(viewer)
    page = client.get("/dashboard/").content.decode()
    assert "Đang rà soát" in page
    assert "2025" in page


def test_the_whole_table_figures_are_kept_and_dropped_when_a_record_is_saved(
    client, viewer, django_capture_on_commit_callbacks
):
    from agreements.models import Agreement
    from partners.models import Partner

    client.force_login(viewer)
    build(3)
    first = query_count(client)
    again = query_count(client, cached=True)
    assert again == first - 4  # the four GROUP BY queries came from the cache
    assert again <= 15 and first <= 15

    with django_capture_on_commit_callbacks(execute=True):  # dropped when the save commits
        Partner.objects.create(name_vi="Đối tác mới thêm", country=Partner.objects.first().country)
    page = client.get("/dashboard/").content.decode()
    assert f'<span class="count">{Partner.objects.count()}</span>' in page
    with django_capture_on_commit_callbacks(execute=True):
        Agreement.objects.first().delete()
    page = client.get("/dashboard/").content.decode()
    assert f'<span class="count">{Agreement.objects.count()}</span>' in page
