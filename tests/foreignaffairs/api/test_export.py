"""The full JSON export: streamed, valid, incremental, gzipped, and a fixed number of queries at any size."""

import datetime
import gzip
import json

import pytest
from django.utils import timezone

from agreements.models import Agreement, AgreementStatusChange
from delegations.choices import Direction, MemberRole
from delegations.models import Delegation, DelegationMember, ItineraryItem
from partners.choices import Side
from partners.models import Person
from tests.conftest import body, count_queries

# 1 the session, 2 the user, 3 the user's permissions; then one query per kind (10) and one per nested relation: a
# partner's fields (1); an agreement's partners, Huế units, signatories, fields, documents and status history (6);
# a project's fields (1); a delegation's countries, partners, fields, agreements signed, members, itinerary,
# follow-ups and gifts (8).
EXPORT_QUERIES = 3 + 10 + 1 + 6 + 1 + 8

KINDS = [
    "partners",
    "agreements",
    "reviews",
    "projects",
    "figures",
    "delegations",
    "countries",
    "fields",
    "units",
    "people",
]


def read_export(client, url="/api/v1/export/", **headers) -> dict:
    response = client.get(url, **headers)
    assert response.status_code == 200, response.content
    assert response.streaming
    return json.loads(body(response))


def add_delegations(count: int, person: Person) -> None:
    for number in range(count):
        delegation = Delegation.objects.create(
            direction=Direction.INBOUND, title_vi=f"Đoàn thử {number}", starts_on="2025-09"
        )
        DelegationMember.objects.create(delegation=delegation, person=person, side=Side.PARTNER, role=MemberRole.HEAD)
        ItineraryItem.objects.create(delegation=delegation, activity="Hội đàm")


@pytest.fixture
def kim(world):
    return Person.objects.create(full_name="Kim Seokki", country=world.korea)


def test_it_streams_one_valid_json_document_with_every_kind(logged_in, world, kim):
    add_delegations(1, kim)
    AgreementStatusChange.objects.create(
        agreement=world.signed, from_status="drafting", to_status="signed", changed_at=timezone.now()
    )
    document = read_export(logged_in)
    assert document["schema_version"] == 1
    assert list(document)[:3] == ["schema_version", "generated_at", "updated_after"]
    assert all(kind in document for kind in KINDS)
    agreements = {row["id"]: row for row in document["agreements"]}
    signed = agreements[world.signed.pk]
    assert signed["signed_on"] == "2025-08"
    assert [party["id"] for party in signed["partners"]] == [world.gyeongju.pk]
    assert [change["to_status"] for change in signed["status_history"]] == ["signed"]
    assert signed["documents"] == []
    assert "search_text" not in signed and "created_by_id" not in signed
    delegation = next(row for row in document["delegations"] if row["title_vi"] == "Đoàn thử 0")
    assert [member["full_name"] for member in delegation["members"]] == ["Kim Seokki"]
    assert [item["activity"] for item in delegation["itinerary"]] == ["Hội đàm"]
    assert delegation["follow_ups"] == [] and delegation["gifts"] == []
    korea = next(row for row in document["countries"] if row["code"] == "KR")
    assert (korea["name_vi"], korea["name_en"]) == ("Hàn Quốc", "South Korea")


def test_it_nests_each_child_under_its_own_parent_only(logged_in, world, kim):
    add_delegations(3, kim)
    document = read_export(logged_in)
    for delegation in document["delegations"]:
        expected = 1 if delegation["title_vi"].startswith("Đoàn thử") else 0
        assert len(delegation["members"]) == expected


def test_it_exports_only_what_changed_after_the_given_moment(logged_in, world, kim):
    since = timezone.now()
    Agreement.objects.filter(pk=world.draft.pk).update(last_updated=since + datetime.timedelta(seconds=1))
    # A member added to an unchanged delegation still brings that delegation into the export.
    DelegationMember.objects.create(delegation=world.inbound, person=kim, side=Side.PARTNER)
    newcomer = Person.objects.create(full_name="Sugiyama Mitsuki")
    document = read_export(logged_in, f"/api/v1/export/?updated_after={since.isoformat().replace('+', '%2B')}")
    assert [row["id"] for row in document["agreements"]] == [world.draft.pk]
    assert [row["id"] for row in document["delegations"]] == [world.inbound.pk]
    assert [member["full_name"] for member in document["delegations"][0]["members"]] == ["Kim Seokki"]
    assert [row["id"] for row in document["people"]] == [newcomer.pk]
    assert document["partners"] == [] and document["countries"] == []
    assert document["updated_after"] is not None


def test_it_reads_a_naive_moment_in_hue_time(logged_in, world):
    document = read_export(logged_in, "/api/v1/export/?updated_after=2000-01-01T00:00:00")
    assert document["updated_after"].endswith("+07:00")
    assert len(document["partners"]) == 2


def test_it_gzips_when_the_client_accepts_it(logged_in, world):
    response = logged_in.get("/api/v1/export/", HTTP_ACCEPT_ENCODING="br, gzip")
    assert response.streaming
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    document = json.loads(gzip.decompress(body(response)))
    assert {row["id"] for row in document["partners"]} == {world.gyeongju.pk, world.fukui.pk}


def test_it_does_not_gzip_for_clients_that_do_not_ask(logged_in, world):
    response = logged_in.get("/api/v1/export/")
    assert not response.has_header("Content-Encoding")


def test_it_makes_the_same_number_of_queries_whatever_the_row_count(logged_in, world, kim):
    add_delegations(2, kim)
    few = count_queries(logged_in, "/api/v1/export/")
    add_delegations(30, kim)
    assert (few, count_queries(logged_in, "/api/v1/export/")) == (EXPORT_QUERIES, EXPORT_QUERIES)


@pytest.mark.parametrize(
    ("moment", "meant"),
    [
        ("0181-08-26T06:09:45-16:47", "0181-08-26T06:09:45-16:47"),
        ("2026-02-14", "2026-02-14T00:00:00+07:00"),
        ("2026-02-14T08:00:00Z", "2026-02-14T08:00:00+00:00"),
    ],
)
def test_it_accepts_any_iso_moment_the_database_could_not_take_as_is(logged_in, world, moment, meant):
    # Found by schemathesis: PostgreSQL refuses a -16:47 offset, so the moment is passed on in UTC.
    document = read_export(logged_in, f"/api/v1/export/?updated_after={moment}")
    # Written back in Huế's time, the same instant.
    written = datetime.datetime.fromisoformat(document["updated_after"])
    assert written == datetime.datetime.fromisoformat(meant)
