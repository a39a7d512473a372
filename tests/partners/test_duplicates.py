"""Likely duplicates (partners.duplicates): an officer adding a partner or a person already recorded under a close
name is shown the records before anything is saved, each a link to its page, and saves only on ticking a box."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from partners.duplicates import partner_duplicates, person_duplicates
from partners.forms import CONFIRM_FIELD, PartnerForm
from partners.models import Country, Partner, Person
from tests.conftest import admin_change_url, admin_url
from tests.forms import page_form_data
from tests.pages import document

CONFIRM_LABEL = "Tôi đã xem các bản ghi giống tên, vẫn lưu bản ghi mới"


@pytest.mark.parametrize(
    ("model", "typed", "existing"),
    [
        (Partner, {"kind": "province", "name_vi": "Tinh Chungcheong Nam"}, "Tỉnh Chungcheongnam"),
        (Person, {"full_name": "Nguyen Dinh Trung", "title": "Bí thư"}, "Nguyễn Đình Trung"),
    ],
    ids=["partner", "person"],
)
def test_the_add_form_shows_the_likely_duplicates_and_saves_once_the_box_is_ticked(
    editor_client, demo, model, typed, existing
):
    add = admin_url(model, "add")
    page = editor_client.get(add)
    box = f'//input[@name="{CONFIRM_FIELD}"]'
    assert document(page).xpath(f"{box}/@type") == ["hidden"], "no box to tick before anything is found"
    form = page_form_data(page, press="_save")
    form.update(typed, country=Country.objects.get(code="KR").pk)
    before = model.objects.count()

    warned = editor_client.post(add, form)

    assert warned.status_code == 200 and model.objects.count() == before, "nothing saved yet"
    found = model.objects.get(**{"name_vi" if model is Partner else "full_name": existing})
    links = document(warned).xpath('//ul[@class="likely-duplicates"]//a')
    assert [(a.get("href"), a.get("target")) for a in links] == [(admin_change_url(found), "_blank")]
    assert existing in links[0].text_content()
    assert "Đã có 1 bản ghi có tên gần giống" in warned.text
    [label] = document(warned).xpath(f'//label[@for="id_{CONFIRM_FIELD}"]')
    assert document(warned).xpath(f"{box}/@type") == ["checkbox"] and label.text_content().strip() == CONFIRM_LABEL
    again = page_form_data(warned, press="_save")
    assert {name: again[name] for name in typed} == typed, "everything typed is still in the form"

    again[CONFIRM_FIELD] = "on"  # the box ticked
    saved = editor_client.post(add, again)

    assert saved.status_code == 302
    name_field = "name_vi" if model is Partner else "full_name"
    assert model.objects.filter(**{name_field: typed[name_field]}).count() == 1


CLOSE = [
    ("Tinh Chungcheong Nam", "Tỉnh Chungcheongnam"),  # diacritics dropped, a space added
    ("TỈNH CHUNGCHEONGNAM", "Tỉnh Chungcheongnam"),  # case
    ("Tỉnh Chungcheongnan", "Tỉnh Chungcheongnam"),  # one letter wrong
    ("Chungcheongnam Provine", "Tỉnh Chungcheongnam"),  # one letter left out, of the English name
    ("충청남도", "Tỉnh Chungcheongnam"),  # the native name
    ("Co quan hop tac quoc te Han Quoc", "Cơ quan Hợp tác Quốc tế Hàn Quốc"),  # eight words: stored with spaces only
    ("Thanh pho Busann", "Thành phố Busan"),  # one letter added
    ("Chung Cheong Nam", "Tỉnh Chungcheongnam"),  # without its level (Tỉnh), written apart
    ("Chungcheongnam-do", "Tỉnh Chungcheongnam"),  # its level written the Korean way
    ("Busan", "Thành phố Busan"),
]
DIFFERENT = [
    "Tỉnh Gyeonggi",  # beside Thành phố Gyeongju: Gyeonggi and Gyeongju are two letters apart
    "Gyeonggi Province",
    "Tỉnh Chungcheongbuk",  # the neighbouring province
    "Quận 3",  # beside Quận 1: numbers are never typos
    "Huyện Ulju",  # beside Huyện Uljin: two letters apart, another county
    "Thành phố Fukui",  # beside Tỉnh Fukui: both with a level, two levels, a city in its prefecture
]


def test_close_partner_names_are_found_and_different_ones_are_not(demo):
    korea = Country.objects.get(code="KR")
    Partner.objects.create(kind="district", name_vi="Quận 1", country=korea)
    found = {typed: [partner.name_vi for partner in partner_duplicates(typed)] for typed, _ in CLOSE}
    assert found == {typed: [existing] for typed, existing in CLOSE}
    assert {typed: partner_duplicates(typed) for typed in DIFFERENT} == dict.fromkeys(DIFFERENT, [])


def test_close_person_names_are_found_in_the_orders_names_are_written(demo):
    close = {
        "nguyen dinh trung": "Nguyễn Đình Trung",
        "Trung Dinh Nguyen": "Nguyễn Đình Trung",  # the given name first, as in English
        "Seokki Kim": "Kim Seokki",
        "Kim Seoki": "Kim Seokki",  # one letter left out
        "Mitsuki Sugiyama": "Sugiyama Mitsuki",
        # One letter apart once folded: maybe a typo, maybe another name; the warning shows whom, and the box saves.
        "Nguyễn Đình Trọng": "Nguyễn Đình Trung",
    }
    Person.objects.create(full_name="Lê Na")
    different = [
        "Nguyễn Trung Đình",  # another person: the middle and given names swapped
        "Nguyễn Đình Toàn",
        "Lê Nga",  # one letter, but a name of four letters must match exactly
    ]
    assert {typed: [str(person.full_name) for person in person_duplicates(typed)] for typed in close} == {
        typed: [name] for typed, name in close.items()
    }
    assert {typed: person_duplicates(typed) for typed in different} == dict.fromkeys(different, [])


def test_it_looks_up_in_two_queries_however_many_records_are_close(demo):
    def queries(name: str) -> tuple[int, int]:
        with CaptureQueriesContext(connection) as captured:
            found = person_duplicates(name)
        return len(captured), len(found)

    one = queries("Nguyen Dinh Trung")
    same = [Person(full_name="Nguyễn Đình Trung", search_text="nguyen dinh trung | nguyendinhtrung")] * 40
    Person.objects.bulk_create(same)
    many = queries("Nguyen Dinh Trung")
    assert (one, many) == ((2, 1), (2, 10))  # the candidates, then the records shown (at most ten)


def test_a_record_saved_under_its_own_name_is_no_duplicate_of_itself_but_a_rename_is_checked(demo):
    gyeongju = Partner.objects.get(name_vi="Thành phố Gyeongju")

    def form(**changes) -> PartnerForm:
        data = {
            "kind": gyeongju.kind,
            "name_vi": gyeongju.name_vi,
            "name_en": gyeongju.name_en,
            "name_native": gyeongju.name_native,
            "country": gyeongju.country_id,
            "relationship_type": gyeongju.relationship_type,
            "relationship_status": gyeongju.relationship_status,
            "loaded_last_updated": gyeongju.last_updated.isoformat(),
            **changes,
        }
        return PartnerForm(data, instance=gyeongju)

    with transaction.atomic():
        unchanged = form(notes="Đang rà soát")
        assert unchanged.is_valid(), unchanged.errors
        renamed = form(name_vi="Thanh pho Busan", name_en="", name_native="")
        assert not renamed.is_valid()
        assert [str(p) for p in renamed.likely_duplicates] == ["Thành phố Busan"]
        assert renamed.errors[CONFIRM_FIELD][0].startswith("Đã có 1 bản ghi có tên gần giống")
