"""The journal through the pages staff use: the short form on a detail page, the admin inline, the partner's timeline
(its children's events named, filtered by kind, paged past 50), the files' permission-checked download."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from agreements.choices import AgreementStatus
from agreements.models import Agreement, AgreementObligation, AgreementStatusChange
from delegations.models import Delegation
from foreignaffairs import clock
from foreignaffairs.journal.models import JournalAttachment, JournalEntry
from partners.models import Country, Partner, Person
from tests.conftest import admin_change_url, count_queries, make_user
from tests.forms import SAVE, inline_prefix, page_form_data
from tests.pages import document, link_by_text

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def busan(db):
    korea = Country.objects.get(code="KR")
    busan = Partner.objects.create(kind="city", name_vi="Thành phố Busan", country=korea)
    dongnae = Partner.objects.create(kind="district", name_vi="Quận Dongnae", country=korea, parent=busan)
    Person.objects.create(full_name="Kim Min-jun", partner=busan)
    return busan, dongnae


def timeline_items(response) -> list[str]:
    return [" ".join(li.text_content().split()) for li in document(response).xpath("//ol[@class='timeline']/li")]


def test_an_editor_adds_a_note_with_a_file_from_the_partner_page_and_a_viewer_reads_and_downloads_it(
    editor_client, busan, settings, tmp_path
):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path}},
    }
    busan, _ = busan
    page = editor_client.get(busan.get_absolute_url())
    data = page_form_data(page, form_id="journal-form")
    kim = next(
        label for label in document(page).xpath("//form[@id='journal-form']//label") if "Kim" in label.text_content()
    )
    data.update(
        occurred_on="14/03/2025",
        kind="note_received",
        summary="Busan gửi công hàm mời dự lễ hội pháo hoa.",
        people=kim.xpath(".//input")[0].get("value"),
        file=SimpleUploadedFile("cong-ham.html", PDF),  # the content decides: stored as .pdf
    )
    action = document(page).xpath("//form[@id='journal-form']")[0].get("action")
    response = editor_client.post(action, data, follow=True)
    assert response.redirect_chain[-1][0].endswith(f"#journal-{JournalEntry.objects.get().pk}")
    [item] = timeline_items(response)
    assert item.startswith("14/03/2025 Công hàm nhận được")
    assert "Busan gửi công hàm mời dự lễ hội pháo hoa." in item and "Người liên quan: Kim Min-jun" in item
    assert "Người ghi: editor" in item

    viewer = Client()
    viewer.force_login(make_user("viewer"))
    page = viewer.get(busan.get_absolute_url())
    assert not document(page).xpath("//form[@id='journal-form']")  # viewers read; they do not add
    download = viewer.get(link_by_text(page, "cong-ham.pdf", base=busan.get_absolute_url()))
    assert download["Content-Type"] == "application/pdf" and b"".join(download.streaming_content) == PDF
    assert viewer.post(action, data).status_code == 403


def test_a_wrong_note_keeps_what_was_typed_and_says_what_is_wrong(editor_client, busan):
    busan, _ = busan
    page = editor_client.get(busan.get_absolute_url())
    data = page_form_data(page, form_id="journal-form")
    next_year = clock.today().year + 1
    data.update(occurred_on=f"03/{next_year}", kind="call", summary="Gọi điện hẹn lịch làm việc.")
    action = document(page).xpath("//form[@id='journal-form']")[0].get("action")
    response = editor_client.post(action, {**data, "file": SimpleUploadedFile("thu.pdf", PDF)})
    assert response.status_code == 200 and not JournalEntry.objects.exists()
    text = response.content.decode()
    assert "Ngày diễn ra không được sau ngày hôm nay" in text
    assert "Tệp đính kèm đã chọn chưa được lưu: chọn lại tệp" in text
    again = page_form_data(response, form_id="journal-form")
    assert again["summary"] == "Gọi điện hẹn lịch làm việc." and again["occurred_on"] == f"03/{next_year}"
    # Put right on the page it came back on, it is saved.
    editor_client.post(action, {**again, "occurred_on": "03/2024"})
    assert str(JournalEntry.objects.get().occurred_on) == "03/2024"


def test_an_agreement_page_lists_its_notes_and_takes_a_new_one(editor_client, busan):
    busan, _ = busan
    agreement = Agreement.objects.create(title_vi="Biên bản ghi nhớ hợp tác du lịch")
    agreement.partners.add(busan)
    page = editor_client.get(agreement.get_absolute_url())
    data = {
        **page_form_data(page, form_id="journal-form"),
        "occurred_on": "2024",
        "kind": "meeting",
        "summary": "Họp trực tuyến về lịch ký.",
    }
    editor_client.post(document(page).xpath("//form[@id='journal-form']")[0].get("action"), data)
    page = editor_client.get(agreement.get_absolute_url())
    notes = [" ".join(li.text_content().split()) for li in document(page).xpath("//ol[@class='journal-notes']/li")]
    assert notes == ["2024 Gặp gỡ, làm việc Họp trực tuyến về lịch ký. Người ghi: editor"]
    # The partner's timeline has it too, naming the agreement it is about.
    [item] = [i for i in timeline_items(editor_client.get(busan.get_absolute_url())) if "Họp trực tuyến" in i]
    assert "Biên bản ghi nhớ hợp tác du lịch" in item


def test_notes_are_added_in_the_admin_inline_and_files_on_the_note_page(admin_client, busan, settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path}},
    }
    busan, _ = busan
    page = admin_client.get(admin_change_url(busan))
    prefix = inline_prefix(page, JournalEntry)
    data = page_form_data(page, press=SAVE)
    data.update(
        {
            f"{prefix}-TOTAL_FORMS": "1",
            f"{prefix}-0-occurred_on": "08/2025",
            f"{prefix}-0-kind": "email",
            f"{prefix}-0-summary": "Thư điện tử xác nhận danh sách đoàn.",
        }
    )
    assert admin_client.post(admin_change_url(busan), data).status_code == 302
    note = JournalEntry.objects.get(partner=busan)
    assert note.created_by.username == "root"
    page = admin_client.get(admin_change_url(note))
    prefix = inline_prefix(page, JournalAttachment)
    data = {**page_form_data(page, press=SAVE), f"{prefix}-TOTAL_FORMS": "1", f"{prefix}-0-title": "Thư xác nhận"}
    data[f"{prefix}-0-file"] = SimpleUploadedFile("xac-nhan.pdf", PDF)
    assert admin_client.post(admin_change_url(note), data).status_code == 302
    assert note.attachments.get().file.name.endswith(".pdf")


def test_a_note_must_be_about_exactly_one_record(admin_client, busan):
    from foreignaffairs.journal.admin import JournalEntryAdmin  # noqa: F401  (the admin page below is its form)
    from tests.conftest import admin_url

    busan, _ = busan
    page = admin_client.get(admin_url(JournalEntry, "add"))
    data = {**page_form_data(page, press=SAVE), "occurred_on": "2025", "kind": "call", "summary": "Gọi"}
    response = admin_client.post(admin_url(JournalEntry, "add"), data)
    assert "Một ghi chép thuộc về đúng một đối tác, thỏa thuận, đoàn hoặc dự án." in response.content.decode()
    assert page_form_data(response, press=SAVE)["summary"] == "Gọi"
    assert not JournalEntry.objects.exists()


def test_the_parent_timeline_names_the_child_filters_by_kind_and_pages_past_fifty(logged_in, busan):
    busan, dongnae = busan
    JournalEntry.objects.create(partner=dongnae, occurred_on="2023-05", kind="letter_sent", summary="Thư chúc mừng")
    visit = Delegation.objects.create(direction="inbound", title_vi="Đoàn quận Dongnae thăm Huế", starts_on="2024-04")
    visit.partners.add(dongnae)
    for day in range(1, 61):
        JournalEntry.objects.create(
            partner=busan, occurred_on=f"2022-{day % 12 + 1:02}", kind="call", summary=f"Gọi {day}"
        )

    page = logged_in.get(busan.get_absolute_url())
    items = timeline_items(page)
    assert len(items) == 50
    assert items[0].startswith("04/2024") and "[Quận Dongnae] Đoàn quận Dongnae thăm Huế" in items[0]
    assert "[Quận Dongnae]" in items[1] and "Thư chúc mừng" in items[1]
    second = logged_in.get(link_by_text(page, "Trang sau →", base=busan.get_absolute_url()))
    assert len(timeline_items(second)) == 62 - 50

    # The kind filter, as the page offers it.
    form = document(page).xpath("//form[contains(@class, 'timeline-filter')]")[0]
    [option] = [o for o in form.xpath(".//option") if o.text_content().startswith("Đoàn ra, đoàn vào")]
    assert option.text_content() == "Đoàn ra, đoàn vào (1)"
    visits = logged_in.get(busan.get_absolute_url(), {"kind": option.get("value")})
    assert [i.split(" ", 1)[0] for i in timeline_items(visits)] == ["04/2024"]
    wrong = logged_in.get(busan.get_absolute_url(), {"kind": "gossip"})
    assert "Không có loại sự kiện “gossip”; đang hiển thị tất cả các loại." in wrong.content.decode()
    assert len(timeline_items(wrong)) == 50

    # The queries do not grow with the notes: 60 more cost nothing.
    before = count_queries(logged_in, busan.get_absolute_url())
    for day in range(60):
        JournalEntry.objects.create(partner=busan, occurred_on="2021", kind="email", summary=f"Thư {day}")
    assert count_queries(logged_in, busan.get_absolute_url()) == before


def test_a_status_change_is_dated_when_it_happened_not_when_it_was_typed(logged_in, busan):
    busan, _ = busan
    agreement = Agreement.objects.create(
        title_vi="Thỏa thuận hợp tác",
        signed_on="2019-06",
        effective_on=datetime.date(2019, 7, 1),
        status=AgreementStatus.IN_EFFECT,
    )
    agreement.partners.add(busan)
    typed = timezone.now()
    for status in (AgreementStatus.SIGNED, AgreementStatus.IN_EFFECT, AgreementStatus.TERMINATED):
        AgreementStatusChange.objects.create(agreement=agreement, to_status=status, changed_at=typed)
    # A commitment shows on the day it was met, or once overdue; one not yet due is not history.
    AgreementObligation.objects.create(
        agreement=agreement, commitment="Cử đoàn nghệ thuật", status="done", completed_on=datetime.date(2020, 3, 2)
    )
    AgreementObligation.objects.create(agreement=agreement, commitment="Gửi báo cáo", due_on=datetime.date(2020, 1, 5))
    AgreementObligation.objects.create(
        agreement=agreement, commitment="Trao học bổng", due_on=datetime.date(2999, 1, 1)
    )
    items = timeline_items(logged_in.get(busan.get_absolute_url()))
    assert [i.split(" ", 1)[0] for i in items if "Cam kết quá hạn" in i or "Hoàn thành cam kết" in i] == [
        "02/03/2020",
        "05/01/2020",
    ]
    items = [i for i in items if "cam kết" not in i.lower()]
    # Ended early: expired before its expiry date, the change is dated when it was made, not years ahead.
    agreement.expires_on = datetime.date(2999, 1, 1)
    agreement.save()
    AgreementStatusChange.objects.create(agreement=agreement, to_status=AgreementStatus.EXPIRED, changed_at=typed)
    later = [i for i in timeline_items(logged_in.get(busan.get_absolute_url())) if "Hết hiệu lực" in i]
    assert [i.split(" ", 1)[0] for i in later] == [timezone.localtime(typed).strftime("%d/%m/%Y")]
    typed_day = timezone.localtime(typed).strftime("%d/%m/%Y")
    assert [item.split(" ", 1)[0] for item in items] == [typed_day, "01/07/2019", "06/2019"]
    assert "Đã chấm dứt" in items[0] and "Đang có hiệu lực" in items[1] and "Ký thỏa thuận" in items[2]


def test_an_attachment_of_a_missing_file_answers_not_found(logged_in, busan, settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path}},
    }
    busan, _ = busan
    note = JournalEntry.objects.create(partner=busan, occurred_on="2025", kind="call", summary="Gọi")
    attachment = JournalAttachment(entry=note)
    attachment.file.save("a.pdf", ContentFile(PDF), save=True)
    attachment.file.storage.delete(attachment.file.name)
    assert logged_in.get(attachment.get_absolute_url()).status_code == 404
