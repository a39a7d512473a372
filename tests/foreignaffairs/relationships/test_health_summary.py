"""The health summary (foreignaffairs.relationships.summary) follows every write as people make them: a note on the
partner's page, a delegation saved and changed in the admin, a sheet imported in bulk; and time passing alone moves
a partner from active to cooling to dormant, planned visits counting on the day they begin. Today is 15/03/2026
(conftest) unless a test moves it."""

import datetime
import io

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agreements.choices import AgreementStatus
from delegations.choices import DelegationStatus
from delegations.models import Delegation, FollowUpAction
from foreignaffairs.relationships.health import HealthStatus, health_of, with_health, with_health_figures
from foreignaffairs.relationships.models import ContactStep, PartnerHealth
from partners.merge import merge
from partners.models import Partner
from tests.conftest import admin_url
from tests.foreignaffairs.imports.admin_pages import import_through_admin
from tests.foreignaffairs.imports.sheets import workbook
from tests.foreignaffairs.relationships.conftest import new_partner, signed, visited
from tests.forms import SAVE, inline_prefix, page_form_data
from tests.pages import document

LIST = "/dashboard/partners/"


def listed_as(client, health: str) -> list[str]:
    """The names the partner list shows filtered by `health` (judged in SQL from the summary)."""
    page = client.get(f"{LIST}?health={health}")
    return [
        " ".join(cell.text_content().split())
        for cell in document(page).xpath("//table[contains(@class, 'listing')]/tbody/tr/td[1]")
    ]


def test_the_summary_follows_a_note_on_the_dashboard_and_a_delegation_saved_in_the_admin(editor_client, admin_client):
    gyeongju = new_partner("Thành phố Gyeongju")
    signed(gyeongju, "2023", status=AgreementStatus.EXPIRED)
    assert listed_as(editor_client, "dormant") == ["Thành phố Gyeongju"]

    # An editor notes a call on the partner's page: a contact this month, no visit yet.
    page = editor_client.get(gyeongju.get_absolute_url())
    data = page_form_data(page, form_id="journal-form")
    data.update(occurred_on="10/03/2026", kind="call", summary="Gọi điện bàn kế hoạch đón đoàn.")
    action = document(page).xpath("//form[@id='journal-form']")[0].get("action")
    assert editor_client.post(action, data).status_code == 302
    assert listed_as(editor_client, "cooling") == ["Thành phố Gyeongju"]

    # An administrator records the delegation that came in February, its thank-you letter due after today.
    page = admin_client.get(admin_url(Delegation, "add"))
    data = page_form_data(page)
    follow_ups = inline_prefix(page, FollowUpAction)
    data.update(
        {
            "direction": "inbound",
            "title_vi": "Đoàn thành phố Gyeongju thăm Huế",
            "status": DelegationStatus.COMPLETED,
            "starts_on": "14/02/2026",
            "partners": [str(gyeongju.pk)],
            f"{follow_ups}-TOTAL_FORMS": "1",
            f"{follow_ups}-0-description": "Gửi thư cảm ơn",
            f"{follow_ups}-0-due_on": "20/03/2026",
            f"{follow_ups}-0-status": "open",
            SAVE: "",
        }
    )
    response = admin_client.post(admin_url(Delegation, "add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
    assert listed_as(editor_client, "active") == ["Thành phố Gyeongju"]

    # The delegation was not Gyeongju's after all: taken off it, the visit no longer counts.
    delegation = Delegation.objects.get()
    page = admin_client.get(admin_url(Delegation, "change", delegation.pk))
    data = page_form_data(page, press=SAVE)
    data["partners"] = []
    assert admin_client.post(admin_url(Delegation, "change", delegation.pk), data).status_code == 302
    assert listed_as(editor_client, "cooling") == ["Thành phố Gyeongju"]


def test_a_sheet_imported_in_bulk_refreshes_the_partners_it_names(editor_client, django_capture_on_commit_callbacks):
    sheet = workbook(
        [
            ["Tên đoàn", "Loại đoàn", "Trạng thái", "Ngày bắt đầu", "Đối tác"],
            ["Đoàn tỉnh Chungcheongnam thăm Huế", "Đoàn vào", "Đã hoàn thành", "02/2026", "Tinh Chungcheongnam"],
            ["Đoàn thành phố Gyeongju thăm Huế", "Đoàn vào", "Đề xuất", "01/2026", "Thanh pho Gyeongju"],
        ]
    )
    # The batches' rows are written without save(): their partners are refreshed once, when the import commits.
    with django_capture_on_commit_callbacks(execute=True):
        new_partner("Tỉnh Chungcheongnam")
        new_partner("Thành phố Gyeongju")
        response = import_through_admin(editor_client, sheet, name="doan.xlsx", model=Delegation)
        assert response.status_code == 302
        assert Delegation.objects.filter(partners__isnull=False).count() == 2
    assert listed_as(editor_client, "active") == ["Tỉnh Chungcheongnam"]
    assert listed_as(editor_client, "insufficient_data") == ["Thành phố Gyeongju"]  # a proposal is no contact


def judged_on(monkeypatch, day: datetime.date, *partners: Partner) -> list[HealthStatus]:
    monkeypatch.setattr("foreignaffairs.clock.today", lambda: day)
    rows = with_health(with_health_figures(Partner.objects.filter(pk__in=[p.pk for p in partners]))).order_by("pk")
    statuses = []
    for row in rows:
        assert row.health == health_of(row).status, f"SQL and Python judge alike on {day}"
        statuses.append(row.health)
    return statuses


def test_time_alone_moves_partners_from_active_to_cooling_to_dormant(monkeypatch, db):
    fukui = new_partner("Tỉnh Fukui")
    visited(fukui, "2026-02-14")
    visited(fukui, "2026-06", status=DelegationStatus.CONFIRMED)  # planned: a contact once June begins
    busan = new_partner("Thành phố Busan")
    visited(busan, "2026-02-14")
    for month in ("2026-06", "2026-09", "2026-12", "2027-03"):  # more planned visits than the summary's columns
        visited(busan, month, status=DelegationStatus.CONFIRMED)
    assert PartnerHealth.objects.get(partner=busan).steps_overflow
    assert ContactStep.objects.filter(partner=busan).exists() and not ContactStep.objects.filter(partner=fukui)
    written = dict(PartnerHealth.objects.values_list("partner_id", "refreshed_at"))
    ACTIVE, COOLING, DORMANT = HealthStatus.ACTIVE, HealthStatus.COOLING, HealthStatus.DORMANT

    with CaptureQueriesContext(connection) as queries:
        assert judged_on(monkeypatch, datetime.date(2026, 3, 15), fukui, busan) == [ACTIVE, ACTIVE]
        # Twelve months after February's visit, June's has happened (its last possible day 30/06/2026).
        assert judged_on(monkeypatch, datetime.date(2027, 2, 20), fukui, busan) == [ACTIVE, ACTIVE]
        # "Within 12 months" is fewer than 12: June's visit, read as 30/06/2026, is a year old on 30/06/2027.
        assert judged_on(monkeypatch, datetime.date(2027, 6, 29), fukui, busan) == [ACTIVE, ACTIVE]
        assert judged_on(monkeypatch, datetime.date(2027, 6, 30), fukui, busan) == [COOLING, ACTIVE]
        # Busan's last planned visit, 03/2027, keeps it active until 31/03/2027 is a year old.
        assert judged_on(monkeypatch, datetime.date(2028, 3, 30), fukui, busan) == [COOLING, ACTIVE]
        assert judged_on(monkeypatch, datetime.date(2028, 3, 31), fukui, busan) == [COOLING, COOLING]
        assert judged_on(monkeypatch, datetime.date(2028, 6, 29), fukui, busan) == [COOLING, COOLING]
        assert judged_on(monkeypatch, datetime.date(2028, 6, 30), fukui, busan) == [DORMANT, COOLING]
        assert judged_on(monkeypatch, datetime.date(2029, 3, 31), fukui, busan) == [DORMANT, DORMANT]
    assert all(query["sql"].startswith("SELECT") for query in queries.captured_queries), "no write"
    assert dict(PartnerHealth.objects.values_list("partner_id", "refreshed_at")) == written


def test_refresh_partner_health_rebuilds_what_writes_around_the_signals_left_behind(db):
    partners = [new_partner(f"Thành phố {index}") for index in range(3)]
    for partner in partners:
        visited(partner, "2026-02-14")
    PartnerHealth.objects.all().delete()  # as a restore of the records alone would leave it
    assert {row.health for row in with_health(Partner.objects.all())} == {HealthStatus.INSUFFICIENT_DATA}
    call_command("refresh_partner_health", stdout=io.StringIO())
    assert {row.health for row in with_health(Partner.objects.all())} == {HealthStatus.ACTIVE}


def test_a_merge_brings_the_merged_partners_contacts_to_the_one_kept(db, django_capture_on_commit_callbacks):
    kept, merged = new_partner("Tỉnh Chungcheongnam"), new_partner("Tinh Chungcheong Nam")
    visited(merged, "2026-02-14")
    assert with_health(Partner.objects.filter(pk=kept.pk)).get().health == HealthStatus.INSUFFICIENT_DATA
    # The merge moves records with UPDATEs, then saves the partner it keeps: refreshed when it commits.
    with django_capture_on_commit_callbacks(execute=True):
        merge(kept, merged, get_user_model().objects.create_user("merger"))
    assert with_health(Partner.objects.all()).get().health == HealthStatus.ACTIVE
