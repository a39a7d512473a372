"""The delegation calendar: grouped by month, inbound and outbound apart, year-only dates in their own group."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from delegations.choices import Direction
from delegations.models import Delegation
from tests.dashboard.rows import build


def test_it_groups_by_month_and_direction(client, viewer):
    client.force_login(viewer)
    Delegation.objects.create(direction=Direction.INBOUND, title_vi="Đoàn tháng Tám", starts_on="2025-08-14")
    Delegation.objects.create(direction=Direction.OUTBOUND, title_vi="Đoàn ra tháng Tám", starts_on="2025-08")
    Delegation.objects.create(direction=Direction.OUTBOUND, title_vi="Đoàn năm 2025", starts_on="2025")
    Delegation.objects.create(direction=Direction.INBOUND, title_vi="Đoàn chưa rõ ngày")
    page = client.get("/dashboard/calendar/").content.decode()
    august = page.index("Tháng 08/2025")
    unknown_month = page.index("Năm 2025 — chưa rõ tháng")
    undated = page.index("Chưa rõ ngày")
    assert august < page.index("Đoàn tháng Tám") < page.index("Đoàn ra tháng Tám") < unknown_month
    assert unknown_month < page.index("Đoàn năm 2025") < undated < page.index("Đoàn chưa rõ ngày")


def test_it_filters_like_the_delegation_list(client, viewer):
    client.force_login(viewer)
    Delegation.objects.create(direction=Direction.INBOUND, title_vi="Đoàn vào A", starts_on="2025-08-14")
    Delegation.objects.create(direction=Direction.OUTBOUND, title_vi="Đoàn ra B", starts_on="2025-08-14")
    page = client.get("/dashboard/calendar/?direction=outbound").content.decode()
    assert "Đoàn ra B" in page and "Đoàn vào A" not in page


def test_it_runs_the_same_queries_for_few_and_many_rows(client, viewer):
    client.force_login(viewer)
    build(2)
    with CaptureQueriesContext(connection) as few:
        client.get("/dashboard/calendar/")
    build(12)
    with CaptureQueriesContext(connection) as many:
        client.get("/dashboard/calendar/")
    assert len(many) == len(few)
