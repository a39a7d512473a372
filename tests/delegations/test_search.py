"""Delegations are found by the names around them, the same by the FilterSet, on the dashboard list, in the API and
in the admin (tests.search): by their head, members, the people who received them, their partners, their countries
(Vietnamese and English names), title, programme and start date.

The demo data (Mr. Kim Seokki's visit, received by Party Secretary Nguyễn Đình Trung), plus a business delegation
from Fukui entered for the test.
"""

import pytest

from delegations.filtersets import DelegationFilterSet
from delegations.models import Delegation
from tests.conftest import admin_change_url
from tests.forms import SAVE, page_form_data
from tests.search import Kind, found_everywhere

DELEGATIONS = Kind(DelegationFilterSet, "/api/v1/delegations/", Delegation, "dashboard:delegation-list")


@pytest.fixture
def visit(demo) -> Delegation:
    return Delegation.objects.get(title_en="Mr. Kim Seokki's visit to Huế")


@pytest.mark.parametrize(
    "query",
    [
        "nguyen dinh trung",  # who received him: a member on the Huế side
        "NGUYỄN ĐÌNH TRUNG",
        "nguyendinhtrung",
        "tran huu thuy giang",  # an attendee
        "han quoc",  # its country in Vietnamese
        "korea",  # and in English
        "hanquoc",
        "seokki",  # its head, and its title
        "kim seokki hue",
        "city party committee",  # the Huế unit that hosted it
    ],
)
def test_it_finds_mr_kim_seokkis_visit_by_who_received_it_and_where_it_came_from(admin_client, visit, query):
    assert found_everywhere(admin_client, DELEGATIONS, query) == {visit.pk}


@pytest.mark.parametrize(
    "query",
    [
        "sugiyama mitsuki",  # its head
        "upcul",  # a partner it met
        "fukui prefecture",  # another, in English
        "福井",  # and in its own script
        "nhat ban",  # its country, in Vietnamese
        "japan",  # and in English
        "phong dien",  # its programme
        "mitsuki phong dien japan",  # several words narrow, across the record and its relations
    ],
)
def test_it_finds_a_delegation_by_its_head_partners_countries_and_programme(admin_client, fukui_business, query):
    assert found_everywhere(admin_client, DELEGATIONS, query) == {fukui_business.pk}


def test_several_words_narrow_to_the_visit_once_its_year_is_known(admin_client, visit):
    assert found_everywhere(admin_client, DELEGATIONS, "kim seokki 2025") == set()

    # A desk officer learns the year of the visit and enters it on the delegation's page.
    data = page_form_data(admin_client.get(admin_change_url(visit)), press=SAVE)
    data["starts_on"] = "2025"
    assert admin_client.post(admin_change_url(visit), data).status_code == 302

    assert found_everywhere(admin_client, DELEGATIONS, "kim seokki 2025") == {visit.pk}
    assert found_everywhere(admin_client, DELEGATIONS, "2025 trung seokki") == {visit.pk}
    assert found_everywhere(admin_client, DELEGATIONS, "kim seokki 2024") == set()
