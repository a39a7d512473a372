"""The admin lists' country filters offer the countries their records refer to, not all 249 of the ISO list."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agreements.models import Agreement, AgreementReview
from delegations.models import Delegation
from partners.models import Country, Partner, Person
from projects.models import Project, ReportedFigure
from tests.conftest import admin_url
from tests.forms import _document

# Each list, and the path from its records to a country.
COUNTRY_FILTERS = [
    (Agreement, "partners__country"),
    (AgreementReview, "agreement__partners__country"),
    (Project, "partner__country"),
    (Delegation, "countries"),
    (Partner, "country"),
    (Person, "country"),
    (ReportedFigure, "country"),
]


def offered_countries(page, path: str) -> list[str]:
    """The countries the filter sidebar links to (not "all", not "none")."""
    links = _document(page).xpath(
        "//*[@id='changelist-filter']//li/a[contains(@href, $lookup)]", lookup=f"?{path}__id__exact="
    )
    return [" ".join(link.text_content().split()) for link in links]


@pytest.fixture
def two_countries(demo):
    """The demo's agreements, reviews and projects are all Korean; a filter with one choice is not shown at all."""
    fukui = Partner.objects.get(name_en="Fukui Prefecture")
    AgreementReview.objects.order_by("pk").first().agreement.partners.add(fukui)
    Project.objects.filter(pk=Project.objects.order_by("pk").first().pk).update(partner=fukui)
    Country.objects.filter(code="FR").update(priority="priority")  # ranked, but no record refers to it


@pytest.mark.parametrize(("model", "path"), COUNTRY_FILTERS, ids=lambda value: getattr(value, "__name__", value))
def test_it_offers_only_the_countries_in_use(admin_client, two_countries, model, path):
    in_use = {
        str(Country.objects.get(pk=pk))
        for pk in model.objects.exclude(**{f"{path}__isnull": True}).values_list(path, flat=True)
    }

    page = admin_client.get(admin_url(model, "changelist"))

    offered = offered_countries(page, path)
    assert offered and len(offered) == len(set(offered)) == len(in_use)
    assert set(offered) == in_use


@pytest.mark.parametrize(("model", "path"), COUNTRY_FILTERS, ids=lambda value: getattr(value, "__name__", value))
def test_it_finds_them_with_exists_not_distinct(admin_client, two_countries, model, path):
    with CaptureQueriesContext(connection) as queries:
        admin_client.get(admin_url(model, "changelist"))

    # The filter's one query: each country asked whether a record refers to it, never a DISTINCT over the list.
    [country_query] = [q["sql"] for q in queries if q["sql"].startswith('SELECT "partners_country"."id"')]
    assert "EXISTS" in country_query
    assert not any("DISTINCT" in q["sql"] and "country" in q["sql"] for q in queries)


def year_link(page, title: str, year: str) -> str:
    """The address of the sidebar's `year` link under the filter titled `title`."""
    [href] = _document(page).xpath(
        "//*[@id='changelist-filter']//details[@data-filter-title=$title]//a[normalize-space()=$year]/@href",
        title=title,
        year=year,
    )
    return href


def listed_ids(page) -> set[int]:
    return {int(pk) for pk in _document(page).xpath("//input[@name='_selected_action']/@value")}


def test_it_lists_the_agreements_of_the_year_chosen_whatever_the_dates_precision(admin_client):
    url = admin_url(Agreement, "changelist")
    dated = {
        signed: Agreement.objects.create(title_vi=f"Ký {signed or 'chưa rõ'}", kind="cooperation", signed_on=signed)
        for signed in ("2025-08-14", "2025-08", "2025", "2024-12-31", "")
    }

    page = admin_client.get(url)
    assert [
        link.text_content().strip()
        for link in _document(page).xpath("//*[@id='changelist-filter']//details[@data-filter-title='năm ký']//a")
    ] == ["Tất cả", "2025", "2024"]
    chosen = admin_client.get(url + year_link(page, "năm ký", "2025"))

    assert listed_ids(chosen) == {dated[signed].pk for signed in ("2025-08-14", "2025-08", "2025")}


def test_it_lists_the_agreements_in_effect_from_the_year_chosen(admin_client):
    url = admin_url(Agreement, "changelist")
    effective = {
        year: Agreement.objects.create(
            title_vi=f"Hiệu lực {year}", kind="cooperation", effective_on=datetime.date(year, 3, 1)
        )
        for year in (2023, 2026)
    }
    Agreement.objects.create(title_vi="Chưa có hiệu lực", kind="cooperation")

    chosen = admin_client.get(url + year_link(admin_client.get(url), "năm có hiệu lực", "2023"))

    assert listed_ids(chosen) == {effective[2023].pk}
