"""The agreement's rules, through the same form the admin uses, and through the admin itself."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from agreements.forms import AgreementDocumentForm, AgreementForm
from agreements.models import Agreement, AgreementDocument, AgreementReview
from partners.models import Partner
from tests.conftest import admin_change_url
from tests.forms import SAVE, page_form_data

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def _agreement_data(**changes):
    data = {
        "title_vi": "Thỏa thuận thử",
        "kind": "cooperation",
        "status": "drafting",
        "partners": [Partner.objects.get(name_en="Gyeongju").pk],
        "review_interval_months": 12,
    }
    data.update(changes)
    return data


def test_it_refuses_an_expiry_before_the_signing(demo):
    form = AgreementForm(_agreement_data(signed_on="08/2025", expires_on="31/07/2025"))
    assert not form.is_valid()
    assert form.errors["expires_on"] == ["Ngày hết hiệu lực (31/07/2025) không thể trước ngày ký (08/2025)."]


def test_it_accepts_an_expiry_in_the_month_of_a_month_precise_signing(demo):
    assert AgreementForm(_agreement_data(signed_on="08/2025", expires_on="31/08/2030")).is_valid()


def test_it_refuses_an_agreement_without_a_partner(demo):
    form = AgreementForm(_agreement_data(partners=[]))
    assert not form.is_valid()
    assert form.errors["partners"] == [
        "Chọn ít nhất một đối tác. Nếu nguồn không nêu tên đối tác, đánh dấu “chưa rõ đối tác”."
    ]


def test_a_historical_record_may_say_its_partner_is_unknown(demo):
    assert AgreementForm(_agreement_data(partners=[], partner_unknown="on")).is_valid()


def test_it_refuses_an_impossible_signing_date(demo):
    form = AgreementForm(_agreement_data(signed_on="31/02/2025"))
    assert not form.is_valid()
    assert "signed_on" in form.errors


def test_the_next_review_follows_from_the_signing(demo):
    # Signed 08/2025, reviewed every 12 months: due 08/2026, to the month, as the signing is known.
    agreement = Agreement.objects.get(partners__name_en="Chungcheongnam Province")
    assert agreement.next_review_on.isoformat() == "2026-08"


@pytest.mark.parametrize(
    ("name", "content", "accepted"),
    [
        ("signed.pdf", PDF, True),
        ("ban-dich.docx", _docx_bytes(), True),
        ("scan.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, True),
        ("virus.pdf", b"MZ\x90\x00 this is an executable", False),
        ("notes.txt", b"plain text", False),
    ],
)
def test_uploads_are_checked_by_content_not_name(demo, name, content, accepted):
    form = AgreementDocumentForm(
        {"kind": "signed_original", "language": "vi", "title": ""},
        {"file": SimpleUploadedFile(name, content)},
    )
    assert form.is_valid() is accepted
    if not accepted:
        assert form.errors["file"] == [
            "Nội dung tệp không phải PDF, DOCX, ODT, JPEG hoặc PNG. Hãy tải lên văn bản ở một trong các định dạng này."
        ]


def test_uploads_over_20_mb_are_refused(demo, settings):
    settings.MAX_UPLOAD_BYTES = 1024
    form = AgreementDocumentForm(
        {"kind": "signed_original"}, {"file": SimpleUploadedFile("big.pdf", PDF + b"0" * 2048)}
    )
    assert not form.is_valid()
    assert form.errors["file"][0].startswith("Tệp quá lớn")


def test_a_bad_upload_in_the_admin_saves_nothing(admin_client, demo, tmp_path, settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {**settings.STORAGES["default"], "OPTIONS": {"location": tmp_path}},
    }
    agreement = Agreement.objects.get(partners__name_en="Gyeongju")
    url = admin_change_url(agreement)
    page = admin_client.get(url)
    form = page.context["adminform"].form
    data = {
        name: form[name].value() or ""
        for name in form.fields
        if name not in ("partners", "hue_units", "signatories", "fields")
    }
    data.update(
        {
            "partners": [p.pk for p in agreement.partners.all()],
            "title_vi": "Tên mới không được lưu",
            "documents-TOTAL_FORMS": "1",
            "documents-INITIAL_FORMS": "0",
            "documents-0-kind": "signed_original",
            "documents-0-file": SimpleUploadedFile("x.pdf", b"not a pdf at all"),
            "reviews-TOTAL_FORMS": "1",
            "reviews-INITIAL_FORMS": "1",
            "reviews-0-id": agreement.reviews.get().pk,
            "reviews-0-agreement": agreement.pk,
            "reviews-0-purpose": agreement.reviews.get().purpose,
            "reviews-0-loaded_last_updated": agreement.reviews.get().last_updated.isoformat(),
            "status_changes-TOTAL_FORMS": "0",
            "status_changes-INITIAL_FORMS": "0",
        }
    )
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "Nội dung tệp không phải PDF" in response.text
    agreement.refresh_from_db()
    assert agreement.title_vi != "Tên mới không được lưu"
    assert not AgreementDocument.objects.exists()
    assert AgreementReview.objects.filter(agreement=agreement).count() == 1


# --- renewal and amendment chains ----------------------------------------------------------------------------


def _successor(predecessor: Agreement, title: str) -> Agreement:
    return Agreement.objects.create(
        title_vi=title, kind="cooperation", predecessor=predecessor, predecessor_relation="renews"
    )


def _choose_predecessor_in_admin(client, agreement: Agreement, predecessor: Agreement):
    url = admin_change_url(agreement)
    data = page_form_data(client.get(url), press=SAVE)
    data.update(predecessor=str(predecessor.pk), predecessor_relation="renews")
    return client.post(url, data)


def test_it_refuses_a_renewal_loop_naming_the_agreement_that_closes_it(admin_client, demo):
    first = Agreement.objects.get(partners__name_en="Gyeongju")
    second = _successor(first, "Thỏa thuận gia hạn lần 1")
    third = _successor(second, "Thỏa thuận gia hạn lần 2")

    for closing in (second, third):
        response = _choose_predecessor_in_admin(admin_client, first, closing)

        assert response.status_code == 200
        assert response.context["adminform"].form.errors["predecessor"] == [
            f"Chuỗi gia hạn, sửa đổi sẽ thành vòng lặp: “{second}” đã thay thế chính thỏa thuận này "
            "(trực tiếp hoặc qua văn bản khác). Hãy chọn đúng văn bản trước đó."
        ]
        first.refresh_from_db()
        assert first.predecessor is None


def test_it_refuses_a_predecessor_whose_chain_already_loops(admin_client, demo):
    first = Agreement.objects.get(partners__name_en="Gyeongju")
    second = _successor(first, "Thỏa thuận gia hạn lần 1")
    Agreement.objects.filter(pk=first.pk).update(predecessor=second, predecessor_relation="renews")  # an old record
    newcomer = Agreement.objects.get(partners__name_en="Uljin County")

    response = _choose_predecessor_in_admin(admin_client, newcomer, second)

    assert response.context["adminform"].form.errors["predecessor"] == [
        f"Chuỗi gia hạn, sửa đổi của “{second}” đã có vòng lặp ở “{first}”; hãy sửa thỏa thuận đó trước."
    ]


def test_it_accepts_a_chain_without_a_loop(admin_client, demo):
    first = Agreement.objects.get(partners__name_en="Gyeongju")
    second = _successor(first, "Thỏa thuận gia hạn lần 1")
    newcomer = Agreement.objects.get(partners__name_en="Uljin County")

    assert _choose_predecessor_in_admin(admin_client, newcomer, second).status_code == 302
