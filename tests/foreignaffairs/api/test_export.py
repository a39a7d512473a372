"""The JSON export: the full one a snapshot file written by build_export and sent as a file (by Django or by nginx),
`updated_after` deltas streamed live; valid, gzipped or not, and a fixed number of queries at any size."""

import datetime
import gzip
import json
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.http import FileResponse
from django.utils import timezone

from agreements.models import Agreement, AgreementStatusChange
from delegations.choices import Direction, MemberRole
from delegations.models import Delegation, DelegationMember, ItineraryItem
from foreignaffairs.api import snapshot
from foreignaffairs.api.export import export_chunks
from partners.choices import Side
from partners.models import Partner, Person
from tests.conftest import body, count_queries, write_export_snapshot

# 1 the session, 2 the user, 3 the user's permissions: all the full export costs, whatever its size (a file).
SNAPSHOT_QUERIES = 3
# The live export (build_export, or an updated_after delta): the three, then one query per kind (11) and one per
# nested relation: a partner's fields (1); an agreement's partners, Huế units, signatories, fields, documents,
# status history and commitments (7); a project's fields (1); a delegation's countries, partners, fields,
# agreements signed, members, itinerary, follow-ups and gifts (8); a journal note's people and files (2).
EXPORT_QUERIES = 3 + 11 + 1 + 7 + 1 + 8 + 2
SINCE_EVER = "/api/v1/export/?updated_after=2000-01-01"

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
    """The document as a client reads it; the full export from a snapshot written now, as the timer would."""
    if "updated_after" not in url:
        write_export_snapshot()
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


def test_it_writes_a_snapshot_of_exactly_what_the_live_export_streams(world, kim):
    add_delegations(2, kim)
    output = StringIO()
    call_command("build_export", stdout=output)
    latest = snapshot.latest()
    written = gzip.decompress(latest.path.read_bytes())
    # Byte for byte, once the live export is given the snapshot's moment: every kind, every nested row.
    assert written == b"".join(export_chunks(None, latest.generated_at))
    document = json.loads(written)
    assert datetime.datetime.fromisoformat(document["generated_at"]) == latest.generated_at
    assert len(document["delegations"]) == Delegation.objects.count()
    assert latest.path.name in output.getvalue() and "rows/s" in output.getvalue()


def test_it_sends_the_newest_snapshot_as_a_file_not_the_records_saved_since(logged_in, world):
    write_export_snapshot()
    Partner.objects.create(kind="city", name_vi="Thành phố Daejeon", country=world.korea)
    response = logged_in.get("/api/v1/export/", HTTP_ACCEPT_ENCODING="br, gzip")
    assert isinstance(response, FileResponse)
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert int(response["Content-Length"]) == snapshot.latest().size
    document = json.loads(gzip.decompress(body(response)))
    assert {row["id"] for row in document["partners"]} == {world.gyeongju.pk, world.fukui.pk}
    # The header repeats the document's moment: where the client's next `updated_after` starts.
    assert response["X-Export-Generated-At"] == document["generated_at"]
    since = logged_in.get(f"/api/v1/export/?updated_after={document['generated_at'].replace('+', '%2B')}")
    assert [row["name_vi"] for row in json.loads(body(since))["partners"]] == ["Thành phố Daejeon"]


def test_it_decompresses_the_snapshot_for_clients_that_do_not_accept_gzip(logged_in, world):
    write_export_snapshot()
    response = logged_in.get("/api/v1/export/")
    assert not response.has_header("Content-Encoding")
    assert "Accept-Encoding" in response["Vary"]
    document = json.loads(body(response))
    assert document == json.loads(gzip.decompress(snapshot.latest().path.read_bytes()))


@pytest.mark.parametrize("encoding", ["gzip", "identity"])
def test_it_hands_the_file_to_nginx_when_accel_redirect_is_set(logged_in, world, settings, encoding):
    settings.EXPORT_ACCEL_REDIRECT = "/_export/"
    write_export_snapshot()
    latest = snapshot.latest()
    response = logged_in.get("/api/v1/export/", HTTP_ACCEPT_ENCODING=encoding)
    assert response.status_code == 200
    # The JSON's name: nginx finds the .gz beside it (gzip_static) and unzips for clients that want it so.
    assert response["X-Accel-Redirect"] == "/_export/" + latest.path.name.removesuffix(".gz")
    assert response.content == b""
    assert not response.has_header("Content-Encoding")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert datetime.datetime.fromisoformat(response["X-Export-Generated-At"]) == latest.generated_at


@pytest.mark.parametrize("accel", ["", "/_export/"])
def test_it_checks_permissions_before_sending_the_file(client, db, settings, accel):
    settings.EXPORT_ACCEL_REDIRECT = accel
    write_export_snapshot()
    assert client.get("/api/v1/export/").status_code == 401
    client.force_login(get_user_model().objects.create_user("outsider", password="x" * 12))
    refused = client.get("/api/v1/export/", HTTP_ACCEPT_ENCODING="gzip")
    assert refused.status_code == 403
    assert not refused.has_header("X-Accel-Redirect") and not refused.streaming


def test_it_answers_503_with_retry_after_before_the_first_snapshot(logged_in, world):
    response = logged_in.get("/api/v1/export/")
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert response.json() == {"detail": "Bản xuất toàn bộ đang được chuẩn bị. Vui lòng thử lại sau một phút."}
    # Deltas do not wait for a snapshot.
    assert logged_in.get(SINCE_EVER).status_code == 200


def test_it_streams_updated_after_live_even_with_nginx_configured(logged_in, world, settings):
    settings.EXPORT_ACCEL_REDIRECT = "/_export/"
    response = logged_in.get(SINCE_EVER, HTTP_ACCEPT_ENCODING="gzip")
    assert not response.has_header("X-Accel-Redirect")
    assert response["Content-Encoding"] == "gzip"
    document = json.loads(gzip.decompress(body(response)))
    assert response["X-Export-Generated-At"] == document["generated_at"]
    assert {row["id"] for row in document["partners"]} == {world.gyeongju.pk, world.fukui.pk}


def test_it_keeps_only_the_newest_snapshots(world):
    for _ in range(snapshot.KEEP + 2):
        write_export_snapshot()
    kept = sorted(snapshot.directory().iterdir())
    assert len(kept) == snapshot.KEEP
    assert kept[-1] == snapshot.latest().path


def test_it_leaves_the_last_snapshot_in_place_when_a_new_one_fails_half_way(world):
    write_export_snapshot()
    before = snapshot.latest()

    def broken():
        yield b'{"schema_version":1,'
        raise ConnectionError("the database went away")

    with pytest.raises(ConnectionError):
        snapshot.write(broken(), timezone.now())
    # Neither the half-written file nor a name a reader would take for a snapshot.
    assert list(snapshot.directory().iterdir()) == [before.path]
    assert snapshot.latest() == before


def test_it_writes_a_snapshot_at_serve_only_if_there_is_none(world):
    call_command("build_export", "--if-missing", stdout=StringIO())
    first = snapshot.latest()
    call_command("build_export", "--if-missing", stdout=StringIO())
    assert snapshot.latest() == first


def test_it_makes_the_same_number_of_queries_whatever_the_row_count(logged_in, world, kim):
    write_export_snapshot()
    add_delegations(2, kim)
    few = (count_queries(logged_in, "/api/v1/export/"), count_queries(logged_in, SINCE_EVER))
    add_delegations(30, kim)
    write_export_snapshot()
    many = (count_queries(logged_in, "/api/v1/export/"), count_queries(logged_in, SINCE_EVER))
    assert few == many == (SNAPSHOT_QUERIES, EXPORT_QUERIES)


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
