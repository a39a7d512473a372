"""Each dashboard filter through the API, and the 400 a bad value gets: same FilterSets, same parameter names."""

import pytest


def ids(client, url: str) -> set[int]:
    response = client.get(url)
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


@pytest.fixture
def c(logged_in, world):
    return logged_in


def test_it_filters_partners_by_each_parameter(c, world):
    w = world
    assert ids(c, "/api/v1/partners/?q=gyeongju") == {w.gyeongju.pk}
    assert ids(c, "/api/v1/partners/?q=福井") == {w.fukui.pk}
    assert ids(c, "/api/v1/partners/?country=jp") == {w.fukui.pk}
    assert ids(c, "/api/v1/partners/?field=tourism") == {w.gyeongju.pk}
    assert ids(c, "/api/v1/partners/?status=dormant") == {w.fukui.pk}
    assert ids(c, "/api/v1/partners/?kind=city") == {w.gyeongju.pk}


def test_it_filters_agreements_by_each_parameter(c, world):
    w = world
    assert ids(c, "/api/v1/agreements/?q=fukui") == {w.draft.pk}
    assert ids(c, "/api/v1/agreements/?country=KR") == {w.signed.pk, w.overdue.pk}
    assert ids(c, "/api/v1/agreements/?field=health") == {w.draft.pk}
    assert ids(c, "/api/v1/agreements/?status=signed") == {w.signed.pk}
    assert ids(c, f"/api/v1/agreements/?partner={w.fukui.pk}") == {w.draft.pk}
    assert ids(c, "/api/v1/agreements/?kind=friendship") == {w.signed.pk}
    # "2025-08" is known only to the month: it sorts before every day of August, so 01/08/2025 excludes it.
    assert ids(c, "/api/v1/agreements/?signed_after=01/01/2025") == {w.signed.pk}
    assert ids(c, "/api/v1/agreements/?signed_before=2010-12-31") == {w.draft.pk, w.overdue.pk}
    # The partial forms the API itself writes are accepted as bounds: a month, a year.
    assert ids(c, "/api/v1/agreements/?signed_after=2025-01") == {w.signed.pk}
    assert ids(c, "/api/v1/agreements/?signed_after=2025") == {w.signed.pk}
    assert ids(c, "/api/v1/agreements/?signed_before=2010") == {w.draft.pk, w.overdue.pk}
    assert ids(c, "/api/v1/agreements/?expires_within=30") == {w.signed.pk}
    assert ids(c, "/api/v1/agreements/?review_overdue=true") == {w.overdue.pk}


def test_it_filters_reviews_by_each_parameter(c, world):
    w = world
    assert ids(c, f"/api/v1/reviews/?agreement={w.signed.pk}") == {w.renew.pk}
    assert ids(c, "/api/v1/reviews/?recommendation=terminate") == {w.terminate.pk}
    assert ids(c, "/api/v1/reviews/?due_within=30") == {w.renew.pk}
    assert ids(c, "/api/v1/reviews/?status=draft") == {w.terminate.pk}
    assert ids(c, "/api/v1/reviews/?country=JP") == {w.terminate.pk}
    assert ids(c, "/api/v1/reviews/?field=tourism") == {w.renew.pk}
    assert ids(c, "/api/v1/reviews/?q=gyeongju") == {w.renew.pk}


def test_it_filters_delegations_by_each_parameter(c, world):
    w = world
    assert ids(c, "/api/v1/delegations/?direction=outbound") == {w.outbound.pk}
    assert ids(c, "/api/v1/delegations/?starts_after=01/01/2026") == {w.outbound.pk}
    assert ids(c, "/api/v1/delegations/?starts_before=2025-12-31") == {w.inbound.pk}
    assert ids(c, f"/api/v1/delegations/?partner={w.gyeongju.pk}") == {w.inbound.pk}
    # Fukui's delegation names no country of its own: it is found through its partner's country.
    assert ids(c, "/api/v1/delegations/?country=JP") == {w.outbound.pk}
    assert ids(c, "/api/v1/delegations/?status=proposed") == {w.outbound.pk}
    assert ids(c, "/api/v1/delegations/?field=tourism") == {w.inbound.pk}
    assert ids(c, "/api/v1/delegations/?q=fukui") == {w.outbound.pk}


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("/api/v1/partners/?country=ZZ", "country"),
        ("/api/v1/partners/?kind=planet", "kind"),
        ("/api/v1/partners/?field=du+lịch", "field"),
        ("/api/v1/agreements/?signed_after=31/02/2025", "signed_after"),
        ("/api/v1/agreements/?expires_within=-3", "expires_within"),
        ("/api/v1/agreements/?partner=abc", "partner"),
        ("/api/v1/reviews/?due_within=soon", "due_within"),
        ("/api/v1/reviews/?agreement=1.5", "agreement"),
        ("/api/v1/delegations/?starts_before=yesterday", "starts_before"),
        ("/api/v1/delegations/?direction=sideways", "direction"),
        ("/api/v1/delegations/?sort=nonsense", "sort"),
        ("/api/v1/partners/?page=0", "page"),
        ("/api/v1/partners/?page=abc", "page"),
        ("/api/v1/partners/?page_size=0", "page_size"),
        ("/api/v1/partners/?page_size=201", "page_size"),
        ("/api/v1/export/?updated_after=last-tuesday", "updated_after"),
    ],
)
def test_it_answers_bad_input_400_naming_the_parameter(c, url, parameter):
    response = c.get(url)
    assert response.status_code == 400
    body = response.json()
    assert list(body["errors"]) == [parameter]
    assert body["errors"][parameter][0]
    assert parameter in body["detail"]


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/agreements/?partner=0",
        "/api/v1/agreements/?partner=999999",
        "/api/v1/partners/?field=nope",
        "/api/v1/reviews/?agreement=999999",
    ],
)
def test_it_answers_a_well_formed_reference_to_no_record_with_an_empty_list(c, world, url):
    # As a search for a word nobody wrote: a client holding the id of a record deleted since gets an empty page.
    response = c.get(url)
    assert response.status_code == 200
    assert response.json()["count"] == 0


def test_it_answers_a_page_past_the_last_404_saying_how_many_there_are(c, world):
    response = c.get("/api/v1/partners/?page=2")
    assert response.status_code == 404
    assert response.json() == {"detail": "Trang 2 không có: danh sách chỉ có 1 trang."}


@pytest.mark.parametrize("parameter", ["status", "country", "field", "q", "sort", "page", "page_size"])
def test_it_reads_an_empty_parameter_as_not_given(c, world, parameter):
    # What the dashboard's filter form sends for the fields left untouched.
    assert c.get(f"/api/v1/partners/?{parameter}=").json() == c.get("/api/v1/partners/").json()


def test_it_answers_an_unknown_record_404(c):
    response = c.get("/api/v1/agreements/999999/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Không có bản ghi này."}


def test_it_pages_in_a_stable_order_with_a_capped_size(c, world):
    first = c.get("/api/v1/countries/?page_size=200").json()
    assert len(first["results"]) == 200
    second = c.get(first["next"]).json()
    codes = [row["code"] for row in first["results"] + second["results"]]
    assert codes == sorted(codes)
    assert len(set(codes)) == first["count"]
    assert c.get("/api/v1/countries/?page=last&page_size=200").json()["results"] == second["results"]


def test_it_writes_dates_in_iso_8601_and_names_in_every_language(c, world):
    partner = c.get(f"/api/v1/partners/{world.gyeongju.pk}/").json()
    assert partner["relationship_since"] == "2007"
    assert (partner["name_vi"], partner["name_en"], partner["name_native"]) == (
        "Thành phố Gyeongju",
        "Gyeongju",
        "경주시",
    )
    assert partner["country"] == {"id": world.korea.pk, "label": "Hàn Quốc"}
    assert partner["fields"] == [{"id": world.tourism.pk, "label": "Du lịch"}]
    agreement = c.get(f"/api/v1/agreements/{world.signed.pk}/").json()
    assert agreement["signed_on"] == "2025-08"
    assert agreement["expires_on"] == world.signed.expires_on.isoformat()
    delegation = c.get(f"/api/v1/delegations/{world.outbound.pk}/").json()
    assert delegation["starts_on"] == "2026-03"
