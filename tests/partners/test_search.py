"""Partners and people are found by the names around them, the same by the FilterSet, on the dashboard list (people
have none), in the API and in the admin (tests.search): a partner by its names in three scripts, its parent's
("busan" finds Dongnae) and its contacts'; a person by name, title and organization."""

import pytest

from partners.filtersets import PartnerFilterSet, PersonFilterSet
from partners.models import Partner, Person
from tests.search import Kind, found_everywhere

PARTNERS = Kind(PartnerFilterSet, "/api/v1/partners/", Partner, "dashboard:partner-list")
PEOPLE = Kind(PersonFilterSet, "/api/v1/people/", Person)


def partners(*english_names: str) -> set[int]:
    return set(Partner.objects.filter(name_en__in=english_names).values_list("pk", flat=True))


def people(*names: str) -> set[int]:
    return set(Person.objects.filter(full_name__in=names).values_list("pk", flat=True))


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("busan", ("Busan Metropolitan City", "Dongnae District")),  # Dongnae lies within Busan
        ("부산광역시", ("Busan Metropolitan City", "Dongnae District")),
        ("dongnae", ("Dongnae District",)),
        ("dong nae", ("Dongnae District",)),  # split apart
        ("quandongnae", ("Dongnae District",)),  # run together
        ("동래구", ("Dongnae District",)),
        ("충청남도", ("Chungcheongnam Province",)),
        ("福井", ("Fukui Prefecture", "UPCUL JSC")),  # UPCUL lies within Fukui
        ("sugiyama", ("UPCUL JSC",)),  # its contact
        ("upcul mitsuki", ("UPCUL JSC",)),
    ],
)
def test_it_finds_a_partner_by_its_names_its_parents_and_its_contacts(admin_client, demo, query, found):
    assert found_everywhere(admin_client, PARTNERS, query) == partners(*found)


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("nguyen dinh trung", ("Nguyễn Đình Trung",)),  # name
        ("pho chu tich thuong truc", ("Nguyễn Thanh Bình",)),  # title
        ("people's committee", ("Trần Hữu Thùy Giang", "Nguyễn Thanh Bình")),  # organization: a Huế unit
        ("upcul", ("Sugiyama Mitsuki",)),  # organization: a partner
        ("ctcp upcul sugiyama", ("Sugiyama Mitsuki",)),
        ("so ngoai vu giam doc", ("Nguyễn Văn Phúc",)),
    ],
)
def test_it_finds_a_person_by_name_title_and_organization(admin_client, demo, query, found):
    assert found_everywhere(admin_client, PEOPLE, query) == people(*found)
