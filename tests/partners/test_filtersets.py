"""PartnerFilterSet on its own: rows built here, counts asserted (as NetBox tests its FilterSets)."""

import pytest
from django.core.paginator import Paginator

from agreements.filtersets import AgreementFilterSet
from delegations.filtersets import DelegationFilterSet
from partners.choices import PartnerKind, RelationshipStatus
from partners.filtersets import PartnerFilterSet
from partners.models import Country, FieldOfCooperation, Partner
from projects.filtersets import ProjectFilterSet, ReportedFigureFilterSet

# Every list that can be narrowed to one partner (partners' pages link to them with `?partner=<id>`).
BY_PARTNER = [AgreementFilterSet, DelegationFilterSet, ProjectFilterSet, ReportedFigureFilterSet]


@pytest.fixture
def partners(db):
    korea, japan = Country.objects.get(code="KR"), Country.objects.get(code="JP")
    tourism = FieldOfCooperation.objects.create(code="test-tourism", name_vi="Du lịch thử")
    gyeongju = Partner.objects.create(
        kind=PartnerKind.CITY,
        name_vi="Thành phố Gyeongju",
        name_en="Gyeongju",
        country=korea,
        relationship_status=RelationshipStatus.UNDER_REVIEW,
    )
    gyeongju.fields.add(tourism)
    Partner.objects.create(
        kind=PartnerKind.PREFECTURE, name_vi="Tỉnh Fukui", country=japan, relationship_status=RelationshipStatus.ACTIVE
    )
    Partner.objects.create(kind=PartnerKind.COMPANY, name_vi="Công ty Đông Á", country=japan)
    return Partner.objects.all()


def count(params, queryset=None):
    return PartnerFilterSet(params, queryset if queryset is not None else Partner.objects.for_listing()).qs.count()


def test_it_searches_without_diacritics(partners):
    assert count({"q": "dong a"}) == 1
    assert count({"q": "GYEONGJU"}) == 1
    assert count({"q": "thanh pho"}) == 1


def test_it_filters_by_country_code_in_any_case(partners):
    assert count({"country": "KR"}) == 1
    assert count({"country": "jp"}) == 2


def test_it_filters_by_field_status_and_kind(partners):
    assert count({"field": "test-tourism"}) == 1
    assert count({"status": "active"}) == 1
    assert count({"kind": "company"}) == 1
    assert count({"country": "JP", "kind": "prefecture"}) == 1


def test_it_reports_unknown_values_in_vietnamese(partners):
    filterset = PartnerFilterSet({"status": "bogus", "country": "ZZ", "field": "du lịch"}, Partner.objects.all())
    assert not filterset.is_valid()
    assert "bogus" in filterset.errors["status"][0]
    assert "ZZ" in filterset.errors["country"][0]
    assert filterset.errors["field"] == [
        "Mã lĩnh vực “du lịch” không hợp lệ: mã chỉ gồm chữ cái không dấu, chữ số, “-” và “_”."
    ]
    # The invalid filters are left out, not turned into a server error.
    assert filterset.qs.count() == 3


def test_it_defaults_to_the_listing_queryset(partners):
    assert PartnerFilterSet().qs.count() == 3


@pytest.fixture
def many_alike(db):
    """120 partners sharing names (24 names over 5 countries), kinds, countries and status: every sort has ties."""
    countries = list(Country.objects.filter(code__in=["KR", "JP", "FR", "CZ", "AU"]))
    for number in range(120):
        Partner.objects.create(
            kind=PartnerKind.CITY if number % 2 else PartnerKind.PROVINCE,
            name_vi=f"Thành phố {number % 24}",
            country=countries[number % 5],
            relationship_status=RelationshipStatus.ACTIVE,
        )


@pytest.mark.parametrize("params", [{}, {"sort": "kind"}, {"sort": "-kind"}, {"sort": "country"}, {"sort": "status"}])
def test_consecutive_pages_never_overlap_and_cover_every_row(many_alike, params):
    # Each page is its own query, as a reader turns pages. Rows that tie on the sort key may come back in a
    # different order from one query to the next: PostgreSQL's top-N sort does (without a last key, four of these
    # five sorts showed rows twice and others never). SQLite returns ties in insertion order, so this bites on
    # PostgreSQL only.
    paginator = Paginator(PartnerFilterSet(params).qs, 25)
    pages = [[partner.pk for partner in paginator.page(number)] for number in paginator.page_range]

    shown = [pk for page in pages for pk in page]
    assert len(shown) == len(set(shown)), "a row appears on two pages"
    assert set(shown) == set(Partner.objects.values_list("pk", flat=True))


def test_it_sorts_by_a_named_column(partners):
    names = [p.name_vi for p in PartnerFilterSet({"sort": "-name"}).qs]
    assert names == sorted(names, reverse=True)
    assert not PartnerFilterSet({"sort": "search_text"}).is_valid()


def test_it_filters_to_nothing_by_a_field_code_no_field_has(partners):
    # A well-formed code is a question with an empty answer, not a mistake (foreignaffairs.api.schema).
    filterset = PartnerFilterSet({"field": "nope"}, Partner.objects.all())
    assert filterset.is_valid()
    assert filterset.qs.count() == 0


@pytest.mark.parametrize("filterset_class", BY_PARTNER)
@pytest.mark.parametrize("value", ["abc", "1.5"])
def test_every_list_refuses_a_partner_id_that_is_no_number_in_the_same_words(db, filterset_class, value):
    filterset = filterset_class({"partner": value})
    assert not filterset.is_valid()
    assert filterset.errors["partner"] == [f"Mã số đối tác phải là một số nguyên (đã nhập “{value}”)."]


@pytest.mark.parametrize("filterset_class", BY_PARTNER)
@pytest.mark.parametrize("value", ["999999", "-1"])
def test_every_list_is_empty_for_a_partner_id_no_partner_has(demo, filterset_class, value):
    # An API client holding the id of a partner deleted since gets an empty page, not an error.
    filterset = filterset_class({"partner": value})
    assert filterset.is_valid()
    assert not filterset.qs.exists()


@pytest.mark.parametrize("filterset_class", BY_PARTNER)
def test_every_list_asks_for_the_partner_as_a_number_labelled_alike(db, filterset_class):
    field = filterset_class().form["partner"]
    assert field.label == "Đối tác"
    assert 'type="number"' in str(field)
