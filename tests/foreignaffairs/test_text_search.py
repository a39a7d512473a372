import pytest

from agreements.models import Agreement
from foreignaffairs.text_search import fold, search_q
from partners.models import Partner, Person


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Huế", "hue"),
        ("Nguyễn Đình Trung", "nguyen dinh trung"),
        ("ĐÀ NẴNG", "da nang"),
        ("  Trần   Hữu Thùy Giang ", "tran huu thuy giang"),
        ("충청남도", "충청남도"),
        ("福井県", "福井県"),
        ("", ""),
        (None, ""),
    ],
)
def test_it_folds_diacritics_case_and_spaces(text, folded):
    assert fold(text) == folded


def test_it_finds_people_without_diacritics(demo):
    found = Person.objects.filter(search_q("nguyen dinh trung"))
    assert [person.full_name for person in found] == ["Nguyễn Đình Trung"]


def test_it_finds_words_in_any_order(demo):
    assert Person.objects.filter(search_q("trung nguyen")).count() == 1


def test_it_finds_partners_by_any_of_their_names(demo):
    assert Partner.objects.get(search_q("dongnae")).name_en == "Dongnae District"
    assert Partner.objects.get(search_q("동래구")).name_en == "Dongnae District"
    assert Partner.objects.get(search_q("fukui")).name_native == "福井県"
    assert Partner.objects.get(search_q("KOICA")).abbreviation == "KOICA"


def test_it_finds_records_written_with_diacritics_from_hue(demo):
    titles = set(Agreement.objects.filter(search_q("hue")).values_list("title_vi", flat=True))
    assert "Thỏa thuận hợp tác giữa thành phố Huế và tỉnh Chungcheongnam" in titles


def test_it_matches_everything_with_an_empty_query(demo):
    assert Partner.objects.filter(search_q("  ")).count() == Partner.objects.count()
