import pytest

from agreements.models import Agreement
from foreignaffairs.text_search import MAX_QUERY_WORDS, build_search_text, fold, query_words, search_q
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
    # UPCUL JSC lies within Fukui: its parent's name finds it too.
    assert set(Partner.objects.filter(search_q("fukui")).values_list("name_en", flat=True)) == {
        "Fukui Prefecture",
        "UPCUL JSC",
    }
    assert Partner.objects.get(search_q("KOICA")).abbreviation == "KOICA"


def test_it_finds_records_written_with_diacritics_from_hue(demo):
    titles = set(Agreement.objects.filter(search_q("hue")).values_list("title_vi", flat=True))
    assert "Thỏa thuận hợp tác giữa thành phố Huế và tỉnh Chungcheongnam" in titles


def test_it_matches_everything_with_an_empty_query(demo):
    assert Partner.objects.filter(search_q("  ")).count() == Partner.objects.count()


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Hợp đồng \u202etxt.exe\u202c ký", "hop dong txt.exe ky"),  # right-to-left marks are invisible
        ("Hu\u200bế\u200dĐà\ufeffNẵng", "huedanang"),  # so are zero-width spaces, joiners, byte-order marks
        ("Huế\x00Đà\tNẵng", "hue da nang"),  # a control character separates like a space
        ("a\x00b\x1fc", "a b c"),
    ],
)
def test_it_reads_invisible_and_control_characters_as_nobody_types_them(text, folded):
    assert fold(text) == folded


def test_it_stores_short_names_run_together_too():
    assert build_search_text(["Quận Dongnae", "Cam-pu-chia", "Nguyễn Đình Trung", "KOICA"]) == (
        "quan dongnae | quandongnae | cam-pu-chia | campuchia | nguyen dinh trung | nguyendinhtrung | koica"
    )
    # A sentence is not typed run together; a name given twice is kept once.
    long_title = "Thỏa thuận hợp tác giữa thành phố Huế và tỉnh Chungcheongnam"
    assert build_search_text([long_title, "Huế", "Huế"]) == (
        "thoa thuan hop tac giua thanh pho hue va tinh chungcheongnam | hue"
    )


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("Kim  Seokki 2025", ["kim", "seokki", "2025"]),
        ("hop tac hop tac HỢP TÁC", ["hop", "tac"]),  # once each
        ("dong dongnae", ["dongnae"]),  # "dong" is in "dongnae": matching it too would change nothing
        ("| || hue |", ["hue"]),  # the separator of the stored text is no word
        ("\u202e\u200b", []),
        ("", []),
    ],
)
def test_it_reads_a_query_as_the_words_that_must_all_match(query, words):
    assert query_words(query) == words


def test_a_long_query_is_matched_on_its_longest_words():
    words = [f"q{n:02d}{'z' * n}" for n in range(40)]  # none inside another, each longer than the one before
    assert query_words(" ".join(words)) == words[-MAX_QUERY_WORDS:]


def test_it_finds_a_word_typed_run_together_or_split_apart(demo):
    assert Person.objects.get(search_q("nguyendinhtrung")).full_name == "Nguyễn Đình Trung"
    assert Partner.objects.get(search_q("dong nae")).name_en == "Dongnae District"
    assert Partner.objects.get(search_q("quandongnae")).name_en == "Dongnae District"
