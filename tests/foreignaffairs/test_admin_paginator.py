"""An unfiltered changelist of a large table shows PostgreSQL's row estimate instead of counting every row."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from foreignaffairs import admin_paginator
from partners.models import Country, Partner


def _changelist(client, query=""):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/admin/partners/partner/{query}")
    assert response.status_code == 200
    counts = [q["sql"] for q in queries if "COUNT(" in q["sql"] and "partners_partner" in q["sql"]]
    return response, counts


def test_a_large_unfiltered_list_is_estimated_and_a_filtered_one_counted(admin_client, monkeypatch):
    country = Country.objects.get(code="KR")
    Partner.objects.bulk_create(Partner(name_vi=f"Đối tác {i}", country=country) for i in range(120))
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE partners_partner")
    monkeypatch.setattr(admin_paginator, "ESTIMATE_ABOVE", 10)

    response, counts = _changelist(admin_client)
    assert "120 đối tác" in response.content.decode()
    # PostgreSQL: the planner's estimate, no COUNT. SQLite keeps no estimate: counted.
    assert len(counts) == (0 if connection.vendor == "postgresql" else 1)

    _response, counts = _changelist(admin_client, "?q=doi+tac+1")
    assert len(counts) == 1  # a search is counted exactly, everywhere

    # The last page is counted exactly: an estimate short of the truth would leave its rows out of reach.
    response, counts = _changelist(admin_client, "?p=3")
    assert len(counts) == 1 and "120 đối tác" in response.content.decode()


def test_a_small_table_is_counted_exactly(admin_client):
    _response, counts = _changelist(admin_client)
    assert len(counts) == 1
