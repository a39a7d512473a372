"""matching(): the rows holding every word of a query, best first (what the search across kinds will show), and what
every list does with input nobody should type: never a 500, an empty result or a message naming the search box."""

import pytest
from django.urls import reverse

from agreements.choices import AgreementKind
from agreements.models import Agreement, AgreementReview
from delegations.choices import Direction, MemberRole
from delegations.models import Delegation, DelegationMember
from foreignaffairs.search.matching import (
    INSIDE_WORDS,
    RANK_OWN_NAMES,
    WHOLE_WORDS,
    WORD_STARTS,
    best_matches,
    matching,
)
from partners.choices import PartnerKind, Side
from partners.models import Country, Partner, Person
from projects.models import Project
from tests.conftest import admin_url
from tests.pages import filter_errors, result_count


def best_first(queryset, query: str) -> list:
    return list(matching(queryset, query))


def test_a_match_on_a_records_own_names_comes_before_one_through_its_relations(demo):
    visit = Delegation.objects.get(title_en="Mr. Kim Seokki's visit to Huế")
    # A later delegation Kim Seokki only took part in: found through its member, so after his own visit.
    later = Delegation.objects.create(direction=Direction.OUTBOUND, title_vi="Đoàn xúc tiến đầu tư", starts_on="2026")
    DelegationMember.objects.create(
        delegation=later, person=Person.objects.get(full_name="Kim Seokki"), side=Side.PARTNER, role=MemberRole.MEMBER
    )

    ranked = best_first(Delegation.objects.all(), "kim seokki")

    assert ranked == [visit, later]
    assert ranked[0].search_rank > ranked[1].search_rank


def test_a_whole_word_comes_before_the_start_of_a_word_before_the_inside_of_one(demo):
    friendship = Partner.objects.create(
        kind=PartnerKind.NGO, name_vi="Hội hữu nghị Việt Nam – Hàn Quốc", country=Country.objects.get(code="VN")
    )
    ranked = best_first(Partner.objects.all(), "nam")
    # "Nam" is a word of the association's name, the start of Namyangju's and inside Chungcheongnam's.
    assert [(partner.pk, partner.search_rank) for partner in ranked] == [
        (friendship.pk, RANK_OWN_NAMES + WHOLE_WORDS),
        (Partner.objects.get(name_en="Namyangju").pk, RANK_OWN_NAMES + WORD_STARTS),
        (Partner.objects.get(name_en="Chungcheongnam Province").pk, RANK_OWN_NAMES + INSIDE_WORDS),
    ]


def test_the_most_recent_comes_first_among_equal_matches(db):
    older, newer, undated = (
        Agreement.objects.create(title_vi=f"Kế hoạch hành động {year}", kind=AgreementKind.ACTION_PLAN, signed_on=date)
        for year, date in (("A", "2019-03"), ("B", "2024"), ("C", ""))
    )
    assert best_first(Agreement.objects.all(), "ke hoach hanh dong") == [newer, older, undated]


def test_reviews_are_ranked_by_their_agreements_names(demo):
    review = AgreementReview.objects.get(agreement__partners__name_en="Gyeongju")
    assert best_first(AgreementReview.objects.all(), "경주시") == [review]


def test_it_keeps_the_rows_it_is_given(demo):
    in_progress = Project.objects.filter(status="in_progress")
    assert set(best_first(in_progress, "koica")) == set(in_progress.filter(channel__abbreviation="KOICA"))
    assert best_first(Project.objects.filter(status="completed"), "koica") == []


@pytest.mark.parametrize("query", ["nam", "kim seokki", "hue", "han quoc", "nguyen", "koica", "thanh pho", "a"])
@pytest.mark.parametrize("limit", [1, 3, 50])
def test_the_first_few_best_matches_are_matchings_first_rows_in_at_most_six_queries(
    demo, query, limit, django_assert_max_num_queries
):
    for model in (Partner, Person, Agreement, AgreementReview, Delegation, Project):
        expected = [(row.pk, row.search_rank) for row in matching(model.objects.all(), query)[:limit]]
        with django_assert_max_num_queries(6):
            first = best_matches(model.objects.all(), query, limit)
        assert [(row.pk, row.search_rank) for row in first] == expected, model


# Input nobody should type, but someone will.
BAD_INPUT = {
    "1000 characters": "a" * 1000,
    "1000 characters of words": "hợp tác Sejong " * 66,
    "punctuation only": "!!! ... ???",
    "separator": "|",
    "percent": "%",
    "underscore": "_",
    "backslash": "\\",
    "quotes": "'\"`",
    "sql": "'; DROP TABLE partners_partner; --",
    "sql comment": "1 OR 1=1 /*",
    "rtl marks": "\u202e\u202c",
    "zero width": "\u200b\ufeff",
}
LISTS = ("partner-list", "agreement-list", "review-list", "delegation-list", "project-list")
API_LISTS = ("partners", "agreements", "reviews", "delegations", "projects", "figures", "people")
ADMIN_MODELS = (Partner, Person, Agreement, AgreementReview, Delegation, Project)


@pytest.mark.parametrize("query", BAD_INPUT.values(), ids=BAD_INPUT.keys())
def test_it_answers_bad_input_with_an_empty_result_everywhere(admin_client, demo, query):
    for name in LISTS:
        response = admin_client.get(reverse(f"dashboard:{name}"), {"q": query})
        assert result_count(response) == 0, name
        assert filter_errors(response) == []
    for name in API_LISTS:
        response = admin_client.get(f"/api/v1/{name}/", {"q": query})
        assert response.status_code == 200, name
        assert response.json()["count"] == 0, name
    for model in ADMIN_MODELS:
        response = admin_client.get(admin_url(model, "changelist"), {"q": query})
        assert response.status_code == 200
        assert response.context["cl"].result_count == 0, model
    for model in (Partner, Person, Agreement, AgreementReview, Delegation, Project):
        assert best_first(model.objects.all(), query) == []
        assert best_matches(model.objects.all(), query, 5) == []


def test_an_empty_search_filters_nothing_and_finds_nothing_across_kinds(admin_client, demo):
    response = admin_client.get(reverse("dashboard:agreement-list"), {"q": "   "})
    assert result_count(response) == Agreement.objects.count()
    assert admin_client.get("/api/v1/agreements/", {"q": ""}).json()["count"] == Agreement.objects.count()
    assert best_first(Agreement.objects.all(), "   ") == []


def test_a_nul_character_is_named_as_the_search_boxs_error(admin_client, demo):
    # Django's form fields refuse NUL (PostgreSQL cannot hold it); the list says so under the search box.
    response = admin_client.get(reverse("dashboard:agreement-list"), {"q": "hue\x00"})
    assert filter_errors(response) == ["Không được chứa ký tự rỗng (null)."]
    api = admin_client.get("/api/v1/agreements/", {"q": "hue\x00"})
    assert api.status_code == 400 and api.json()["errors"] == {"q": ["Không được chứa ký tự rỗng (null)."]}
    # The admin's box and a search across kinds read it as a space.
    assert admin_client.get(admin_url(Agreement, "changelist"), {"q": "hue\x00"}).status_code == 200
    assert set(best_first(Agreement.objects.all(), "hue\x00")) == set(best_first(Agreement.objects.all(), "hue"))
