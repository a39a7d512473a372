"""An unfiltered changelist of a large table shows PostgreSQL's row estimate instead of counting every row."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from foreignaffairs.admin import paginator as admin_paginator
from partners.models import Country, Partner


def _changelist(client, query=""):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/admin/partners/partner/{query}")
    assert response.status_code == 200
    counting = [q["sql"] for q in queries if "COUNT(" in q["sql"] and "partners_partner" in q["sql"]]
    return response.content.decode(), counting


def _partners(count: int, start: int = 0) -> None:
    country = Country.objects.get(code="KR")
    Partner.objects.bulk_create(Partner(name_vi=f"Đối tác {i}", country=country) for i in range(start, start + count))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite keeps no row estimate")
def test_it_shows_the_estimate_for_a_large_unfiltered_list_but_counts_its_last_pages(admin_client, monkeypatch):
    monkeypatch.setattr(admin_paginator, "ESTIMATE_ABOVE", 10)
    _partners(120)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE partners_partner")  # the planner now believes 120 rows
    _partners(30, start=120)  # 150 in truth

    page, counting = _changelist(admin_client)
    assert "120 đối tác" in page and len(counting) == 1 and "reltuples" in counting[0]

    # Page 3 lies past 90% of the estimate: counted, so rows 101-150 stay within reach.
    page, counting = _changelist(admin_client, "?p=3")
    assert "150 đối tác" in page and len(counting) == 1

    _page, counting = _changelist(admin_client, "?q=doi+tac+149")
    assert len(counting) == 1 and "reltuples" not in counting[0]  # a search is counted exactly


def test_it_counts_a_small_table_exactly_in_one_query(admin_client):
    _partners(7)
    page, counting = _changelist(admin_client)
    assert "7 đối tác" in page and len(counting) == 1
