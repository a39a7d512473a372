"""/api/v1/search/?q= (foreignaffairs.api.search): the header's search box for programs. The same groups, best
matches and counts as the page, only the kinds the key's user may view, a 400 naming `q` when it holds nothing to
search, in the schema, and a fixed number of queries."""

from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

from agreements.models import Agreement
from delegations.models import Delegation
from foreignaffairs.dashboard import search_kinds
from foreignaffairs.dashboard.search_kinds import KINDS, TOP_ROWS
from foreignaffairs.search.matching import matching
from partners.models import Person
from tests.conftest import count_queries
from tests.foreignaffairs.dashboard.test_search_page import add_linked_records

URL = "/api/v1/search/"


def bearer(key: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


@pytest.fixture
def viewer_key(demo, viewer, make_key) -> dict:
    return bearer(make_key(viewer))


def by_kind(answer: dict) -> dict[str, dict]:
    return {group["kind"]: group for group in answer["groups"]}


def test_it_finds_the_visit_mr_kim_seokki_was_received_at_by_who_received_him(client, viewer_key):
    response = client.get(URL, {"q": "nguyen dinh trung"}, **viewer_key)
    assert response.status_code == 200
    answer = response.json()
    assert answer["q"] == "nguyen dinh trung"
    assert [group["kind"] for group in answer["groups"]] == [kind.key for kind in KINDS]
    groups = by_kind(answer)
    visit = Delegation.objects.get(title_en="Mr. Kim Seokki's visit to Huế")
    assert groups["delegations"]["count"] == 1
    [found] = groups["delegations"]["results"]
    assert found["id"] == visit.pk and found["label"] == "Ông Kim Seokki thăm và làm việc tại Huế"
    assert found["rank"] < 100  # found through a member, not by its own names
    [person] = groups["people"]["results"]
    assert person["rank"] >= 100 and person["id"] == Person.objects.get(full_name="Nguyễn Đình Trung").pk
    assert client.get(urlsplit(found["url"]).path, **viewer_key).json()["id"] == visit.pk
    assert {kind for kind, group in groups.items() if group["count"]} == {"people", "delegations"}


@pytest.mark.parametrize("query", ["hop tac", "hue", "busan", "koica", "kim seokki"])
def test_each_group_is_the_best_of_what_its_list_finds_and_counts(client, viewer_key, query):
    for kind, group in by_kind(client.get(URL, {"q": query}, **viewer_key).json()).items():
        listing = client.get(
            urlsplit(group["all_results"]).path + "?" + urlsplit(group["all_results"]).query, **viewer_key
        )
        assert listing.json()["count"] == group["count"], kind
        model = next(k.model for k in KINDS if k.key == kind)
        best = list(matching(model.objects.all(), query)[:TOP_ROWS])
        assert [(r["id"], r["rank"]) for r in group["results"]] == [(row.pk, row.search_rank) for row in best]


def test_past_the_cap_it_says_there_are_more(client, viewer_key, monkeypatch):
    monkeypatch.setattr(search_kinds, "COUNT_CAP", 3)
    groups = by_kind(client.get(URL, {"q": "hue"}, **viewer_key).json())
    assert (groups["agreements"]["count"], groups["agreements"]["capped"]) == (3, True)
    best = matching(Agreement.objects.all(), "hue")[:TOP_ROWS]
    assert [result["id"] for result in groups["agreements"]["results"]] == [row.pk for row in best]
    assert (groups["projects"]["count"], groups["projects"]["capped"]) == (1, False)


def test_it_answers_only_with_the_kinds_the_keys_user_may_view(client, demo, make_key):
    user = get_user_model().objects.create_user("partners-and-projects")
    user.user_permissions.add(*Permission.objects.filter(codename__in=["view_partner", "view_project"]))
    answer = client.get(URL, {"q": "koica"}, **bearer(make_key(user))).json()
    assert [group["kind"] for group in answer["groups"]] == ["partners", "projects"]
    assert by_kind(answer)["projects"]["count"] == 3


def test_it_refuses_who_may_view_nothing_and_asks_the_anonymous_to_authenticate(client, demo, make_key):
    nobody = get_user_model().objects.create_user("nobody")
    refused = client.get(URL, {"q": "hue"}, **bearer(make_key(nobody)))
    assert refused.status_code == 403
    assert refused.json() == {"detail": "Bạn không có quyền xem loại dữ liệu này."}
    anonymous = client.get(URL, {"q": "hue"})
    assert anonymous.status_code == 401 and anonymous["WWW-Authenticate"].startswith("Bearer")


NOTHING_TO_SEARCH = {"separator": "|", "spaces": "   ", "rtl marks": "\u202e\u202c", "zero width": "\u200b\ufeff"}


@pytest.mark.parametrize("query", NOTHING_TO_SEARCH.values(), ids=NOTHING_TO_SEARCH.keys())
def test_a_q_with_nothing_to_search_is_a_400_naming_it(client, viewer_key, query):
    response = client.get(URL, {"q": query}, **viewer_key)
    assert response.status_code == 400
    assert response.json() == {
        "detail": "Tham số không hợp lệ: q.",
        "errors": {"q": ["Từ khóa chỉ có dấu cách, ký tự ẩn hoặc dấu “|”, không có chữ hay số nào để tìm."]},
    }


def test_a_nul_character_is_a_400_naming_q(client, viewer_key):
    response = client.get(URL, {"q": "hue\x00"}, **viewer_key)
    assert response.status_code == 400
    assert response.json()["errors"] == {"q": ["Không được chứa ký tự rỗng (null)."]}


def test_no_q_or_an_empty_one_searches_nothing(client, viewer_key):
    for params in ({}, {"q": ""}):
        response = client.get(URL, params, **viewer_key)
        assert response.status_code == 200
        assert response.json() == {"q": "", "groups": []}


@pytest.mark.parametrize(
    "query", ["a" * 1000, "!!! ... ???", "%", "_", "\\", "'\"`", "'; DROP TABLE partners_partner; --"]
)
def test_input_nobody_means_finds_nothing(client, viewer_key, query):
    response = client.get(URL, {"q": query}, **viewer_key)
    assert response.status_code == 200
    assert all(group["count"] == 0 and group["results"] == [] for group in response.json()["groups"])


def test_it_is_in_the_schema(client, db):
    operation = client.get("/api/schema/?format=json").json()["paths"][URL]["get"]
    assert operation["operationId"] == "search"
    [q] = operation["parameters"]
    assert q["name"] == "q" and q["in"] == "query" and q["schema"]["pattern"]
    assert operation["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/SearchAnswer"
    }
    assert {"400", "401", "403"} <= set(operation["responses"])


def test_its_queries_do_not_grow_with_the_matches_one_per_kind(client, db, viewer, make_key):
    headers = bearer(make_key(viewer))
    add_linked_records(1)
    with_key = client.get(URL, {"q": "thu nghiem goc"}, **headers)
    assert all(group["count"] for group in with_key.json()["groups"])
    client.defaults.update(headers)
    few = count_queries(client, f"{URL}?q=thu+nghiem+goc")
    add_linked_records(3 * TOP_ROWS)
    many = count_queries(client, f"{URL}?q=thu+nghiem+goc")
    add_linked_records(3 * TOP_ROWS)
    assert few == many == count_queries(client, f"{URL}?q=thu+nghiem+goc")
    # The key, its user's permissions, then one query per kind (up to 1,000 matches).
    assert many - count_queries(client, URL) == len(KINDS)
