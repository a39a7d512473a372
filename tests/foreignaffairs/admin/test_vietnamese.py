"""The admin in Vietnamese: the libraries' own strings (Django, the admin, simple-history, axes) read as an official
would write them, through our catalogue locale/vi, and nothing of theirs is left in English."""

import gettext
import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse

from agreements.choices import AgreementStatus
from agreements.models import Agreement
from delegations.models import Delegation
from partners.models import Partner
from tests.forms import _document, page_form_data

VIETNAMESE_OVERRIDES = Path(settings.BASE_DIR, "locale/vi/LC_MESSAGES/django.mo")
# What the libraries' own Vietnamese said where it was wrong: "Bản ghi nhớ" is an MOU, not a history.
WRONG_LIBRARY_VIETNAMESE = {
    "Bản ghi nhớ",
    "Đi đến",
    "Thoát",
    "Site quản trị hệ thống.",
    "Quản trị website",
    "Hoạt động:",
    "7 ngày trước",
    "Hãy sửa lỗi sai dưới đây",
    "Nhập một số tổng thể.",
}


def visible_texts(response) -> set[str]:
    """Every text a person sees or hears on the page: text nodes, and the labels buttons and icons carry."""
    document = _document(response)
    for hidden in document.xpath("//script | //style"):
        hidden.drop_tree()
    texts = {" ".join(text.split()) for text in document.xpath("//body//text()")}
    # Not alt: Django's templates hard-code theirs in English ("Search", "True"), out of any catalogue's reach.
    for attribute in ("title", "placeholder", "aria-label"):
        texts.update(document.xpath(f"//body//@{attribute}"))
    texts.update(document.xpath("//input[@type='submit' or @type='button']/@value"))
    return {text for text in texts if text}


def library_english() -> dict[str, str]:
    """The libraries' English strings our catalogue translates, each with its Vietnamese."""
    with VIETNAMESE_OVERRIDES.open("rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)._catalog
    english = {}
    for key, vietnamese in catalogue.items():
        msgid = key[0] if isinstance(key, tuple) else key
        msgid = msgid.split("\x04")[-1]
        if msgid and msgid != vietnamese:
            english[msgid] = vietnamese
    return english


def _history_cell_items(response) -> list[str]:
    return [
        " ".join(item.text_content().split())
        for item in _document(response).xpath("//table[@id='change-history']//td//li")
    ]


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def test_it_labels_the_history_button_lich_su(editor_client, demo):
    agreement = Agreement.objects.first()
    response = editor_client.get(reverse("admin:agreements_agreement_change", args=[agreement.pk]))
    [history_link] = _document(response).xpath("//a[contains(@class, 'historylink')]")
    assert history_link.text_content().strip() == "Lịch sử"
    assert "Bản ghi nhớ" not in visible_texts(response)


def test_it_asks_in_vietnamese_to_correct_the_errors(editor_client, demo):
    url = reverse("admin:partners_partner_add")
    response = editor_client.post(url, page_form_data(editor_client.get(url), press="_save"))
    [banner] = _document(response).xpath("//p[contains(@class, 'errornote')]")
    assert banner.text_content().strip() == "Vui lòng sửa lỗi dưới đây."


def test_it_shows_the_history_page_in_vietnamese(editor_client, demo):
    agreement = Agreement.objects.first()
    response = editor_client.get(reverse("admin:agreements_agreement_history", args=[agreement.pk]))
    texts = visible_texts(response)
    assert "Chọn một thời điểm trong danh sách dưới đây để đưa bản ghi về phiên bản trước đó." in texts
    assert {"Bản ghi", "Ngày giờ", "Thao tác", "Người thực hiện", "Lý do thay đổi", "Nội dung thay đổi"} <= texts
    assert not texts & {"Choose a date", "Changed by", "Changes", "Comment", "None"}


def test_it_shows_choice_labels_not_stored_codes_in_the_history(editor_client, demo):
    agreement = Agreement.objects.exclude(status=AgreementStatus.UNDER_REVIEW).first()
    before = agreement.get_status_display()
    agreement.status = AgreementStatus.UNDER_REVIEW
    agreement.save()

    response = editor_client.get(reverse("admin:agreements_agreement_history", args=[agreement.pk]))

    items = _history_cell_items(response)
    assert f"Trạng thái: {before} → Đang rà soát" in items
    assert not any("under_review" in item for item in items)
    # Saved by a script, not through a request: no one is recorded, and the page says so in Vietnamese.
    assert "không ghi nhận" in visible_texts(response)


def test_it_names_app_and_model_in_the_history_version_breadcrumbs(editor_client, demo):
    partner = Partner.objects.first()
    version = partner.history.earliest()
    url = reverse("admin:partners_partner_simple_history", args=[partner.pk, version.history_id])
    [breadcrumbs] = _document(editor_client.get(url)).xpath("//div[@class='breadcrumbs']")
    # The app, then the model, by the names every other admin page gives them (not "Partners › Historical đối tác").
    assert " ".join(breadcrumbs.text_content().split()).startswith("Trang chủ › Đối tác › Đối tác › ")


def test_it_translates_the_admin_javascript(editor_client):
    script = editor_client.get(reverse("admin:jsi18n")).content.decode()
    catalogue = json.loads(re.search(r"const newcatalog = (\{.*?\});", script, re.DOTALL).group(1))
    # The date and time widgets' shortcuts, and the action bar's "0 of 5 selected".
    assert (catalogue["Today"], catalogue["Now"], catalogue["Choose a Date"]) == ("Hôm nay", "Bây giờ", "Chọn ngày")
    assert catalogue["%(sel)s of %(cnt)s selected"] == ["Đã chọn %(sel)s/%(cnt)s"]


def test_it_serves_a_vietnamese_select2_that_can_say_the_search_failed():
    # The admin's autocomplete loads select2's i18n/vi.js; Django's copy has no errorLoading, so a refused search
    # said "The results could not be loaded." in English.
    served = Path(finders.find("admin/js/vendor/select2/i18n/vi.js"))
    assert served.is_relative_to(settings.BASE_DIR / "static")
    assert 'errorLoading: function () {\n        return "Không tải được kết quả.";' in served.read_text()


def _admin_pages(client) -> list:
    agreement = Agreement.objects.first()
    delegation = Delegation.objects.first()
    version = agreement.history.earliest()
    add_partner = reverse("admin:partners_partner_add")
    return [
        client.get(reverse("admin:index")),
        client.get(reverse("admin:agreements_agreement_changelist")),
        client.get(reverse("admin:agreements_agreement_changelist"), {"q": "không có gì như thế", "status": "signed"}),
        # An action with nothing selected: back to the list with "select some items first".
        client.post(
            reverse("admin:partners_partner_changelist"), {"action": "delete_selected", "index": 0}, follow=True
        ),
        client.get(reverse("admin:agreements_agreement_change", args=[agreement.pk])),
        client.get(reverse("admin:delegations_delegation_change", args=[delegation.pk])),
        client.get(reverse("admin:delegations_delegation_add")),
        client.post(add_partner, page_form_data(client.get(add_partner), press="_save")),
        client.get(reverse("admin:agreements_agreement_history", args=[agreement.pk])),
        client.get(reverse("admin:agreements_agreement_simple_history", args=[agreement.pk, version.history_id])),
        client.get(reverse("admin:password_change")),
    ]


@pytest.mark.parametrize("role", ["editor", "administrator"])
def test_it_leaves_no_library_string_in_english_or_in_its_wrong_vietnamese(client, demo, role, request):
    client.force_login(request.getfixturevalue(role))
    english = library_english()
    pages = _admin_pages(client)
    if role == "administrator":
        agreement = Agreement.objects.first()
        pages.append(client.get(reverse("admin:agreements_agreement_delete", args=[agreement.pk])))
    client.logout()
    pages.append(client.get(reverse("admin:login")))

    for response in pages:
        assert response.status_code == 200, response.request["PATH_INFO"]
        texts = visible_texts(response)
        left_in_english = {text: english[text] for text in texts if text in english}
        assert not left_in_english, f"{response.request['PATH_INFO']}: {left_in_english}"
        assert not texts & WRONG_LIBRARY_VIETNAMESE, response.request["PATH_INFO"]
