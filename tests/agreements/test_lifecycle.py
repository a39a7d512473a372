"""The agreement lifecycle: every move the table allows, every move it refuses, and the admin's buttons."""

import pytest
from django.urls import reverse

from agreements import lifecycle
from agreements.choices import AgreementStatus
from agreements.forms import AgreementForm
from agreements.models import Agreement, AgreementStatusChange
from tests.conftest import admin_change_url
from tests.forms import SAVE, page_form, page_form_data

ALLOWED = [(source, target) for source, targets in lifecycle.TRANSITIONS.items() for target in targets]
REFUSED = [
    (source, target)
    for source in AgreementStatus.values
    for target in AgreementStatus.values
    if target not in lifecycle.TRANSITIONS[source]
]


def _agreement(status: str = AgreementStatus.DRAFTING, **fields) -> Agreement:
    return Agreement.objects.create(title_vi="Thỏa thuận thử", kind="cooperation", status=status, **fields)


def test_it_has_a_row_in_the_table_for_every_status():
    assert set(lifecycle.TRANSITIONS) == set(AgreementStatus.values)


def test_it_follows_the_issue_main_line():
    main_line = [
        AgreementStatus.DRAFTING,
        AgreementStatus.NEGOTIATING,
        AgreementStatus.SIGNED,
        AgreementStatus.IN_EFFECT,
        AgreementStatus.UNDER_REVIEW,
    ]
    for source, target in zip(main_line, main_line[1:], strict=False):
        assert lifecycle.is_allowed(source, target)
    for end in (
        AgreementStatus.IN_EFFECT,
        AgreementStatus.RENEWED,
        AgreementStatus.AMENDED,
        AgreementStatus.TERMINATED,
    ):
        assert lifecycle.is_allowed(AgreementStatus.UNDER_REVIEW, end)
    assert lifecycle.is_allowed(AgreementStatus.IN_EFFECT, AgreementStatus.EXPIRED)


@pytest.mark.parametrize(("source", "target"), ALLOWED)
def test_it_makes_every_allowed_move_and_records_who_when_why(db, editor, source, target):
    agreement = _agreement(source)

    change = lifecycle.transition(agreement, target, by=editor, reason="Theo công văn số 12")

    agreement.refresh_from_db()
    assert agreement.status == target
    assert agreement.updated_by == editor
    assert (change.from_status, change.to_status, change.changed_by, change.reason) == (
        source,
        target,
        editor,
        "Theo công văn số 12",
    )
    assert change.changed_at is not None
    assert agreement.history.first().history_user == editor


@pytest.mark.parametrize(("source", "target"), REFUSED)
def test_it_refuses_every_move_the_table_does_not_allow(db, editor, source, target):
    agreement = _agreement(source)

    with pytest.raises(lifecycle.TransitionRefused) as refused:
        lifecycle.transition(agreement, target, by=editor, reason="thử")

    agreement.refresh_from_db()
    assert agreement.status == source
    assert not AgreementStatusChange.objects.filter(agreement=agreement).exists()
    message = refused.value.messages[0]
    for allowed in lifecycle.TRANSITIONS[source]:
        assert f"“{AgreementStatus(allowed).label}”" in message


def test_it_names_the_allowed_moves_in_the_refusal(db, editor):
    with pytest.raises(lifecycle.TransitionRefused) as refused:
        lifecycle.transition(_agreement(AgreementStatus.SIGNED), AgreementStatus.UNDER_REVIEW, by=editor)
    assert refused.value.messages == [
        "Không thể chuyển thỏa thuận từ “Đã ký” sang “Đang rà soát”. "
        "Từ “Đã ký” chỉ có thể chuyển sang: “Đang có hiệu lực”, “Hết hiệu lực”, “Đã chấm dứt”."
    ]


def test_the_refusal_carries_its_code_and_the_statuses_it_quotes(db, editor):
    with pytest.raises(lifecycle.TransitionRefused) as refused:
        lifecycle.transition(_agreement(AgreementStatus.EXPIRED), AgreementStatus.IN_EFFECT, by=editor)
    assert (refused.value.code, refused.value.params) == (
        "transition_not_allowed",
        {"from": "Hết hiệu lực", "to": "Đang có hiệu lực", "allowed": "“Đã gia hạn”"},
    )


def test_it_says_an_end_status_has_no_way_on(db, editor):
    with pytest.raises(lifecycle.TransitionRefused) as refused:
        lifecycle.transition(_agreement(AgreementStatus.TERMINATED), AgreementStatus.IN_EFFECT, by=editor)
    assert refused.value.messages == [
        "Không thể chuyển thỏa thuận từ “Đã chấm dứt” sang “Đang có hiệu lực”: "
        "“Đã chấm dứt” là trạng thái kết thúc, không chuyển tiếp được."
    ]


def test_it_judges_the_move_by_the_status_in_the_database_not_a_stale_copy(db, editor):
    agreement = _agreement(AgreementStatus.DRAFTING)
    stale = Agreement.objects.get(pk=agreement.pk)
    lifecycle.transition(agreement, AgreementStatus.SIGNED, by=editor, reason="ký")

    # The stale copy still says "drafting"; drafting → negotiating would be allowed, signed → negotiating is not.
    with pytest.raises(lifecycle.TransitionRefused):
        lifecycle.transition(stale, AgreementStatus.NEGOTIATING, by=editor)


def test_it_does_not_let_a_form_edit_the_status_of_an_existing_agreement(db):
    assert "status" in AgreementForm().fields
    assert "status" not in AgreementForm(instance=_agreement()).fields


# --- the admin: the buttons are submit buttons of the change form -------------------------------------------------


def _press(client, agreement: Agreement, target: str, reason: str, **edits):
    """Open the agreement, type `edits` and the reason, press "→ <target>" (its button must be on the page)."""
    data = page_form_data(client.get(admin_change_url(agreement)), press=("_transition", target))
    data.update(edits, transition_reason=reason)
    return client.post(admin_change_url(agreement), data)


def test_it_offers_the_allowed_moves_as_buttons_of_the_change_form(client, editor):
    agreement = _agreement(AgreementStatus.SIGNED)
    client.force_login(editor)

    form = page_form(client.get(admin_change_url(agreement)))

    buttons = form.xpath(".//button[@name='_transition']")
    assert [(b.get("value"), b.text_content()) for b in buttons] == [
        ("in_effect", "→ Đang có hiệu lực"),
        ("expired", "→ Hết hiệu lực"),
        ("terminated", "→ Đã chấm dứt"),
    ]
    [reason] = form.xpath(".//textarea[@name='transition_reason']")
    assert "required" not in reason.attrib  # the ordinary Save must not need it
    assert form.xpath(".//label[@for=$id]/text()", id=reason.get("id")) == ["Lý do chuyển trạng thái:"]
    assert not form.xpath(".//*[@name='status']")
    # Enter in a field presses the form's first submit button: Save, never a move.
    assert form.xpath("(.//*[@type='submit'])[1]/@name") == ["_save"]


def test_it_saves_the_edits_typed_with_the_move(client, editor):
    agreement = _agreement(AgreementStatus.SIGNED, partner_unknown=True)
    client.force_login(editor)

    response = _press(
        client,
        agreement,
        "in_effect",
        "Có hiệu lực từ ngày ký",
        reference_number="27/2025/TTHT-HUE",
        expires_on="31/08/2030",
    )

    assert response.status_code == 302
    assert response["Location"] == admin_change_url(agreement)
    agreement.refresh_from_db()
    assert (agreement.status, agreement.reference_number, agreement.expires_on.isoformat()) == (
        "in_effect",
        "27/2025/TTHT-HUE",
        "2030-08-31",
    )
    change = agreement.status_changes.get()
    assert (change.from_status, change.to_status, change.changed_by, change.reason) == (
        "signed",
        "in_effect",
        editor,
        "Có hiệu lực từ ngày ký",
    )
    page = client.get(response["Location"])
    assert "Đã lưu thỏa thuận “Thỏa thuận thử” và chuyển trạng thái: Đã ký → Đang có hiệu lực." in page.text


def test_it_refuses_a_move_without_a_reason_saves_nothing_and_keeps_what_was_typed(client, editor):
    agreement = _agreement(AgreementStatus.DRAFTING, partner_unknown=True)
    client.force_login(editor)

    response = _press(client, agreement, "negotiating", "  ", reference_number="27/2025/TTHT-HUE")

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["transition_reason"] == [
        "Nhập lý do chuyển trạng thái: lịch sử ghi lại ai, khi nào và vì sao."
    ]
    assert page_form_data(response)["reference_number"] == "27/2025/TTHT-HUE"
    agreement.refresh_from_db()
    assert (agreement.status, agreement.reference_number) == ("drafting", "")
    assert not AgreementStatusChange.objects.exists()


def test_it_refuses_a_move_the_table_does_not_allow_and_saves_nothing(client, editor):
    agreement = _agreement(AgreementStatus.DRAFTING, partner_unknown=True)
    client.force_login(editor)
    data = page_form_data(client.get(admin_change_url(agreement)), press=("_transition", "negotiating"))
    # A page from before the status moved elsewhere, as far as the buttons go: its button asks for an illegal move.
    data.update(_transition="expired", transition_reason="thử", title_vi="Tên mới")

    response = client.post(admin_change_url(agreement), data)

    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors() == [
        "Không thể chuyển thỏa thuận từ “Đang soạn thảo” sang “Hết hiệu lực”. "
        "Từ “Đang soạn thảo” chỉ có thể chuyển sang: “Đang đàm phán”, “Đã ký”, “Đã chấm dứt”."
    ]
    agreement.refresh_from_db()
    assert (agreement.status, agreement.title_vi) == ("drafting", "Thỏa thuận thử")


def test_it_refuses_a_move_when_the_edits_are_invalid_and_moves_nothing(client, editor):
    agreement = _agreement(AgreementStatus.DRAFTING, partner_unknown=True)
    client.force_login(editor)

    response = _press(client, agreement, "signed", "Hai bên đã ký", signed_on="31/02/2026")

    assert response.status_code == 200
    assert "signed_on" in response.context["adminform"].form.errors
    agreement.refresh_from_db()
    assert agreement.status == "drafting"
    assert not AgreementStatusChange.objects.exists()


def test_there_is_no_separate_transition_address():
    from django.urls import NoReverseMatch

    with pytest.raises(NoReverseMatch):
        reverse("admin:agreements_agreement_transition", args=[1])


def test_it_refuses_the_move_to_a_user_who_cannot_change_agreements(client, editor):
    from django.contrib.auth import get_user_model

    agreement = _agreement(partner_unknown=True)
    client.force_login(editor)
    data = page_form_data(client.get(admin_change_url(agreement)), press=("_transition", "negotiating"))
    data["transition_reason"] = "thử"
    staff_without_rights = get_user_model().objects.create_user("khach", password="x", is_staff=True)
    client.force_login(staff_without_rights)

    response = client.post(admin_change_url(agreement), data)

    assert response.status_code == 403
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.DRAFTING


def test_it_records_the_status_a_new_agreement_is_entered_with(admin_client, demo, superuser):
    from partners.models import Partner

    add_url = reverse("admin:agreements_agreement_add")
    data = page_form_data(admin_client.get(add_url), press=SAVE)
    data.update(
        title_vi="Thỏa thuận mới",
        kind="cooperation",
        status="signed",
        partners=str(Partner.objects.get(name_en="Gyeongju").pk),
    )

    response = admin_client.post(add_url, data)

    assert response.status_code == 302, response.content.decode()[:3000]
    agreement = Agreement.objects.get(title_vi="Thỏa thuận mới")
    change = AgreementStatusChange.objects.get(agreement=agreement)
    assert (change.from_status, change.to_status, change.changed_by) == ("", "signed", superuser)
