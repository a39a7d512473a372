"""The header's search box and the page it leads to (foreignaffairs.dashboard.search_page): every "must find" line
of issue 16 typed into the box as the header renders it, with the demo data; the groups only for kinds the reader may
view; each group's count the one its "Xem tất cả" list shows; the words marked, everything else escaped; bad input
answered with a message, never a 500; and the same number of queries for few matches and many."""

import html
from urllib.parse import urlencode, urljoin

import lxml.html
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from agreements.choices import AgreementKind, AgreementStatus
from agreements.models import Agreement, AgreementReview
from delegations.choices import Direction, MemberRole
from delegations.models import Delegation, DelegationMember
from foreignaffairs.dashboard import search_kinds
from foreignaffairs.dashboard.highlight import excerpt, folded_with_origins, highlight, marked_spans, words_found
from foreignaffairs.dashboard.search_kinds import KINDS, TOP_ROWS
from foreignaffairs.search.matching import matching
from foreignaffairs.text_search import fold, query_words
from partners.choices import PartnerKind, Side
from partners.models import Country, HueUnit, Partner, Person
from projects.choices import ProjectKind
from projects.models import Project
from tests.conftest import count_queries
from tests.pages import document, result_count
from tests.search import row_links

SEARCH = reverse("dashboard:search")


# The marks (foreignaffairs.dashboard.highlight): the folded words found in the text as written.


@pytest.mark.parametrize(
    ("text", "query", "marked"),
    [
        ("Thành phố Huế", "hue", "Thành phố <mark>Huế</mark>"),
        ("Thừa Thiên Huế", "THUA thien", "<mark>Thừa Thiên</mark> Huế"),  # words side by side: one mark
        ("Nguyễn Đình Trung (Bí thư)", "nguyendinhtrung", "<mark>Nguyễn Đình Trung</mark> (Bí thư)"),  # run together
        ("Quận Dongnae", "dong nae", "Quận <mark>Dongnae</mark>"),  # split apart
        ("Sở Ngoại vụ", "đ ngoai", "Sở <mark>Ngoại</mark> vụ"),  # "đ" folds to "d", which the text does not hold
        ("Đà Nẵng", "da nang", "<mark>Đà Nẵng</mark>"),
        ("충청남도", "충청", "<mark>충청</mark>남도"),
        ("福井県", "福井", "<mark>福井</mark>県"),
        ("Straße 5", "strasse", "<mark>Straße</mark> 5"),  # one letter folded to two
        ("Stra\u00dfe", "stras", "<mark>Straß</mark>e"),  # half of it still marks the letter
        ("Nguye\u0302\u0303n Văn", "nguyen", "<mark>Nguye\u0302\u0303n</mark> Văn"),  # decomposed: marks kept whole
        ("Huế\u200b Festival", "hue festival", "<mark>Huế\u200b Festival</mark>"),
        ("a <b> & Huế", "hue &", "a &lt;b&gt; <mark>&amp; Huế</mark>"),  # everything else escaped
        ("Kim  Seokki\t2025", "seokki 2025", "Kim  <mark>Seokki\t2025</mark>"),
        ("Huế", "", "Huế"),
        ("", "hue", ""),
    ],
)
def test_it_marks_the_words_where_the_text_holds_them_folded(text, query, marked):
    assert highlight(text, query_words(query)) == marked


def test_an_excerpt_cuts_a_long_text_around_its_first_word_at_spaces(demo):
    purpose = Delegation.objects.get(title_vi=VISIT).purpose  # "Lần đầu tiên ông Kim Seokki đến Huế; chúc mừng …"
    shown = excerpt(purpose, query_words("trung uong"), width=40)
    assert shown == "…trực thuộc <mark>Trung ương</mark>."
    assert excerpt("Huế", ["hue"], width=40) == "<mark>Huế</mark>"


@given(st.text(max_size=40), st.lists(st.text(min_size=1, max_size=4), max_size=3))
def test_marking_never_changes_the_text_nor_lets_markup_through(text, typed):
    words = query_words(" ".join(typed))
    marked = str(highlight(text, words))
    assert html.unescape(marked.replace("<mark>", "").replace("</mark>", "")) == text
    assert "<" not in marked.replace("<mark>", "").replace("</mark>", "")
    found = words_found(text, words)
    assert found == {word for word in words if word in fold(text) or word in compacted(text)}
    if folded_with_origins(text).text == fold(text):
        assert bool(found) == bool(marked_spans(text, words))


def compacted(text: str) -> str:
    return "".join(ch for ch in fold(text) if ch.isalnum())


def test_folding_one_character_at_a_time_is_folding_the_text(demo):
    texts = [str(row) for kind in KINDS for row in kind.model.objects.all()]
    texts += [person.title for person in Person.objects.all()] + [
        partner.name_native for partner in Partner.objects.all()
    ]
    for text in texts:
        assert folded_with_origins(text).text == fold(text), text


# Reading the page as a person does: the header's form, typed into and submitted; the groups as shown.


def header_form(response) -> lxml.html.FormElement:
    forms = document(response).xpath('//header//form[@role="search"]')
    assert len(forms) == 1, "one search box in the header"
    return forms[0]


def search_from(client, query: str, page: str = reverse("dashboard:overview")):
    """The page the header's search box leads to after typing `query` on `page` and pressing "Tìm"."""
    form = header_form(client.get(page))
    label = form.xpath(".//label")[0]
    box = form.xpath(f'.//input[@id="{label.get("for")}"]')[0]
    assert label.text_content().strip() == "Tìm kiếm" and box.get("name") == "q"
    assert [button.text_content().strip() for button in form.xpath(".//button")] == ["Tìm"]
    values = dict(form.form_values())
    values[box.get("name")] = query
    return client.get(f"{urljoin(page, form.get('action'))}?{urlencode(values)}")


def groups(response) -> dict[str, dict]:
    """Each group on the page by its kind: its count, its results' titles, links and marked words, its "all" link."""
    shown = {}
    for section in document(response).xpath('//section[contains(@class, "search-group")]'):
        heading = section.xpath(".//h2")[0]
        results = section.xpath('.//ol[contains(@class, "search-results")]/li')
        all_links = section.xpath('.//p[contains(@class, "search-all")]/a')
        key = heading.get("id").removeprefix("search-")
        shown[key] = {
            "heading": heading.text.strip(),
            "count": heading.xpath('.//span[contains(@class, "badge")]')[0].text_content(),
            "titles": [li.xpath('.//*[contains(@class, "search-title")]')[0].text_content().strip() for li in results],
            "links": [(li.xpath('./a[contains(@class, "search-title")]/@href') or [None])[0] for li in results],
            "marks": [[mark.text_content() for mark in li.xpath(".//mark")] for li in results],
            "reasons": [
                [" ".join(reason.text_content().split()) for reason in li.xpath('.//ul[@class="search-reasons"]/li')]
                for li in results
            ],
            "all": all_links[0].get("href") if all_links else None,
            "all_text": all_links[0].text_content().strip() if all_links else None,
        }
        if shown[key]["count"].isdigit():
            shown[key]["count"] = int(shown[key]["count"])
    return shown


def titles(response, kind: str) -> list[str]:
    return groups(response).get(kind, {}).get("titles", [])


def summary(response) -> str:
    return " ".join(document(response).xpath('//*[contains(@class, "search-summary")]')[0].text_content().split())


def box_value(response) -> str:
    return header_form(response).xpath('.//input[@name="q"]')[0].get("value")


# Records the demo data lacks, entered as a desk officer would (tests/agreements and tests/delegations do it through
# the admin; the saves here keep the search texts the same way).


@pytest.fixture
def sejong_memorandum(demo) -> Agreement:
    sejong = Partner.objects.create(
        kind=PartnerKind.CITY,
        name_vi="Thành phố tự trị đặc biệt Sejong",
        name_en="Sejong Special Self-Governing City",
        name_native="세종특별자치시",
        country=Country.objects.get(code="KR"),
    )
    agreement = Agreement.objects.create(
        reference_number="12/2024/BGN-SNV",
        title_vi="Bản ghi nhớ hợp tác đào tạo nguồn nhân lực",
        kind=AgreementKind.COOPERATION,
        status=AgreementStatus.SIGNED,
        signed_on="2024-05",
    )
    agreement.partners.set([sejong])
    agreement.hue_units.set(
        [HueUnit.objects.create(name_vi="Sở Ngoại vụ tỉnh Thừa Thiên Huế", name_en="Thua Thien Hue DoFA")]
    )
    agreement.signatories.set([Person.objects.get(full_name="Nguyễn Văn Phúc")])
    return agreement


MEMORANDUM = "Bản ghi nhớ hợp tác đào tạo nguồn nhân lực"
VISIT = "Ông Kim Seokki thăm và làm việc tại Huế"
FUKUI_VISIT = "Đoàn doanh nghiệp Nhật Bản làm việc tại Huế"


@pytest.mark.parametrize(
    "query",
    [
        "sejong",  # its partner's Vietnamese and English names
        "Special Self-Governing",  # English only, any case
        "세종특별자치시",  # native script
        "thua thien",  # the Huế unit that signed it, "Thừa Thiên" without diacritics
        "nguyen van phuc",  # its signatory
        "12/2024/bgn",  # its reference number
        "nguon nhan luc",  # its title
        "phuc 2024 sejong",  # several words narrow, in any order, across the record and its relations
    ],
)
def test_it_finds_an_agreement_by_its_partners_units_signatories_number_and_title(logged_in, sejong_memorandum, query):
    assert titles(search_from(logged_in, query), "agreements") == [MEMORANDUM]


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("nguyen dinh trung", VISIT),  # who received him
        ("NGUYỄN ĐÌNH TRUNG", VISIT),
        ("nguyendinhtrung", VISIT),
        ("tran huu thuy giang", VISIT),  # a member
        ("seokki", VISIT),  # its head, and its title
        ("han quoc", VISIT),  # its country, in Vietnamese
        ("korea", VISIT),  # and in English
        ("sugiyama mitsuki", FUKUI_VISIT),  # its head
        ("upcul", FUKUI_VISIT),  # a partner it met
        ("福井", FUKUI_VISIT),  # another, in its own script
        ("japan", FUKUI_VISIT),
        ("phong dien", FUKUI_VISIT),  # its programme
        ("mitsuki phong dien japan", FUKUI_VISIT),
    ],
)
def test_it_finds_a_delegation_by_its_people_partners_countries_and_programme(logged_in, fukui_business, query, title):
    assert titles(search_from(logged_in, query), "delegations") == [title]


def test_several_words_narrow_across_the_visit_and_its_relations_once_its_year_is_known(logged_in, demo):
    assert "delegations" not in groups(search_from(logged_in, "kim seokki 2025"))
    visit = Delegation.objects.get(title_vi=VISIT)
    visit.starts_on = "2025"
    visit.save()
    assert titles(search_from(logged_in, "kim seokki 2025"), "delegations") == [VISIT]
    assert titles(search_from(logged_in, "2025 trung seokki"), "delegations") == [VISIT]


def test_it_finds_reviews_by_their_agreements_title_and_partners(logged_in, demo):
    gyeongju = "Rà soát Thỏa thuận hợp tác giữa thành phố Huế và thành phố Gyeongju"
    assert titles(search_from(logged_in, "경주시"), "reviews") == [gyeongju]
    assert titles(search_from(logged_in, "thanh pho gyeongju"), "reviews") == [gyeongju]
    assert titles(search_from(logged_in, "busan dongnae"), "reviews") == [
        "Rà soát Thỏa thuận hợp tác giữa thành phố Huế và quận Dongnae"
    ]


def test_it_finds_the_three_oda_grants_by_the_agency_that_channels_them(logged_in, demo):
    grants = Project.objects.filter(channel__abbreviation="KOICA")
    for query in ("koica", "한국국제협력단", "korea international cooperation agency"):
        assert sorted(titles(search_from(logged_in, query), "projects")) == sorted(g.title_vi for g in grants), query


def test_it_finds_a_project_by_the_agreement_it_carries_out(logged_in, demo):
    peace_village = Project.objects.get(title_en="Vietnam–Korea Peace Village")
    peace_village.agreement = Agreement.objects.get(partners__name_en="Chungcheongnam Province")
    peace_village.save()
    assert titles(search_from(logged_in, "chungcheongnam koica"), "projects") == [peace_village.title_vi]


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ("nguyen dinh trung", ["Nguyễn Đình Trung (Bí thư Thành ủy)"]),  # name
        ("pho chu tich thuong truc", ["Nguyễn Thanh Bình"]),  # title
        ("upcul", ["Sugiyama Mitsuki (Tổng Giám đốc CTCP UPCUL)"]),  # organization
    ],
)
def test_it_finds_a_person_by_name_title_and_organization(logged_in, demo, query, names):
    found = titles(search_from(logged_in, query), "people")
    assert [name.split(" (")[0] for name in found] == [name.split(" (")[0] for name in names]


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ("busan", ["Thành phố Busan", "Quận Dongnae"]),  # Dongnae lies within Busan: its own name first
        ("dongnae", ["Quận Dongnae"]),
        ("dong nae", ["Quận Dongnae"]),
        ("quandongnae", ["Quận Dongnae"]),
        ("충청남도", ["Tỉnh Chungcheongnam"]),
        ("福井", ["Tỉnh Fukui", "Công ty cổ phần UPCUL"]),  # UPCUL lies within Fukui
        ("sugiyama", ["Công ty cổ phần UPCUL"]),  # its contact
        ("upcul mitsuki", ["Công ty cổ phần UPCUL"]),
    ],
)
def test_it_finds_a_partner_by_its_names_its_parents_and_its_contacts(logged_in, demo, query, names):
    assert titles(search_from(logged_in, query), "partners") == names


def test_it_finds_hue_without_diacritics_and_marks_the_word_as_written(logged_in, demo):
    shown = groups(search_from(logged_in, "hue"))
    assert {"agreements", "reviews", "delegations", "projects", "people"} <= set(shown)
    agreement_marks = {word for marks in shown["agreements"]["marks"] for word in marks}
    assert agreement_marks == {"Huế"}
    assert shown["agreements"]["titles"][0] == "Thỏa thuận hợp tác giữa thành phố Huế và tỉnh Chungcheongnam"


def test_it_says_what_made_a_record_match_that_its_title_does_not_show(logged_in, demo):
    shown = groups(search_from(logged_in, "nguyen dinh trung"))
    visit = shown["delegations"]
    assert visit["titles"] == [VISIT]
    assert visit["reasons"] == [["Thành viên: Nguyễn Đình Trung"]]
    assert visit["marks"] == [["Nguyễn Đình Trung"]]  # one mark for the three words side by side
    assert shown["people"]["marks"] == [["Nguyễn Đình Trung"]]
    dongnae = groups(search_from(logged_in, "busan"))["partners"]
    assert dongnae["reasons"] == [[], ["Thuộc: Thành phố Busan"]]


def test_it_ranks_a_match_on_the_records_own_names_first_as_matching_does(logged_in, demo):
    for query in ("hue", "hop tac", "busan", "han quoc"):
        shown = groups(search_from(logged_in, query))
        for kind in KINDS:
            best = [str(row) for row in matching(kind.model.objects.all(), query)[:TOP_ROWS]]
            assert shown.get(kind.key, {"titles": []})["titles"] == best, (query, kind.key)


def test_each_groups_count_is_what_its_list_shows_and_the_list_keeps_the_query(logged_in, demo):
    query = "hợp tác"
    shown = groups(search_from(logged_in, query))
    assert shown, "the demo cooperates"
    for kind, group in shown.items():
        assert group["all_text"] == f"Xem tất cả {group['count']} kết quả"
        listing = logged_in.get(group["all"])
        assert result_count(listing) == group["count"], kind
        box = document(listing).xpath('//form[contains(@class, "filter-form")]//input[@name="q"]')[0]
        assert box.get("value") == query
        assert set(filter(None, group["links"])) <= row_links(listing), kind


def test_past_the_cap_it_says_there_are_more_and_still_shows_the_best_of_all(logged_in, demo, monkeypatch):
    monkeypatch.setattr(search_kinds, "COUNT_CAP", 3)
    response = search_from(logged_in, "hue")
    agreements = groups(response)["agreements"]
    assert Agreement.objects.count() == 6 and agreements["count"] == "hơn 3"
    assert agreements["all_text"] == "Xem tất cả (hơn 3 kết quả)"
    # The count stops at the cap; the ranking does not: the best five of all six.
    best = [str(row) for row in matching(Agreement.objects.all(), "hue")[:TOP_ROWS]]
    assert agreements["titles"] == best
    assert "Hơn 3 kết quả. Thêm từ khóa để thu hẹp." in document(response).xpath(
        'string(//section[@aria-labelledby="search-agreements"])'
    )
    assert groups(response)["projects"]["count"] == 1  # under the cap


def test_it_refreshes_what_finds_the_projects_when_koica_is_renamed(logged_in, demo):
    koica = Partner.objects.get(abbreviation="KOICA")
    koica.abbreviation = "KOICA-VN"
    koica.name_native = "코이카"
    koica.save()
    assert len(titles(search_from(logged_in, "코이카"), "projects")) == 3
    assert titles(search_from(logged_in, "한국국제협력단"), "projects") == []


def test_it_escapes_names_and_marks_only_the_words(logged_in, demo):
    Partner.objects.create(
        kind=PartnerKind.NGO,
        name_vi='<script>alert("x")</script> Hội Huế & <b>bạn</b>',
        country=Country.objects.get(code="VN"),
    )
    response = search_from(logged_in, "hoi hue")
    page = document(response)
    assert not page.xpath("//main//script") and not page.xpath("//main//b")
    assert groups(response)["partners"]["titles"] == ['<script>alert("x")</script> Hội Huế & <b>bạn</b>']
    assert groups(response)["partners"]["marks"] == [["Hội Huế"]]


# Who sees what.


def test_a_person_sees_only_the_kinds_they_may_view(client, demo):
    user = get_user_model().objects.create_user("partners-and-projects")
    user.user_permissions.add(*Permission.objects.filter(codename__in=["view_partner", "view_project"]))
    client.force_login(user)
    assert set(groups(search_from(client, "koica", page=SEARCH))) == {"partners", "projects"}
    # The partner's page shows its agreements and delegations too, which this person may not view: no link.
    assert groups(search_from(client, "koica", page=SEARCH))["partners"]["links"] == [None]


def test_someone_who_may_view_nothing_is_refused_and_a_visitor_sent_to_log_in(client, db):
    response = client.get(SEARCH, {"q": "hue"})
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    client.force_login(get_user_model().objects.create_user("nobody"))
    assert client.get(SEARCH, {"q": "hue"}).status_code == 403


def test_people_link_to_their_page_and_to_the_people_list(logged_in, demo):
    people = groups(search_from(logged_in, "upcul"))["people"]
    sugiyama = Person.objects.get(full_name="Sugiyama Mitsuki")
    assert people["links"] == [reverse("dashboard:person-detail", args=[sugiyama.pk])]
    assert people["all"] == f"{reverse('dashboard:person-list')}?q=upcul"
    assert logged_in.get(people["links"][0]).status_code == 200
    listing = logged_in.get(people["all"])
    assert result_count(listing) == people["count"]
    assert set(people["links"]) <= row_links(listing)


def test_the_box_is_on_every_dashboard_page_and_not_for_visitors(logged_in, demo):
    for name in ("overview", "partner-list", "agreement-list", "review-list", "project-list", "calendar"):
        header_form(logged_in.get(reverse(f"dashboard:{name}")))
    assert not document(Client().get(reverse("login"))).xpath('//form[@role="search"]')


def test_a_person_who_still_owes_a_code_has_no_box(client, reviewer):
    # Logged in by password only: every link but the code's leads back to the code, the search box as well.
    client.force_login(get_user_model().objects.get(pk=reviewer.pk))
    response = client.get(reverse("two_factor:verify"))
    assert response.status_code == 200
    assert not document(response).xpath('//form[@role="search"]')


# Bad input: a message or an empty result, never a 500, and the box keeps what was typed.

BAD_INPUT = {
    "1000 characters": "a" * 1000,
    "1000 characters of words": "hợp tác Sejong " * 66,
    "punctuation only": "!!! ... ???",
    "percent": "%",
    "underscore": "_",
    "backslash": "\\",
    "quotes": "'\"`",
    "sql": "'; DROP TABLE partners_partner; --",
    "like wildcards": "%hue_",
}
NOTHING_TO_SEARCH = {"separator": "|", "rtl marks": "\u202e\u202c", "zero width": "\u200b\ufeff", "spaces": "   "}


@pytest.mark.parametrize("query", BAD_INPUT.values(), ids=BAD_INPUT.keys())
def test_it_finds_nothing_for_input_nobody_means_and_keeps_it_in_the_box(logged_in, demo, query):
    response = search_from(logged_in, query)
    assert groups(response) == {}
    assert summary(response) == "Không tìm thấy kết quả nào. Hãy thử ít từ hơn hoặc một cách viết khác."
    assert box_value(response) == query


@pytest.mark.parametrize("query", NOTHING_TO_SEARCH.values(), ids=NOTHING_TO_SEARCH.keys())
def test_it_says_when_there_is_nothing_to_search(logged_in, demo, query):
    response = search_from(logged_in, query)
    assert groups(response) == {}
    expected = (
        "Nhập tên đối tác, người, thỏa thuận, đoàn hay dự án vào ô Tìm kiếm ở đầu trang."
        if not query.strip()
        else "Từ khóa chỉ có dấu cách, ký tự ẩn hoặc dấu “|”, không có chữ hay số nào để tìm."
    )
    assert summary(response).startswith(expected)
    assert box_value(response) == query


def test_a_nul_character_is_named(logged_in, demo):
    response = logged_in.get(SEARCH, {"q": "hue\x00"})
    assert response.status_code == 200
    assert summary(response).startswith("Không được chứa ký tự rỗng (null).")
    assert groups(response) == {}


def test_an_empty_box_asks_for_words(logged_in, demo):
    response = logged_in.get(SEARCH)
    assert summary(response).startswith("Nhập tên đối tác, người, thỏa thuận, đoàn hay dự án")
    assert box_value(response) == ""


def test_the_wildcards_of_like_are_plain_characters(logged_in, demo):
    Partner.objects.create(kind=PartnerKind.NGO, name_vi="Quỹ 100% Huế_mới", country=Country.objects.get(code="VN"))
    assert titles(search_from(logged_in, "100% hue_"), "partners") == ["Quỹ 100% Huế_mới"]
    assert titles(search_from(logged_in, "100_"), "partners") == []


# Queries: a fixed number, whatever the matches.


def add_linked_records(count: int) -> None:
    """`count` records of every kind found by "thu nghiem goc": the partner of that name by itself, the others
    through it (its localities, contacts, agreements and their reviews, delegations, projects)."""
    korea = Country.objects.get(code="KR")
    root, _ = Partner.objects.get_or_create(
        name_vi="Đối tác thử nghiệm gốc", defaults={"kind": PartnerKind.PROVINCE, "country": korea}
    )
    start = Person.objects.filter(partner=root).count()
    for number in range(start, start + count):
        Partner.objects.create(kind=PartnerKind.CITY, name_vi=f"Địa phương {number}", country=korea, parent=root)
        person = Person.objects.create(full_name=f"Người liên hệ {number}", partner=root)
        agreement = Agreement.objects.create(title_vi=f"Thỏa thuận {number}", kind=AgreementKind.COOPERATION)
        agreement.partners.add(root)
        AgreementReview.objects.create(agreement=agreement)
        delegation = Delegation.objects.create(direction=Direction.INBOUND, title_vi=f"Đoàn {number}")
        delegation.partners.add(root)
        DelegationMember.objects.create(delegation=delegation, person=person, side=Side.PARTNER, role=MemberRole.HEAD)
        Project.objects.create(kind=ProjectKind.ODA_GRANT, title_vi=f"Dự án {number}", channel=root)


def test_its_queries_do_not_grow_with_the_matches_at_most_two_per_kind(logged_in, db):
    url = f"{SEARCH}?{urlencode({'q': 'thu nghiem goc'})}"
    add_linked_records(1)
    few = count_queries(logged_in, url)
    assert all(group["count"] for group in groups(logged_in.get(url)).values())
    add_linked_records(3 * TOP_ROWS)
    many = count_queries(logged_in, url)
    add_linked_records(3 * TOP_ROWS)
    more = count_queries(logged_in, url)
    shown = groups(logged_in.get(url))
    assert shown["agreements"]["count"] == 1 + 6 * TOP_ROWS
    assert len(shown["agreements"]["titles"]) == TOP_ROWS
    assert few == many == more
    # Session, user and permissions, then per kind one query (up to 1,000 matches) and one for the names of the
    # records linked to the rows found through them.
    assert many - count_queries(logged_in, SEARCH) <= 2 * len(KINDS)
