"""Cooperation projects: their rules through the form the admin uses, per-currency totals, demo data and admin."""

import decimal

import pytest
from django.contrib.auth.models import Group
from django.db.models import Sum
from django.db.models.deletion import ProtectedError
from django.urls import reverse

from partners.models import Country, FieldOfCooperation, HueUnit, Partner
from projects.forms import ProjectForm
from projects.models import Project, fold_by_currency
from tests.conftest import count_queries
from tests.forms import SAVE, page_form_data

CHANGELIST = "admin:projects_project_changelist"


def _project_data(**changes):
    data = {"kind": "oda_grant", "title_vi": "Dự án thử", "status": "in_progress"}
    data.update(changes)
    return data


def _errors(**changes) -> dict:
    form = ProjectForm(_project_data(**changes))
    assert not form.is_valid()
    return form.errors


def test_it_refuses_a_negative_amount(db):
    errors = _errors(committed_amount="-5", committed_currency="USD")
    assert errors["committed_amount"] == ["Số tiền, số lượng không thể âm (đã nhập -5)."]


def test_it_refuses_a_disbursed_amount_above_the_committed_one_in_the_same_currency(db):
    errors = _errors(
        committed_amount="1000000", committed_currency="USD", disbursed_amount="2000000", disbursed_currency="usd"
    )
    assert errors["disbursed_amount"] == [
        "Vốn đã giải ngân (2.000.000 USD) không thể lớn hơn vốn cam kết (1.000.000 USD)."
    ]


def test_it_does_not_compare_amounts_in_different_currencies(db):
    form = ProjectForm(
        _project_data(
            committed_amount="1000000",
            committed_currency="USD",
            disbursed_amount="20000000000",
            disbursed_currency="VND",
        )
    )
    assert form.is_valid(), form.errors


def test_it_refuses_a_currency_code_that_is_not_iso_4217(db):
    errors = _errors(committed_amount="100", committed_currency="dollar")
    assert errors["committed_currency"] == [
        "“DOLLAR” không phải mã tiền tệ ISO 4217. Nhập mã 3 chữ cái, ví dụ: USD, VND, KRW, JPY, EUR."
    ]
    assert _errors(committed_amount="100", committed_currency="XYZ")["committed_currency"][0].startswith("“XYZ”")


def test_it_refuses_an_amount_without_its_currency(db):
    errors = _errors(disbursed_amount="100")
    assert errors["disbursed_currency"] == ["Nhập mã tiền tệ cho vốn đã giải ngân, đúng như nguồn nêu."]


def test_it_keeps_the_currency_upper_case_and_the_amount_as_typed(db):
    form = ProjectForm(_project_data(committed_amount="61600000.5", committed_currency=" krw "))
    assert form.is_valid(), form.errors
    project = form.save()
    project.refresh_from_db()
    assert (project.committed_amount, project.committed_currency) == (decimal.Decimal("61600000.50"), "KRW")
    assert project.committed == "61.600.000,5 KRW"


@pytest.mark.parametrize(
    ("starts", "ends", "valid"),
    [
        ("2007", "2022", True),
        ("2025", "03/2025", True),
        ("08/2025", "31/08/2025", True),
        ("10/03/2025", "09/03/2025", False),
        ("2025", "2024", False),
        ("04/2025", "31/03/2025", False),
    ],
)
def test_a_project_cannot_end_before_it_starts(db, starts, ends, valid):
    form = ProjectForm(_project_data(starts_on=starts, ends_on=ends))
    assert form.is_valid() is valid, form.errors


def test_the_end_before_start_error_names_both_dates(db):
    assert _errors(starts_on="04/2025", ends_on="31/03/2025")["ends_on"] == [
        "Ngày kết thúc (31/03/2025) không thể trước ngày bắt đầu (04/2025)."
    ]


def _project(title, committed=None, committed_currency="", disbursed=None, disbursed_currency="", **values):
    return Project.objects.create(
        kind="fdi",
        title_vi=title,
        committed_amount=committed,
        committed_currency=committed_currency,
        disbursed_amount=disbursed,
        disbursed_currency=disbursed_currency,
        **values,
    )


def _totals(projects) -> dict:
    return fold_by_currency(project.money_row() for project in projects)


def test_totals_are_per_currency_never_across_currencies(db):
    _project("A", "1000000", "USD", "250000", "USD")
    _project("B", "500000.50", "USD", "1000000000", "VND")
    _project("C", "981000000000", "VND")
    _project("D", None, "", "300000000", "KRW")
    _project("E")  # amounts unknown: counted nowhere
    totals = _totals(Project.objects.all())
    assert totals == {
        "KRW": {"committed": 0, "disbursed": decimal.Decimal("300000000")},
        "USD": {"committed": decimal.Decimal("1500000.50"), "disbursed": decimal.Decimal("250000")},
        "VND": {"committed": decimal.Decimal("981000000000"), "disbursed": decimal.Decimal("1000000000")},
    }
    assert list(totals) == ["KRW", "USD", "VND"]


def test_totals_fold_rows_already_summed_by_the_database(db):
    _project("A", "100", "USD", "40", "USD", status="completed")
    _project("B", "50", "USD", None, "", status="completed")
    _project("C", "7", "KRW", "7", "KRW", status="in_progress")
    # As the overview sums them: one query, grouped by the currency pair and by more columns besides.
    rows = (
        Project.objects.order_by()
        .values("status", "committed_currency", "disbursed_currency")
        .annotate(committed=Sum("committed_amount"), disbursed=Sum("disbursed_amount"))
    )
    assert fold_by_currency(rows) == {
        "KRW": {"committed": decimal.Decimal("7"), "disbursed": decimal.Decimal("7")},
        "USD": {"committed": decimal.Decimal("150"), "disbursed": decimal.Decimal("40")},
    }
    assert fold_by_currency([]) == {}


def test_the_demo_has_the_three_koica_grants_in_progress_with_amounts_blank(demo):
    projects = Project.objects.for_listing().order_by("title_vi")
    assert [(p.title_vi, p.kind, p.status, p.location) for p in projects] == [
        ("Hành động bom mìn vì làng hòa bình", "oda_grant", "in_progress", ""),
        ("Làng hòa bình Việt Nam - Hàn Quốc", "oda_grant", "in_progress", "A Lưới"),
        ("Xây dựng thành phố Huế văn hóa và du lịch thông minh", "oda_grant", "in_progress", ""),
    ]
    for project in projects:
        assert project.partner.abbreviation == project.channel.abbreviation == "KOICA"
        assert project.committed_amount is project.disbursed_amount is None
        assert project.starts_on is project.ends_on is None
        assert project.hue_unit is None
    assert _totals(projects) == {}


def test_a_funder_with_projects_cannot_be_deleted(demo):
    koica = Partner.objects.get(abbreviation="KOICA")
    with pytest.raises(ProtectedError):
        koica.delete()


def test_changes_are_kept_in_the_history(demo):
    project = Project.objects.get(location="A Lưới")
    project.committed_currency = "USD"
    project.committed_amount = decimal.Decimal("1")
    project.save()
    assert project.history.count() == 2
    assert project.history.first().committed_currency == "USD"


def test_the_roles_can_read_and_editors_can_change_projects(db):
    def codenames(role):
        return set(Group.objects.get(name=role).permissions.values_list("codename", flat=True))

    assert {"view_project", "view_reportedfigure"} <= codenames("viewer")
    assert not {"add_project", "change_project"} & codenames("viewer")
    assert {"add_project", "change_project", "add_reportedfigure", "change_reportedfigure"} <= codenames("editor")
    assert "delete_project" not in codenames("editor")
    assert {"delete_project", "delete_reportedfigure"} <= codenames("administrator")


def test_admin_search_ignores_diacritics(admin_client, demo):
    response = admin_client.get(reverse(CHANGELIST), {"q": "lang hoa binh viet nam"})
    assert "Làng hòa bình Việt Nam - Hàn Quốc" in response.text
    assert "Xây dựng thành phố Huế" not in response.text
    assert "A Lưới" in admin_client.get(reverse(CHANGELIST), {"q": "a luoi"}).text


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"kind__exact": "oda_grant"}, 3),
        ({"kind__exact": "fdi"}, 0),
        ({"status__exact": "in_progress"}, 3),
        ({"status__exact": "completed"}, 0),
    ],
)
def test_admin_filters(admin_client, demo, params, expected):
    response = admin_client.get(reverse(CHANGELIST), params)
    assert response.status_code == 200
    assert response.context["cl"].result_count == expected


def test_admin_filters_by_field_of_cooperation(admin_client, demo):
    smart_city = FieldOfCooperation.objects.get(code="urban-planning-smart-city")
    response = admin_client.get(reverse(CHANGELIST), {"fields__id__exact": smart_city.pk})
    assert response.context["cl"].result_count == 1


def test_admin_filters_by_the_funders_country_and_the_start_year(admin_client, demo):
    korea, japan = Country.objects.get(code="KR"), Country.objects.get(code="JP")
    _project("Dự án Nhật Bản", starts_on="2025-03", partner=Partner.objects.get(abbreviation="UPCUL"))
    assert (
        admin_client.get(reverse(CHANGELIST), {"partner__country__id__exact": korea.pk}).context["cl"].result_count == 3
    )
    assert (
        admin_client.get(reverse(CHANGELIST), {"partner__country__id__exact": japan.pk}).context["cl"].result_count == 1
    )
    assert admin_client.get(reverse(CHANGELIST), {"year": "2025"}).context["cl"].result_count == 1


# The project changelist, for a superuser:
#    1  the session
#    2  the user (a superuser: no permission query)
#    3  the second-factor device that verified the session
#    4  the countries of the projects' funders, for their filter (one query, an EXISTS per country)
#    5  the fields of cooperation, for their filter
#    6  the start years in use, for their filter
#    7  the paginator's COUNT
#    8  the page of projects with their funder and Huế unit
CHANGELIST_QUERIES = 8


def test_the_changelist_query_count_does_not_grow_with_rows(admin_client, demo):
    before = count_queries(admin_client, reverse(CHANGELIST))
    fields = list(FieldOfCooperation.objects.all()[:3])
    for i, partner in enumerate(Partner.objects.all()):
        unit = HueUnit.objects.create(name_vi=f"Đơn vị thử {i}")
        project = _project(
            f"Dự án thử {i}", "1000", "USD", "10", "USD", partner=partner, channel=partner, hue_unit=unit
        )
        project.fields.set(fields)
    after = count_queries(admin_client, reverse(CHANGELIST))
    assert (before, after) == (CHANGELIST_QUERIES, CHANGELIST_QUERIES)


def test_the_admin_saves_a_project_and_refuses_a_bad_one_naming_the_problem(admin_client, demo):
    url = reverse("admin:projects_project_add")
    koica = Partner.objects.get(abbreviation="KOICA")
    # Posted as the page renders it (its inlines' management forms included), with the fields typed in.
    data = {
        **page_form_data(admin_client.get(url), press=SAVE),
        **_project_data(
            partner=koica.pk, committed_amount="39000000", committed_currency="USD", starts_on="2025", ends_on="2024"
        ),
    }
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "Ngày kết thúc (2024) không thể trước ngày bắt đầu (2025)." in response.text
    assert not Project.objects.filter(title_vi="Dự án thử").exists()
    response = admin_client.post(url, {**data, "ends_on": "12/2027"})
    assert response.status_code == 302
    project = Project.objects.get(title_vi="Dự án thử")
    assert (project.committed, str(project.ends_on), project.created_by.username) == (
        "39.000.000 USD",
        "12/2027",
        "root",
    )
