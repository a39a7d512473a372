"""ProjectFilterSet and ReportedFigureFilterSet on their own: rows built here, counts asserted."""

import decimal

import pytest

from partners.choices import PartnerKind
from partners.models import Country, FieldOfCooperation, Partner
from projects.choices import FigureUnit, ProjectKind, ProjectStatus
from projects.filtersets import ProjectFilterSet, ReportedFigureFilterSet
from projects.models import Project, ReportedFigure


@pytest.fixture
def rows(db):
    korea, japan = Country.objects.get(code="KR"), Country.objects.get(code="JP")
    oda = FieldOfCooperation.objects.create(code="test-oda", name_vi="ODA thử")
    health = FieldOfCooperation.objects.create(code="test-health", name_vi="Y tế thử")
    koica = Partner.objects.create(kind=PartnerKind.GOVERNMENT_AGENCY, name_vi="KOICA", country=korea)
    korea_government = Partner.objects.create(
        kind=PartnerKind.GOVERNMENT_AGENCY, name_vi="Chính phủ Hàn Quốc", country=korea
    )
    jica = Partner.objects.create(kind=PartnerKind.GOVERNMENT_AGENCY, name_vi="JICA", country=japan)
    peace_village = Project.objects.create(
        kind=ProjectKind.ODA_GRANT,
        title_vi="Làng Hòa bình Việt Nam – Hàn Quốc",
        status=ProjectStatus.IN_PROGRESS,
        partner=korea_government,
        channel=koica,
        location="A Lưới",
    )
    peace_village.fields.set([oda, health])
    mine_action = Project.objects.create(
        kind=ProjectKind.ODA_GRANT,
        title_vi="Khắc phục bom mìn",
        status=ProjectStatus.COMPLETED,
        partner=koica,
    )
    mine_action.fields.set([oda])
    Project.objects.create(
        kind=ProjectKind.ODA_LOAN,
        title_vi="Cấp nước Huế",
        status=ProjectStatus.IN_PROGRESS,
        partner=jica,
        committed_amount=decimal.Decimal("1000000"),
        committed_currency="JPY",
    )
    Project.objects.create(kind=ProjectKind.FDI, title_vi="Nhà máy chưa rõ chủ đầu tư", status=ProjectStatus.PROPOSED)
    ReportedFigure.objects.create(
        subject="Dự án FDI của Hàn Quốc", value=17, unit=FigureUnit.PROJECTS, country=korea, source_title="Báo"
    )
    ReportedFigure.objects.create(
        subject="Vốn ODA của KOICA", value=5, unit=FigureUnit.MONEY, currency="USD", partner=koica, source_title="Báo"
    )
    ReportedFigure.objects.create(subject="FDI cấp mới", value=11, unit=FigureUnit.PROJECTS, source_title="Báo")
    return locals()


def project_count(params: dict) -> int:
    filterset = ProjectFilterSet(params)
    assert filterset.is_valid(), filterset.errors
    return filterset.qs.count()


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, 4),
        ({"q": "lang hoa binh"}, 1),
        ({"q": "a luoi"}, 1),
        ({"country": "KR"}, 2),
        ({"country": "kr"}, 2),
        ({"country": "JP"}, 1),
        ({"kind": ProjectKind.ODA_GRANT}, 2),
        ({"status": ProjectStatus.IN_PROGRESS}, 2),
        ({"field": "test-oda"}, 2),
        ({"field": "test-health"}, 1),
        ({"country": "KR", "status": ProjectStatus.IN_PROGRESS}, 1),
    ],
)
def test_it_filters_projects(rows, params, expected):
    assert project_count(params) == expected


def test_it_finds_a_partners_projects_whether_it_funds_or_channels_them(rows):
    assert project_count({"partner": rows["koica"].pk}) == 2
    assert project_count({"partner": rows["korea_government"].pk}) == 1
    assert project_count({"partner": rows["jica"].pk}) == 1


def test_it_lists_each_project_once_whatever_the_joins(rows):
    filterset = ProjectFilterSet({"field": "test-oda", "country": "KR", "partner": rows["koica"].pk})
    assert filterset.is_valid()
    assert len(list(filterset.qs)) == filterset.qs.count() == 2


def test_it_sorts_by_partner_with_a_stable_order(rows):
    filterset = ProjectFilterSet({"sort": "partner"})
    assert filterset.is_valid()
    assert list(filterset.qs.values_list("pk", flat=True)) == list(
        Project.objects.order_by("partner__name_vi", "pk").values_list("pk", flat=True)
    )


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"kind": "loan"}, "kind", "“loan” không phải là loại dự án hợp lệ."),
        ({"status": "running"}, "status", "“running” không phải là trạng thái dự án hợp lệ."),
        ({"country": "Korea"}, "country", "Mã quốc gia “KOREA” không hợp lệ. Dùng mã ISO hai chữ cái, ví dụ KR, JP."),
        ({"partner": "1.5"}, "partner", "Mã số đối tác phải là một số nguyên (đã nhập “1.5”)."),
        (
            {"field": "du lịch"},
            "field",
            "Mã lĩnh vực “du lịch” không hợp lệ: mã chỉ gồm chữ cái không dấu, chữ số, “-” và “_”.",
        ),
        ({"sort": "money"}, "sort", "Không sắp xếp được theo “money”: cột này không có."),
    ],
)
def test_it_names_what_is_wrong_with_a_bad_value(rows, params, field, message):
    filterset = ProjectFilterSet(params)
    assert not filterset.is_valid()
    assert filterset.errors[field] == [message]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, 3),
        ({"country": "KR"}, 2),  # the figure about Korea, and the one about a Korean partner
        ({"partner": "koica"}, 1),
        ({"unit": FigureUnit.PROJECTS}, 2),
        ({"q": "fdi"}, 2),
    ],
)
def test_it_filters_reported_figures(rows, params, expected):
    if params.get("partner") == "koica":
        params = {"partner": rows["koica"].pk}
    filterset = ReportedFigureFilterSet(params)
    assert filterset.is_valid(), filterset.errors
    assert filterset.qs.count() == expected


def test_it_refuses_a_figure_filter_by_a_partner_id_that_is_no_number(rows):
    filterset = ReportedFigureFilterSet({"partner": "abc"})
    assert not filterset.is_valid()
    assert filterset.errors["partner"] == ["Mã số đối tác phải là một số nguyên (đã nhập “abc”)."]
