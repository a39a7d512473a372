"""Projects on the dashboards: their list and detail pages, a partner's projects with per-currency totals, and the
overview's two kinds of figures (computed from project records; stated by a source), at a fixed query count."""

import csv
import decimal
import io
import itertools
import json

import pytest
from django.core.cache import cache

from partners.choices import PartnerKind
from partners.models import Country, FieldOfCooperation, HueUnit, Partner
from projects.choices import FigureUnit, ProjectKind, ProjectStatus
from projects.models import Project, ReportedFigure
from tests.conftest import body, count_queries
from tests.foreignaffairs.dashboard.test_detail_pages import PARTNER_QUERIES
from tests.foreignaffairs.dashboard.test_overview import QUERIES as OVERVIEW_QUERIES

_serial = itertools.count(1)


@pytest.fixture
def koica(db):
    return Partner.objects.create(
        kind=PartnerKind.GOVERNMENT_AGENCY, name_vi="KOICA", country=Country.objects.get(code="KR")
    )


def add_projects(n: int, partner: Partner) -> None:
    """n projects with every relation a page shows, and n reported figures, for the query counts."""
    korea = Country.objects.get(code="KR")
    for _ in range(n):
        i = next(_serial)
        field = FieldOfCooperation.objects.create(code=f"projects-field-{i}", name_vi=f"Lĩnh vực {i}")
        channel = Partner.objects.create(kind=PartnerKind.NGO, name_vi=f"Kênh {i}", country=korea)
        project = Project.objects.create(
            kind=ProjectKind.ODA_GRANT if i % 2 else ProjectKind.FDI,
            title_vi=f"Dự án {i}",
            status=ProjectStatus.IN_PROGRESS,
            partner=partner,
            channel=channel,
            hue_unit=HueUnit.objects.create(name_vi=f"Đơn vị {i}"),
            starts_on=f"{2000 + i % 25}",
            committed_amount=decimal.Decimal(1000 * i),
            committed_currency="USD" if i % 2 else "KRW",
        )
        project.fields.add(field)
        ReportedFigure.objects.create(
            subject=f"Số liệu {i}", value=i, unit=FigureUnit.PROJECTS, country=korea, source_title=f"Báo {i}"
        )


# Every page's first three queries: 1 the session, 2 the user, 3 the user's permissions.
QUERIES = {
    # 4 the paginator's COUNT, 5 the page of projects with funder (and its country), channel, Huế unit and
    # agreement, 6 their fields, 7 the fields of cooperation for the filter form's select
    "/dashboard/projects/": 7,
    # 4 the projects with what is selected alongside, 5 their fields (no count, no form)
    "/dashboard/projects/?export=csv": 5,
    # 4 the count the document states, 5 the projects, 6 their fields
    "/dashboard/projects/?export=json": 6,
    # Listed where those pages are tested: the partner's projects are its last query, and the overview's sums per
    # currency come with its charts in one GROUP BY.
    "/dashboard/partners/{partner}/": PARTNER_QUERIES,
    "/dashboard/": OVERVIEW_QUERIES,
}
# 4 the project with its funder and channel (each with its country), Huế unit and agreement, 5 its fields, 6 its
# journal notes
DETAIL_QUERIES = 6


def page_queries(client, url: str) -> int:
    cache.clear()  # the overview's cached figures: measure the page that computes them
    return count_queries(client, url)


@pytest.mark.parametrize("url", QUERIES)
def test_it_runs_a_fixed_number_of_queries_for_few_and_many_projects(logged_in, koica, url):
    address = url.format(partner=koica.pk)
    add_projects(2, koica)
    few = page_queries(logged_in, address)
    add_projects(12, koica)
    assert (few, page_queries(logged_in, address)) == (QUERIES[url], QUERIES[url])


def test_it_shows_the_detail_page_in_a_fixed_number_of_queries(logged_in, koica):
    add_projects(1, koica)
    project = Project.objects.get()
    project.fields.add(*[FieldOfCooperation.objects.create(code=f"extra-{n}", name_vi=f"Thêm {n}") for n in range(5)])
    assert count_queries(logged_in, project.get_absolute_url()) == DETAIL_QUERIES


def test_it_lists_the_demo_koica_projects_filtered_by_country_and_status(logged_in, demo):
    page = body(logged_in.get("/dashboard/projects/?country=KR&status=in_progress&kind=oda_grant")).decode()
    assert "3 kết quả" in page
    for title in ("Làng hòa bình", "bom mìn", "du lịch thông minh"):
        assert title in page
    assert 'aria-current="page">Dự án</a>' in page


def test_it_filters_by_field_and_free_text(logged_in, demo):
    assert "1 kết quả" in body(logged_in.get("/dashboard/projects/?q=a+luoi")).decode()
    assert "0 kết quả" in body(logged_in.get("/dashboard/projects/?country=JP")).decode()


def test_it_exports_csv_and_json_with_money_as_reported(logged_in, koica):
    Project.objects.create(
        kind=ProjectKind.FDI,
        title_vi="Nhà máy",
        partner=koica,
        committed_amount=decimal.Decimal("39000000"),
        committed_currency="USD",
        disbursed_amount=decimal.Decimal("1500000.50"),
        disbursed_currency="USD",
    )
    raw = body(logged_in.get("/dashboard/projects/?country=KR&export=csv"))
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][0] == "Tên dự án"
    record = dict(zip(rows[0], rows[1], strict=True))
    assert record["Vốn cam kết / đăng ký"] == "39.000.000 USD"
    assert record["Vốn đã giải ngân"] == "1.500.000,5 USD"
    document = json.loads(body(logged_in.get("/dashboard/projects/?country=KR&export=json")))
    assert document["count"] == 1
    row = document["results"][0]
    assert row["kind"] == "fdi"
    assert row["committed"] == {"amount": "39000000.00", "currency": "USD"}
    assert row["disbursed"] == {"amount": "1500000.50", "currency": "USD"}


def test_it_shows_bad_filters_as_form_errors_and_refuses_to_export_them(logged_in, demo):
    page = body(logged_in.get("/dashboard/projects/?kind=loan")).decode()
    assert "“loan” không phải là loại dự án hợp lệ." in page
    assert 'aria-invalid="true"' in page
    response = logged_in.get("/dashboard/projects/?status=running&export=csv")
    assert response.status_code == 400
    assert "status" in json.loads(response.content)["errors"]


def test_it_sorts_by_a_column(logged_in, demo):
    page = body(logged_in.get("/dashboard/projects/?sort=title")).decode()
    assert 'aria-sort="ascending"' in page
    assert "sort=-title" in page


def test_it_shows_a_project_with_its_funder_channel_and_money(logged_in, demo):
    project = Project.objects.get(title_vi__startswith="Làng hòa bình")
    page = body(logged_in.get(project.get_absolute_url())).decode()
    assert project.get_absolute_url() == f"/dashboard/projects/{project.pk}/"
    assert "A Lưới" in page
    assert "KOICA" in page
    assert "Nguồn chưa nêu" in page  # the article gives no amount: blank, not zero


def test_it_answers_404_for_a_project_that_does_not_exist(logged_in, db):
    assert logged_in.get("/dashboard/projects/999999/").status_code == 404


def test_it_totals_a_partners_projects_per_currency_never_across_currencies(logged_in, koica):
    for amount, currency, disbursed in (("1000", "USD", "400"), ("2500.5", "USD", None), ("7000000", "KRW", "0")):
        Project.objects.create(
            kind=ProjectKind.ODA_GRANT,
            title_vi=f"Dự án {currency} {amount}",
            channel=koica,
            committed_amount=decimal.Decimal(amount),
            committed_currency=currency,
            disbursed_amount=decimal.Decimal(disbursed) if disbursed is not None else None,
            disbursed_currency=currency if disbursed is not None else "",
        )
    Project.objects.create(kind=ProjectKind.FDI, title_vi="Dự án của người khác")
    page = body(logged_in.get(koica.get_absolute_url())).decode()
    assert "Dự án USD 1000" in page and "Dự án KRW 7000000" in page
    assert "Dự án của người khác" not in page
    section = page.split('id="projects-heading"')[1].split("</section>")[0]
    assert '<th scope="row">KRW</th><td>7.000.000 KRW</td><td>0 KRW</td>' in section
    assert '<th scope="row">USD</th><td>3.500,5 USD</td><td>400 USD</td>' in section
    assert "7.003.500" not in section
    assert f"/dashboard/projects/?partner={koica.pk}" in section


def test_it_says_so_when_a_partners_projects_have_no_amounts(logged_in, demo):
    koica = Partner.objects.get(abbreviation="KOICA")
    page = body(logged_in.get(koica.get_absolute_url())).decode()
    assert "Làng hòa bình" in page
    assert "Các dự án này chưa có số vốn được ghi." in page


def test_it_shows_reported_figures_with_their_source_apart_from_computed_totals(logged_in, demo):
    page = body(logged_in.get("/dashboard/")).decode()
    computed = page.split('id="computed-heading"')[1].split("</section>")[0]
    reported = page.split('id="reported-heading"')[1].split("</section>")[0]
    assert "Vốn dự án tính từ hồ sơ trong hệ thống" in computed
    assert "Chưa có dự án nào ghi số vốn." in computed  # the demo projects have no amounts
    assert "61.600.000" not in computed
    assert "Số liệu theo nguồn đã công bố" in reported
    assert "hơn 61.600.000 USD" in reported
    assert "hơn 39.000.000 USD (≈ 981.000.000.000 VND)" in reported
    assert "2007 – 2022" in reported
    figure = ReportedFigure.objects.get(subject__startswith="Dự án FDI cấp mới")
    assert figure.source_title in reported
    assert str(figure.source_date) in reported


def test_it_shows_the_source_date_and_where_it_was_published(logged_in, db):
    ReportedFigure.objects.create(
        subject="Dự án ODA",
        value=6,
        unit=FigureUnit.PROJECTS,
        as_of="2025-12",
        source_title="Báo cáo tổng kết",
        source_date="2026-01-15",
        source_published_in="Báo Thừa Thiên Huế",
        source_url="https://example.org/bao-cao",
    )
    reported = body(logged_in.get("/dashboard/")).decode().split('id="reported-heading"')[1].split("</section>")[0]
    assert (
        '<a href="https://example.org/bao-cao" rel="noopener noreferrer">Báo cáo tổng kết</a>, 15/01/2026' in reported
    )
    assert "đăng tại Báo Thừa Thiên Huế" in reported
    assert "tính đến 12/2025" in reported


def test_it_charts_projects_by_kind_and_status(logged_in, demo):
    page = body(logged_in.get("/dashboard/")).decode()
    assert "Dự án theo loại" in page and "Dự án theo trạng thái" in page
    assert "ODA không hoàn lại" in page


def test_old_admin_addresses_of_projects_lead_to_their_new_place(admin_client, demo):
    project = Project.objects.order_by("pk").first()
    response = admin_client.get(f"/admin/agreements/project/{project.pk}/change/?_changelist_filters=kind%3Dfdi")
    assert response.status_code == 301
    assert response["Location"] == f"/admin/projects/project/{project.pk}/change/?_changelist_filters=kind%3Dfdi"
    assert admin_client.get(response["Location"]).status_code == 200
    assert admin_client.get("/admin/agreements/reportedfigure/")["Location"] == "/admin/projects/reportedfigure/"
