"""Changing many agreements at once from the admin's list (foreignaffairs.admin.bulk_edit): the forms are posted as
the pages render them, with the boxes a person ticks and the action and value a person picks."""

import datetime

import pytest
from django.contrib.messages import get_messages

from agreements.models import Agreement
from partners.choices import RelationshipStatus
from partners.models import FieldOfCooperation, Partner
from tests.conftest import admin_url
from tests.forms import page_form_data
from tests.pages import document

CHANGELIST = admin_url(Agreement, "changelist")
PARTNERS = admin_url(Partner, "changelist")


@pytest.fixture
def editing(client, demo, editor):
    client.force_login(editor)
    return client


def bulk_edit_page(client, action: str, agreements: list[Agreement]):
    """The changelist with `agreements` ticked and `action` picked, "Thực hiện" pressed: the bulk edit's page."""
    listing = client.get(CHANGELIST)
    data = page_form_data(listing, press=("index", "0"), form_id="changelist-form")
    ticked = {box.get("value") for box in document(listing).xpath('//input[@name="_selected_action"]')}
    wanted = {str(agreement.pk) for agreement in agreements}
    assert wanted <= ticked, "every agreement to tick is on the list's page"
    data.update({"_selected_action": sorted(wanted), "action": action})
    page = client.post(CHANGELIST, data)
    assert page.status_code == 200
    return page


def apply(client, page, value):
    data = page_form_data(page, form_id="bulk-edit-form")
    data["value"] = value
    return client.post(CHANGELIST, data)


def shown_messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_it_changes_the_review_interval_of_the_ticked_agreements_and_records_who_and_why(editing, editor):
    first, second, untouched = Agreement.objects.order_by("pk")[:3]
    page = bulk_edit_page(editing, "set_review_interval", [first, second])
    names = [item.text_content() for item in document(page).xpath('//ul[@class="bulk-edit-records"]/li')]
    assert names == [str(first), str(second)]
    response = apply(editing, page, "6")
    assert response.status_code == 302 and response["Location"].startswith(CHANGELIST)
    assert "Đã sửa 2 thỏa thuận." in shown_messages(response)
    for agreement in (first, second):
        agreement.refresh_from_db()
        assert agreement.review_interval_months == 6 and agreement.updated_by == editor
        # The next review is counted again from the new interval, as a save from the change form does.
        assert agreement.next_review_on == agreement.compute_next_review_on()
        latest = agreement.history.latest()
        assert latest.history_user == editor
        assert latest.history_change_reason == "Đổi chu kỳ rà soát: 12 → 6"
    untouched.refresh_from_db()
    assert untouched.review_interval_months == 12


def test_it_leaves_alone_an_agreement_that_already_holds_the_value_and_says_so(editing):
    first, second = Agreement.objects.order_by("pk")[:2]
    Agreement.objects.filter(pk=first.pk).update(review_interval_months=6)
    versions = first.history.count()
    response = apply(editing, bulk_edit_page(editing, "set_review_interval", [first, second]), "6")
    assert shown_messages(response) == [
        "Đã sửa 1 thỏa thuận.",
        "1 bản ghi đã có giá trị này, không cần sửa.",
    ]
    assert first.history.count() == versions


def test_it_adds_and_removes_fields_of_cooperation(editing):
    first, second = Agreement.objects.order_by("pk")[:2]
    tourism = FieldOfCooperation.objects.order_by("pk").first()
    first.fields.remove(tourism)
    second.fields.add(tourism)
    page = bulk_edit_page(editing, "add_fields", [first, second])
    options = {option.text: option.get("value") for option in document(page).xpath('//select[@name="value"]/option')}
    response = apply(editing, page, [options[str(tourism)]])
    assert shown_messages(response) == ["Đã sửa 1 thỏa thuận.", "1 bản ghi đã có giá trị này, không cần sửa."]
    assert tourism in first.fields.all() and tourism in second.fields.all()
    assert first.history.latest().history_change_reason == f"Thêm lĩnh vực hợp tác: + {tourism}"
    response = apply(editing, bulk_edit_page(editing, "remove_fields", [first, second]), [str(tourism.pk)])
    assert shown_messages(response) == ["Đã sửa 2 thỏa thuận."]
    assert not tourism.agreements.filter(pk__in=[first.pk, second.pk]).exists()


def test_it_names_the_responsible_officer_from_active_staff_as_staff_are_shown(editing, editor):
    editor.last_name, editor.first_name = "Nguyễn", "Văn Phúc"
    editor.save()
    [agreement] = Agreement.objects.order_by("pk")[:1]
    page = bulk_edit_page(editing, "set_responsible_officer", [agreement])
    options = {option.text: option.get("value") for option in document(page).xpath('//select[@name="value"]/option')}
    assert options["— Không ai —"] == ""
    chosen = f"Nguyễn Văn Phúc ({editor.username})"
    apply(editing, page, options[chosen])
    agreement.refresh_from_db()
    assert agreement.responsible_officer == editor
    assert agreement.history.latest().history_change_reason == f"Đổi chuyên viên phụ trách: — → {chosen}"


def test_a_value_it_cannot_take_keeps_the_page_with_the_message_and_what_was_typed_and_writes_nothing(editing):
    first, second = Agreement.objects.order_by("pk")[:2]
    before = list(Agreement.objects.order_by("pk").values_list("review_interval_months", "last_updated")[:2])
    response = apply(editing, bulk_edit_page(editing, "set_review_interval", [first, second]), "sáu")
    assert response.status_code == 200
    page = document(response)
    assert page.xpath('string(//p[@class="errornote"])') == "Vui lòng sửa lỗi dưới đây."
    assert page.xpath('string(//ul[@class="errorlist"])') == "Nhập số nguyên."
    assert page.xpath('//input[@name="value"]/@value') == ["sáu"]
    assert list(Agreement.objects.order_by("pk").values_list("review_interval_months", "last_updated")[:2]) == before


def test_it_names_an_agreement_it_refuses_with_the_reason_and_changes_the_others(editing):
    broken, sound = Agreement.objects.order_by("pk")[:2]
    # Stored around the change form, which refuses it: open-ended and with an expiry.
    Agreement.objects.filter(pk=broken.pk).update(expires_on=datetime.date(2030, 1, 1), open_ended=True)
    response = apply(editing, bulk_edit_page(editing, "set_review_interval", [broken, sound]), "24")
    assert shown_messages(response) == [
        "Đã sửa 1 thỏa thuận.",
        f"Không sửa được thỏa thuận “{broken}”: Thỏa thuận không thời hạn thì không có ngày hết hiệu lực; bỏ một "
        "trong hai.",
    ]
    broken.refresh_from_db()
    sound.refresh_from_db()
    assert (broken.review_interval_months, sound.review_interval_months) == (12, 24)


def test_it_sets_the_relationship_status_of_the_ticked_partners_from_their_list(editing, editor):
    partners = list(Partner.objects.order_by("pk")[:2])
    listing = editing.get(PARTNERS)
    data = page_form_data(listing, press=("index", "0"), form_id="changelist-form")
    data.update({"_selected_action": [str(partner.pk) for partner in partners], "action": "set_relationship_status"})
    page = editing.post(PARTNERS, data)
    options = {option.text: option.get("value") for option in document(page).xpath('//select[@name="value"]/option')}
    data = page_form_data(page, form_id="bulk-edit-form")
    data["value"] = options["Tạm ngưng"]
    response = editing.post(PARTNERS, data)
    assert response.status_code == 302
    for partner in partners:
        partner.refresh_from_db()
        assert partner.relationship_status == RelationshipStatus.DORMANT and partner.updated_by == editor
        assert partner.history.latest().history_change_reason.startswith("Đổi tình trạng quan hệ: ")
