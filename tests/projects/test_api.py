"""/api/v1/projects/ and /api/v1/figures/: ids with labels, ISO dates, money as decimal strings beside their currency,
the dashboard's filters (400 for a bad value), a fixed query count; and both in the full export."""

import decimal
import json

import pytest

from partners.choices import PartnerKind
from partners.models import Country, FieldOfCooperation, HueUnit, Partner
from projects.choices import FigureUnit, ProjectKind, ProjectStatus
from projects.models import Project, ReportedFigure
from tests.conftest import body, count_queries, write_export_snapshot
from tests.foreignaffairs.api.test_export import EXPORT_QUERIES


@pytest.fixture
def funded(world):
    koica = Partner.objects.create(kind=PartnerKind.GOVERNMENT_AGENCY, name_vi="KOICA", country=world.korea)
    project = Project.objects.create(
        kind=ProjectKind.ODA_GRANT,
        title_vi="Làng hòa bình",
        status=ProjectStatus.IN_PROGRESS,
        partner=koica,
        channel=koica,
        location="A Lưới",
        starts_on="2024-03",
        committed_amount=decimal.Decimal("39000000"),
        committed_currency="USD",
        disbursed_amount=decimal.Decimal("981000000000"),
        disbursed_currency="VND",
    )
    project.fields.set([world.tourism])
    Project.objects.create(kind=ProjectKind.FDI, title_vi="Nhà máy Fukui", partner=world.fukui)
    figure = ReportedFigure.objects.create(
        subject="Dự án FDI cấp mới",
        value=decimal.Decimal("39000000"),
        unit=FigureUnit.MONEY,
        currency="USD",
        is_lower_bound=True,
        equivalent_value=decimal.Decimal("981000000000"),
        equivalent_currency="VND",
        period_start="2025",
        period_end="2025",
        country=world.korea,
        source_title="“Cánh tay nối dài” của phát triển kinh tế",
        source_date="2026-02-14",
        source_published_in="Báo Huế",
    )
    return project, koica, figure


def test_it_lists_projects_with_labels_iso_dates_and_money_with_its_currency(logged_in, funded):
    project, koica, _figure = funded
    response = logged_in.get("/api/v1/projects/?country=KR")
    assert response.status_code == 200
    document = response.json()
    assert document["count"] == 1
    row = document["results"][0]
    assert row["id"] == project.pk
    assert row["partner"] == {"id": koica.pk, "label": "KOICA"}
    assert row["fields"] == [{"id": project.fields.get().pk, "label": "Du lịch"}]
    assert row["hue_unit"] is None and row["agreement"] is None
    assert (row["starts_on"], row["ends_on"]) == ("2024-03", None)
    assert (row["committed_amount"], row["committed_currency"]) == ("39000000.00", "USD")
    assert (row["disbursed_amount"], row["disbursed_currency"]) == ("981000000000.00", "VND")
    assert (row["kind"], row["status"]) == ("oda_grant", "in_progress")


def test_it_shows_one_project(logged_in, funded):
    project, _koica, _figure = funded
    response = logged_in.get(f"/api/v1/projects/{project.pk}/")
    assert response.status_code == 200
    assert response.json()["location"] == "A Lưới"


def test_it_lists_figures_with_their_source(logged_in, funded):
    _project, _koica, figure = funded
    document = logged_in.get("/api/v1/figures/?country=KR").json()
    assert document["count"] == 1
    row = document["results"][0]
    assert row["id"] == figure.pk
    assert (row["value"], row["currency"], row["is_lower_bound"]) == ("39000000.00", "USD", True)
    assert (row["equivalent_value"], row["equivalent_currency"]) == ("981000000000.00", "VND")
    assert (row["period_start"], row["period_end"], row["as_of"]) == ("2025", "2025", None)
    assert row["country"]["label"] == "Hàn Quốc"
    assert (row["source_title"], row["source_date"], row["source_published_in"]) == (
        "“Cánh tay nối dài” của phát triển kinh tế",
        "2026-02-14",
        "Báo Huế",
    )
    assert logged_in.get(f"/api/v1/figures/{figure.pk}/").json()["subject"] == "Dự án FDI cấp mới"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/api/v1/projects/?kind=fdi", 1),
        ("/api/v1/projects/?status=in_progress", 1),
        ("/api/v1/projects/?field=tourism", 1),
        ("/api/v1/projects/?q=a+luoi", 1),
        ("/api/v1/projects/?country=JP", 1),
        ("/api/v1/figures/?country=JP", 0),
    ],
)
def test_it_filters_like_the_dashboard(logged_in, funded, url, expected):
    assert logged_in.get(url).json()["count"] == expected


def test_it_filters_projects_and_figures_by_partner(logged_in, funded):
    _project, koica, _figure = funded
    assert logged_in.get(f"/api/v1/projects/?partner={koica.pk}").json()["count"] == 1
    assert logged_in.get(f"/api/v1/figures/?partner={koica.pk}").json()["count"] == 0


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/api/v1/projects/?kind=loan", "kind"),
        ("/api/v1/projects/?status=running", "status"),
        ("/api/v1/projects/?country=Korea", "country"),
        ("/api/v1/projects/?partner=abc", "partner"),
        ("/api/v1/projects/?partner=1e3", "partner"),
        ("/api/v1/projects/?field=du+lịch", "field"),
        ("/api/v1/projects/?sort=money", "sort"),
        ("/api/v1/figures/?country=XX1", "country"),
        ("/api/v1/figures/?partner=1.5", "partner"),
        ("/api/v1/figures/?unit=kg", "unit"),
    ],
)
def test_it_answers_a_bad_filter_value_with_400_naming_the_parameter(logged_in, funded, url, field):
    response = logged_in.get(url)
    assert response.status_code == 400
    assert field in json.dumps(response.json())


def test_it_refuses_anonymous_readers(client, funded):
    assert client.get("/api/v1/projects/").status_code in (401, 403)
    assert client.get("/api/v1/figures/").status_code in (401, 403)


def add_rows(count: int, start: int) -> None:
    korea = Country.objects.get(code="KR")
    for number in range(start, start + count):
        partner = Partner.objects.create(kind=PartnerKind.NGO, name_vi=f"Tổ chức {number}", country=korea)
        project = Project.objects.create(
            kind=ProjectKind.NGO_AID,
            title_vi=f"Dự án {number}",
            partner=partner,
            channel=partner,
            hue_unit=HueUnit.objects.create(name_vi=f"Đơn vị {number}"),
        )
        project.fields.set([FieldOfCooperation.objects.create(code=f"pf{number}", name_vi=f"Lĩnh vực {number}")])
        ReportedFigure.objects.create(
            subject=f"Số liệu {number}",
            value=number,
            unit=FigureUnit.PROJECTS,
            country=korea,
            partner=partner,
            source_title="Báo",
        )


# Every request's first three: 1 the session, 2 the user, 3 the user's permissions. Then, for a list, 4 the
# paginator's COUNT and 5 the page of rows with what is selected alongside.
QUERIES = {
    # 5 projects with funder (and its country), channel, Huế unit and agreement, 6 their fields
    "/api/v1/projects/": 6,
    # 5 figures with their country and partner
    "/api/v1/figures/": 5,
    # The live export (the full one is a file): listed where the export is tested; projects, their fields and the
    # figures are three of them.
    "/api/v1/export/?updated_after=2000-01-01": EXPORT_QUERIES,
}


@pytest.mark.parametrize("url", QUERIES)
def test_it_makes_a_fixed_number_of_queries(logged_in, url):
    add_rows(2, 0)
    few = count_queries(logged_in, url)
    add_rows(10, 2)
    assert (few, count_queries(logged_in, url)) == (QUERIES[url], QUERIES[url])


def test_it_exports_projects_with_their_fields_and_figures_with_their_source(logged_in, funded):
    project, koica, figure = funded
    write_export_snapshot()
    response = logged_in.get("/api/v1/export/")
    document = json.loads(body(response))
    assert "projects" in document and "figures" in document
    exported = {row["id"]: row for row in document["projects"]}[project.pk]
    assert exported["partner_id"] == koica.pk
    assert (exported["committed_amount"], exported["committed_currency"]) == ("39000000.00", "USD")
    assert exported["starts_on"] == "2024-03"
    assert [field["code"] for field in exported["fields"]] == ["tourism"]
    assert "search_text" not in exported and "created_by_id" not in exported
    assert {row["id"]: row for row in document["projects"]}[project.pk + 1]["fields"] == []
    (stated,) = document["figures"]
    assert stated["id"] == figure.pk
    assert (stated["source_title"], stated["source_date"]) == (figure.source_title, "2026-02-14")
    assert (stated["value"], stated["equivalent_value"]) == ("39000000.00", "981000000000.00")


def test_it_exports_only_the_projects_changed_after_a_moment(logged_in, funded):
    project, _koica, _figure = funded
    Project.objects.exclude(pk=project.pk).update(last_updated="2020-01-01T00:00:00Z")
    ReportedFigure.objects.update(last_updated="2020-01-01T00:00:00Z")
    response = logged_in.get("/api/v1/export/?updated_after=2025-01-01")
    document = json.loads(body(response))
    assert [row["id"] for row in document["projects"]] == [project.pk]
    assert document["figures"] == []
