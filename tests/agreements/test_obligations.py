"""An agreement's commitments: entered and closed on the agreement's admin page as rendered, shown on its dashboard
page with the overdue ones marked, counted on the overview, sent in the daily digest, carried by the API and the
export, at a query count that does not grow with them."""

import datetime
import json

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache

from agreements.choices import AgreementKind, AgreementStatus, ObligationStatus
from agreements.models import Agreement, AgreementObligation
from foreignaffairs import clock
from foreignaffairs.reminders.digest import send_reminders
from partners.choices import Side
from partners.models import HueUnit, Person
from tests.agreements.test_document_uploads import add_inline_row
from tests.conftest import admin_change_url, body, count_queries
from tests.forms import SAVE, inline_prefix, page_form_data
from tests.pages import document


def _day(value: datetime.date) -> str:
    return value.strftime("%d/%m/%Y")


def _in(days: int) -> datetime.date:
    return clock.today() + datetime.timedelta(days=days)


@pytest.fixture
def chungcheongnam(demo) -> Agreement:
    """The demo's agreement signed with Chungcheongnam in August 2025: signed, so its commitments bind."""
    return Agreement.objects.get(partners__name_en="Chungcheongnam Province")


def _save_page(client, agreement: Agreement, new_row: dict | None = None, **row_edits):
    """The agreement's admin page as rendered, with a commitment row added or the first row's fields retyped."""
    page = client.get(admin_change_url(agreement))
    data = page_form_data(page, press=SAVE)
    if new_row is not None:
        add_inline_row(page, data, AgreementObligation, **new_row)
    prefix = inline_prefix(page, AgreementObligation)
    data.update({f"{prefix}-0-{name}": value for name, value in row_edits.items()})
    return client.post(admin_change_url(agreement), data)


def _row_errors(response) -> dict:
    [formset] = [i.formset for i in response.context["inline_admin_formsets"] if i.formset.model is AgreementObligation]
    return {field: errors for form in formset.forms for field, errors in form.errors.items()}


def _obligation_rows(client, agreement: Agreement) -> list[str]:
    page = document(client.get(agreement.get_absolute_url()))
    rows = page.xpath("//section[@aria-labelledby='obligations-heading']//tbody/tr")
    return [" | ".join(" ".join(cell.text_content().split()) for cell in row.xpath("td")) for row in rows]


def test_an_editor_records_a_commitment_and_closes_it_with_its_evidence(client, editor, chungcheongnam):
    client.force_login(editor)
    phuc = Person.objects.get(full_name="Nguyễn Văn Phúc")
    dofa = HueUnit.objects.get(name_vi="Sở Ngoại vụ thành phố Huế")
    response = _save_page(
        client,
        chungcheongnam,
        new_row={
            "side": Side.HUE,
            "commitment": "Cử đoàn nghệ thuật sang biểu diễn tại lễ hội của tỉnh",
            "owner": str(phuc.pk),
            "owner_unit": str(dofa.pk),
            "due_on": _day(_in(-3)),
        },
    )
    assert response.status_code == 302, _row_errors(response)
    obligation = chungcheongnam.obligations.get()
    assert (obligation.status, obligation.created_by, obligation.due_on) == (ObligationStatus.OPEN, editor, _in(-3))
    assert _obligation_rows(client, chungcheongnam) == [
        f"Phía Huế | Cử đoàn nghệ thuật sang biểu diễn tại lễ hội của tỉnh | Nguyễn Văn Phúc, Sở Ngoại vụ thành phố "
        f"Huế | {_day(_in(-3))} Quá hạn | Đang thực hiện | —"
    ]

    # "Done" alone says nothing a review could check: refused, the row kept open.
    response = _save_page(client, chungcheongnam, status=ObligationStatus.DONE)
    assert response.status_code == 200
    assert _row_errors(response) == {
        "completed_on": ["Nhập ngày hoàn thành cho cam kết đã hoàn thành."],
        "evidence": ["Ghi minh chứng cho cam kết đã hoàn thành: văn bản, sự kiện hay kết quả cho thấy đã thực hiện."],
    }
    obligation.refresh_from_db()
    assert obligation.status == ObligationStatus.OPEN

    response = _save_page(
        client,
        chungcheongnam,
        status=ObligationStatus.DONE,
        completed_on=_day(_in(-1)),
        evidence="Đoàn biểu diễn ngày hôm qua, theo Công văn số 45/SNgV",
    )
    assert response.status_code == 302, _row_errors(response)
    assert _obligation_rows(client, chungcheongnam) == [
        f"Phía Huế | Cử đoàn nghệ thuật sang biểu diễn tại lễ hội của tỉnh | Nguyễn Văn Phúc, Sở Ngoại vụ thành phố "
        f"Huế | {_day(_in(-3))} | Đã hoàn thành, {_day(_in(-1))} | Đoàn biểu diễn ngày hôm qua, theo Công văn số "
        f"45/SNgV"
    ]


@pytest.mark.parametrize(
    ("typed", "field", "message"),
    [
        (
            {"side": Side.PARTNER, "owner_unit": "Sở Ngoại vụ thành phố Huế"},
            "owner_unit",
            "Cam kết của phía đối tác không giao cho đơn vị phía Huế; để trống đơn vị phụ trách.",
        ),
        (
            {"side": Side.PARTNER, "owner": "Nguyễn Văn Phúc"},
            "owner",
            "Nguyễn Văn Phúc thuộc phía Huế, không phụ trách được cam kết của phía đối tác.",
        ),
        (
            {"side": Side.HUE, "owner": "Sugiyama Mitsuki"},
            "owner",
            "Sugiyama Mitsuki thuộc phía đối tác, không phụ trách được cam kết của phía Huế.",
        ),
        (
            {"status": ObligationStatus.DONE, "completed_on": 1, "evidence": "Biên bản làm việc"},
            "completed_on",
            "Ngày hoàn thành không thể sau hôm nay.",
        ),
    ],
)
def test_it_refuses_a_commitment_its_side_or_its_dates_contradict(
    client, editor, chungcheongnam, typed, field, message
):
    client.force_login(editor)
    row = {"side": Side.HUE, "commitment": "Trao đổi thông tin về dự án thành phố thông minh", **typed}
    if "owner" in row:
        row["owner"] = str(Person.objects.get(full_name=row["owner"]).pk)
    if "owner_unit" in row:
        row["owner_unit"] = str(HueUnit.objects.get(name_vi=row["owner_unit"]).pk)
    if "completed_on" in row:
        row["completed_on"] = _day(_in(row["completed_on"]))

    response = _save_page(client, chungcheongnam, new_row=row)

    assert response.status_code == 200
    assert _row_errors(response) == {field: [message]}
    assert not AgreementObligation.objects.exists()


def _commitment(agreement: Agreement, text: str, due_in: int | None, **fields) -> AgreementObligation:
    due_on = None if due_in is None else _in(due_in)
    return AgreementObligation.objects.create(agreement=agreement, commitment=text, due_on=due_on, **fields)


def test_the_overview_lists_the_overdue_commitments_of_agreements_in_force(logged_in, chungcheongnam):
    ended = Agreement.objects.create(
        title_vi="Thỏa thuận đã chấm dứt", kind=AgreementKind.COOPERATION, status=AgreementStatus.TERMINATED
    )
    drafted = Agreement.objects.create(title_vi="Thỏa thuận đang soạn", kind=AgreementKind.COOPERATION)
    _commitment(chungcheongnam, "Gửi báo cáo kết quả năm đầu", -2)
    _commitment(chungcheongnam, "Cử đoàn khảo sát", 0)  # due today: not late yet
    _commitment(chungcheongnam, "Không thời hạn", None)
    _commitment(chungcheongnam, "Đã làm", -5, status=ObligationStatus.DONE, completed_on=_in(-5), evidence="Công văn 1")
    _commitment(chungcheongnam, "Đã hủy", -5, status=ObligationStatus.CANCELLED)
    _commitment(ended, "Của thỏa thuận đã chấm dứt", -2)
    _commitment(drafted, "Của thỏa thuận chưa ký", -2)

    page = document(logged_in.get("/dashboard/"))

    [panel] = page.xpath("//div[contains(@class, 'attention-panel')][h3[contains(., 'Cam kết của thỏa thuận')]]")
    assert " ".join(panel.xpath("h3")[0].text_content().split()) == "Cam kết của thỏa thuận đã quá hạn 1"
    [row] = panel.xpath(".//li")
    assert row.xpath("a/@href") == [chungcheongnam.get_absolute_url()]
    assert " ".join(row.text_content().split()) == (
        f"Gửi báo cáo kết quả năm đầu Thỏa thuận hợp tác giữa thành phố Huế và tỉnh Chungcheongnam · {_day(_in(-2))}"
    )


TODAY = datetime.date(2026, 11, 24)


def test_the_digest_sends_a_commitment_to_its_owner_and_the_agreements_officer_once(db, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    users = get_user_model().objects
    lan = users.create_user("lan", email="lan@songoaivu.hue.gov.vn", first_name="Lan", last_name="Nguyễn Thị")
    minh = users.create_user("minh", email="minh@songoaivu.hue.gov.vn", first_name="Minh", last_name="Trần Văn")
    agreement = Agreement.objects.create(
        title_vi="Hợp tác với Chungcheongnam",
        reference_number="8/2025/TTHT",
        kind=AgreementKind.COOPERATION,
        status=AgreementStatus.IN_EFFECT,
        responsible_officer=lan,
    )
    unfollowed = Agreement.objects.create(
        title_vi="Hợp tác không ai theo dõi", kind=AgreementKind.COOPERATION, status=AgreementStatus.IN_EFFECT
    )
    minh_person = Person.objects.create(full_name="Trần Văn Minh", email="MINH@songoaivu.hue.gov.vn")
    lan_person = Person.objects.create(full_name="Nguyễn Thị Lan", email="lan@songoaivu.hue.gov.vn")
    kim = Person.objects.create(full_name="Kim Seokki", email="kim@example.kr")

    def commitment(target, text, days, **fields):
        return AgreementObligation.objects.create(
            agreement=target, commitment=text, due_on=TODAY + datetime.timedelta(days=days), **fields
        )

    commitment(agreement, "Gửi kế hoạch\nhợp tác năm 2027", -3, owner=minh_person)
    commitment(agreement, "Cử chuyên gia đô thị thông minh", 5, side=Side.PARTNER, owner=kim)
    commitment(agreement, "Báo cáo Ủy ban", -1, owner=lan_person)  # the officer owns it too: once
    commitment(agreement, "Còn xa", 20, owner=minh_person)
    commitment(unfollowed, "Không tài khoản nào nhận", -1, owner=kim)

    report = send_reminders(TODAY)

    assert len(report.sent) == 2
    bodies = {message.to[0]: message.body for message in mail.outbox}
    assert bodies["lan@songoaivu.hue.gov.vn"] == (
        "Kính gửi Lan Nguyễn Thị,\n"
        "\n"
        "Các việc anh/chị phụ trách cần theo dõi, tính đến ngày 24/11/2026:\n"
        "\n"
        "Cam kết của thỏa thuận đã quá hạn\n"
        "  - Gửi kế hoạch hợp tác năm 2027 (thỏa thuận: [8/2025/TTHT] Hợp tác với Chungcheongnam) — hạn 21/11/2026 "
        "(quá 3 ngày)\n"
        "  - Báo cáo Ủy ban (thỏa thuận: [8/2025/TTHT] Hợp tác với Chungcheongnam) — hạn 23/11/2026 (quá 1 ngày)\n"
        "\n"
        "Cam kết của thỏa thuận đến hạn trong 14 ngày tới\n"
        "  - Cử chuyên gia đô thị thông minh (thỏa thuận: [8/2025/TTHT] Hợp tác với Chungcheongnam) — hạn 29/11/2026\n"
        "\n"
        "Thư này do hệ thống quản lý đối ngoại gửi tự động mỗi ngày một lần.\n"
    )
    # The owner's own account, found by the email of the person record (without case): that one commitment.
    assert "Cam kết của thỏa thuận đã quá hạn\n  - Gửi kế hoạch hợp tác năm 2027" in bodies["minh@songoaivu.hue.gov.vn"]
    assert {digest.recipient: digest.subject.rsplit(": ", 1)[1] for digest in report.sent} == {
        lan: "3 việc cần theo dõi",
        minh: "1 việc cần theo dõi",
    }


def _add_agreements_with_commitments(count: int) -> None:
    kim = Person.objects.get(full_name="Kim Seokki")
    dofa = HueUnit.objects.get(name_vi="Sở Ngoại vụ thành phố Huế")
    for number in range(count):
        agreement = Agreement.objects.create(
            title_vi=f"Thỏa thuận có cam kết {number}", kind=AgreementKind.COOPERATION, status=AgreementStatus.SIGNED
        )
        _commitment(agreement, f"Cam kết phía Huế {number}", -1, owner_unit=dofa)
        _commitment(agreement, f"Cam kết phía đối tác {number}", 30, side=Side.PARTNER, owner=kim)


def _queries(client, urls: list[str]) -> list[int]:
    counted = []
    for url in urls:
        cache.clear()  # the overview's whole-table figures computed each time, as on a first view
        counted.append(count_queries(client, url))
    return counted


def test_the_api_export_and_pages_carry_commitments_at_a_fixed_number_of_queries(logged_in, chungcheongnam):
    kim = Person.objects.get(full_name="Kim Seokki")
    kept = _commitment(chungcheongnam, "Cử chuyên gia đô thị thông minh", -4, side=Side.PARTNER, owner=kim, evidence="")
    _add_agreements_with_commitments(1)
    urls = [
        "/api/v1/agreements/",
        "/api/v1/export/?updated_after=2000-01-01",
        chungcheongnam.get_absolute_url(),
        "/dashboard/",
    ]
    few = _queries(logged_in, urls)
    _add_agreements_with_commitments(8)
    for _ in range(5):
        _commitment(chungcheongnam, "Thêm một cam kết", -1)
    assert _queries(logged_in, urls) == few

    api = logged_in.get(f"/api/v1/agreements/{chungcheongnam.pk}/").json()
    assert api["obligations"][0] == {
        "id": kept.pk,
        "side": "partner",
        "commitment": "Cử chuyên gia đô thị thông minh",
        "owner": {"id": kim.pk, "label": "Kim Seokki"},
        "owner_unit": None,
        "due_on": _in(-4).isoformat(),
        "status": "open",
        "completed_on": None,
        "evidence": "",
        "created": api["obligations"][0]["created"],
        "last_updated": api["obligations"][0]["last_updated"],
    }
    assert len(api["obligations"]) == 6
    export = json.loads(body(logged_in.get("/api/v1/export/?updated_after=2000-01-01")))
    [record] = [row for row in export["agreements"] if row["id"] == chungcheongnam.pk]
    first = record["obligations"][0]
    assert (first["id"], first["side"], first["owner_id"], first["due_on"], first["status"]) == (
        kept.pk,
        "partner",
        kim.pk,
        _in(-4).isoformat(),
        "open",
    )
    assert len(record["obligations"]) == 6
