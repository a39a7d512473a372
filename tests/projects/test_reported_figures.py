"""Reported figures: what the sources give only in aggregate, kept as stated, with their source."""

import decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from partners.models import Country, Partner
from projects.forms import ReportedFigureForm
from projects.models import Project, ReportedFigure
from tests.conftest import count_queries

CHANGELIST = "admin:projects_reportedfigure_changelist"


def _figure_data(**changes):
    data = {
        "subject": "Dự án FDI cấp mới",
        "value": "39000000",
        "unit": "money",
        "currency": "USD",
        "source_title": "Bài viết thử",
    }
    data.update(changes)
    return data


def _errors(**changes) -> dict:
    form = ReportedFigureForm(_figure_data(**changes))
    assert not form.is_valid()
    return form.errors


def test_it_accepts_an_amount_with_its_equivalent_as_the_source_gives_it(db):
    form = ReportedFigureForm(
        _figure_data(
            is_lower_bound="on", equivalent_value="981000000000", equivalent_currency="vnd", source_date="2026"
        )
    )
    assert form.is_valid(), form.errors
    figure = form.save()
    figure.refresh_from_db()
    assert (figure.value, figure.currency) == (decimal.Decimal("39000000"), "USD")
    assert (figure.equivalent_value, figure.equivalent_currency) == (decimal.Decimal("981000000000"), "VND")
    assert figure.stated_value == "hơn 39.000.000 USD (≈ 981.000.000.000 VND)"
    with translation.override("en"):
        assert figure.stated_value == "over 39,000,000 USD (≈ 981,000,000,000 VND)"


def test_it_refuses_a_negative_value(db):
    assert _errors(value="-1")["value"] == ["Số tiền, số lượng không thể âm (đã nhập -1)."]


def test_it_refuses_a_currency_code_that_is_not_iso_4217(db):
    assert _errors(currency="US$")["currency"] == [
        "“US$” không phải mã tiền tệ ISO 4217. Nhập mã 3 chữ cái, ví dụ: USD, VND, KRW, JPY, EUR."
    ]
    assert _errors(equivalent_value="1", equivalent_currency="đồng")["equivalent_currency"][0].startswith("“ĐỒNG”")


def test_money_needs_a_currency(db):
    assert _errors(currency="")["currency"] == ["Số liệu là số tiền thì cần mã tiền tệ, đúng như nguồn nêu."]


def test_a_count_of_projects_has_no_currency_and_no_fraction(db):
    errors = _errors(unit="projects", value="11.5")
    assert errors["currency"] == ["Số liệu đếm dự án thì không có tiền tệ; bỏ trống mã tiền tệ."]
    assert errors["value"] == ["Số dự án phải là số nguyên."]
    assert ReportedFigureForm(_figure_data(unit="projects", value="11", currency="")).is_valid()


def test_an_equivalent_needs_both_its_amount_and_currency_and_only_for_money(db):
    assert _errors(equivalent_value="981000000000")["equivalent_currency"] == [
        "Nhập cả giá trị tương đương và mã tiền tệ của nó, hoặc bỏ trống cả hai."
    ]
    errors = _errors(unit="projects", value="11", currency="", equivalent_value="1", equivalent_currency="VND")
    assert errors["equivalent_value"] == ["Chỉ số tiền mới có giá trị tương đương."]


def test_a_period_cannot_end_before_it_starts(db):
    assert _errors(period_start="2022", period_end="2007")["period_end"] == [
        "Kỳ kết thúc (2007) không thể trước kỳ bắt đầu (2022)."
    ]
    assert ReportedFigureForm(_figure_data(period_start="2025", period_end="12/2025")).is_valid()


def test_a_figure_has_a_period_or_an_as_of_date_not_both(db):
    assert _errors(period_start="2025", as_of="31/12/2025")["as_of"] == [
        "Số liệu có kỳ (từ – đến) hoặc thời điểm “tính đến”, không có cả hai."
    ]


def test_the_demo_keeps_the_figures_as_the_articles_state_them(demo):
    figures = {figure.subject: figure for figure in ReportedFigure.objects.for_listing()}
    assert {subject: figure.stated_value for subject, figure in figures.items()} == {
        "Dự án FDI của Hàn Quốc tại TP. Huế": "17 dự án",
        "Tổng vốn đăng ký của các dự án FDI Hàn Quốc tại TP. Huế": "hơn 61.600.000 USD",
        "Dự án ODA đã hoàn thành với Hàn Quốc": "6 dự án",
        "Tổng vốn các dự án ODA đã hoàn thành với Hàn Quốc": "hơn 55.000.000 USD",
        "Dự án FDI cấp mới tại TP. Huế năm 2025": "11 dự án",
        "Tổng vốn đăng ký của các dự án FDI cấp mới tại TP. Huế năm 2025": "hơn 39.000.000 USD (≈ 981.000.000.000 VND)",
    }
    odas = figures["Tổng vốn các dự án ODA đã hoàn thành với Hàn Quốc"]
    assert (str(odas.period_start), str(odas.period_end), odas.country.code) == ("2007", "2022", "KR")
    new_fdi = figures["Tổng vốn đăng ký của các dự án FDI cấp mới tại TP. Huế năm 2025"]
    assert (str(new_fdi.period_start), str(new_fdi.period_end), new_fdi.country) == ("2025", "2025", None)
    assert (new_fdi.source_title, str(new_fdi.source_date)) == (
        "“Cánh tay nối dài” của phát triển kinh tế",
        "14/02/2026",
    )
    korean_fdi = figures["Dự án FDI của Hàn Quốc tại TP. Huế"]
    # The first article carries no date and the count is not a lower bound; neither is invented.
    assert korean_fdi.source_date is None and korean_fdi.as_of is None
    assert not korean_fdi.is_lower_bound
    assert all(figure.source_published_in == "" for figure in figures.values())
    for figure in figures.values():
        figure.full_clean()


def test_loading_the_demo_twice_adds_no_projects_figures_or_history(db):
    def counts():
        return {model.__name__: (model.objects.count(), model.history.count()) for model in (Project, ReportedFigure)}

    call_command("load_demo", stdout=StringIO())
    first = counts()
    output = StringIO()
    call_command("load_demo", stdout=output)
    assert counts() == first == {"Project": (3, 3), "ReportedFigure": (6, 6)}
    assert "projects: 3, figures: 6" in output.getvalue()


def test_a_country_with_figures_cannot_be_deleted(demo):
    from django.db.models.deletion import ProtectedError

    with pytest.raises(ProtectedError):
        Country.objects.get(code="KR").delete()


def test_admin_search_ignores_diacritics(admin_client, demo):
    response = admin_client.get(reverse(CHANGELIST), {"q": "du an oda da hoan thanh"})
    assert response.context["cl"].result_count == 2
    assert "hơn 55.000.000 USD" in response.text


def test_admin_filters_by_unit_country_and_source_year(admin_client, demo):
    korea = Country.objects.get(code="KR")

    def count(params):
        return admin_client.get(reverse(CHANGELIST), params).context["cl"].result_count

    assert count({"unit__exact": "money"}) == 3
    assert count({"country__id__exact": korea.pk}) == 4
    assert count({"source_year": "2026"}) == 2


# The reported figures' changelist, for a superuser:
#    1  the session
#    2  the user (a superuser: no permission query)
#    3  the second-factor device that verified the session
#    4  the countries figures refer to, for their filter (one query, an EXISTS per country)
#    5  the source years in use, for their filter
#    6  the paginator's COUNT
#    7  the page of figures with their country and partner
CHANGELIST_QUERIES = 7


def test_the_changelist_query_count_does_not_grow_with_rows(admin_client, demo):
    before = count_queries(admin_client, reverse(CHANGELIST))
    for i, partner in enumerate(Partner.objects.select_related("country")):
        ReportedFigure.objects.create(
            subject=f"Số liệu thử {i}",
            value=i,
            unit="projects",
            country=partner.country,
            partner=partner,
            source_title="Nguồn thử",
            source_date=f"{2000 + i}",
        )
    after = count_queries(admin_client, reverse(CHANGELIST))
    assert (before, after) == (CHANGELIST_QUERIES, CHANGELIST_QUERIES)
