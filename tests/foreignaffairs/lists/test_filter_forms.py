"""The filter form of every list and of the calendar, submitted as the page renders it.

Pressing "Lọc" with nothing chosen must give the whole list; whatever a select shows as chosen must be what the
list is filtered by. The country select once had no empty option, so an untouched form filtered every list to
Korea ("Đang hoạt động": 2 partners through the form, 4 through the address).
"""

import pytest

from agreements.filtersets import AgreementFilterSet, ReviewFilterSet
from delegations.filtersets import DelegationFilterSet
from foreignaffairs.relationships.filtersets import PartnerHealthFilterSet
from partners.filtersets import PartnerFilterSet
from projects.filtersets import ProjectFilterSet
from tests.pages import filter_form, result_count, selected_options, submitted_query

LISTS = {
    "/dashboard/partners/": PartnerHealthFilterSet,
    "/dashboard/agreements/": AgreementFilterSet,
    "/dashboard/reviews/": ReviewFilterSet,
    "/dashboard/projects/": ProjectFilterSet,
    "/dashboard/delegations/": DelegationFilterSet,
}
# A few countries stand for the 249: the two the demo data has partners in, one it has only delegations to, one
# with nothing at all.
COUNTRIES_TRIED = ("KR", "JP", "CZ", "BR")

pytestmark = pytest.mark.usefixtures("demo")


def options_to_try(form, name: str) -> list[str]:
    values = [value for value in form.inputs[name].value_options if value]
    return [value for value in values if value in COUNTRIES_TRIED] if name == "country" else values


@pytest.mark.parametrize("url", LISTS)
def test_it_lists_everything_when_the_form_is_submitted_untouched(logged_in, url):
    first = logged_in.get(url)
    submitted = logged_in.get(f"{url}?{submitted_query(filter_form(first))}")
    assert result_count(submitted) == result_count(first) == LISTS[url]().qs.count()


@pytest.mark.parametrize("url", LISTS)
def test_it_starts_every_select_with_an_option_that_filters_nothing(logged_in, url):
    for select in filter_form(logged_in.get(url)).xpath(".//select"):
        first = select.xpath(".//option")[0]
        assert (first.get("value"), first.text_content()) == ("", "Tất cả"), select.get("name")


@pytest.mark.parametrize("url", LISTS)
def test_it_shows_chosen_exactly_what_it_filters_by(logged_in, url):
    form = filter_form(logged_in.get(url))
    selects = [name for name, field in form.inputs.items() if field.tag == "select"]
    assert selects, "every list has at least one select"
    for name in selects:
        for value in options_to_try(form, name):
            response = logged_in.get(f"{url}?{submitted_query(form, **{name: value})}")
            assert selected_options(response)[name] == value, (name, value)
            assert result_count(response) == LISTS[url]({name: value}).qs.count(), (name, value)


def test_it_finds_the_same_active_partners_through_the_form_and_the_address(logged_in):
    form = filter_form(logged_in.get("/dashboard/partners/"))
    through_form = logged_in.get(f"/dashboard/partners/?{submitted_query(form, status='active')}")
    through_address = logged_in.get("/dashboard/partners/?status=active")
    # Chungcheongnam and KOICA in Korea, Fukui and UPCUL in Japan.
    assert result_count(through_form) == result_count(through_address) == 4


def test_it_shows_a_country_typed_in_lower_case_chosen(logged_in):
    response = logged_in.get("/dashboard/partners/?country=kr")
    assert selected_options(response)["country"] == "KR"
    assert result_count(response) == PartnerFilterSet({"country": "KR"}).qs.count()


def calendar_totals(response) -> dict[str, tuple[int, int]]:
    return {month.key: (month.inbound.total, month.outbound.total) for month in response.context["months"]}


def test_it_shows_the_whole_calendar_when_its_form_is_submitted_untouched(logged_in):
    first = logged_in.get("/dashboard/calendar/?year=2025")
    submitted = logged_in.get(f"/dashboard/calendar/?{submitted_query(filter_form(first))}")
    # The promotion delegations of 2025 (to the Czech Republic, Belgium, Switzerland and Australia).
    assert calendar_totals(submitted) == calendar_totals(first) == {"2025": (0, 1)}


def test_it_keeps_the_calendar_on_its_year_when_filtered(logged_in):
    first = logged_in.get("/dashboard/calendar/?year=2025")
    filtered = logged_in.get(f"/dashboard/calendar/?{submitted_query(filter_form(first), direction='outbound')}")
    assert filtered.context["year"] == 2025
    assert calendar_totals(filtered) == {"2025": (0, 1)}
