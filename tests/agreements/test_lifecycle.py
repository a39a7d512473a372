"""The agreement lifecycle: every move the table allows, every move it refuses, and the admin's buttons."""

import pytest
from django.urls import reverse

from agreements import lifecycle
from agreements.choices import AgreementStatus
from agreements.forms import AgreementForm
from agreements.models import Agreement, AgreementStatusChange

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


# --- the admin ---------------------------------------------------------------------------------------------------


def _transition_url(agreement: Agreement) -> str:
    return reverse("admin:agreements_agreement_transition", args=[agreement.pk])


def test_it_offers_the_allowed_moves_as_buttons(client, editor):
    agreement = _agreement(AgreementStatus.SIGNED)
    client.force_login(editor)

    page = client.get(reverse("admin:agreements_agreement_change", args=[agreement.pk])).content.decode()

    assert _transition_url(agreement) in page
    for target in (AgreementStatus.IN_EFFECT, AgreementStatus.EXPIRED, AgreementStatus.TERMINATED):
        assert f'name="to_status" value="{target}"' in page
    assert 'value="under_review"' not in page
    assert 'name="status"' not in page


def test_it_moves_the_agreement_from_the_button_with_the_reason(client, editor):
    agreement = _agreement(AgreementStatus.DRAFTING)
    client.force_login(editor)

    response = client.post(
        _transition_url(agreement), {"to_status": "negotiating", "reason": "Gửi dự thảo cho đối tác"}
    )

    assert response.status_code == 302
    change = AgreementStatusChange.objects.get(agreement=agreement)
    assert (change.to_status, change.changed_by, change.reason) == ("negotiating", editor, "Gửi dự thảo cho đối tác")


def test_it_refuses_an_illegal_button_with_the_allowed_moves(client, editor):
    agreement = _agreement(AgreementStatus.DRAFTING)
    client.force_login(editor)

    response = client.post(_transition_url(agreement), {"to_status": "expired", "reason": "thử"}, follow=True)

    assert "chỉ có thể chuyển sang: “Đang đàm phán”, “Đã ký”, “Đã chấm dứt”" in response.content.decode()
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.DRAFTING


def test_it_requires_a_reason_for_a_move(client, editor):
    agreement = _agreement(AgreementStatus.DRAFTING)
    client.force_login(editor)

    response = client.post(_transition_url(agreement), {"to_status": "negotiating", "reason": "  "}, follow=True)

    assert "Nhập lý do chuyển trạng thái" in response.content.decode()
    assert not AgreementStatusChange.objects.exists()


def test_it_rejects_get_on_the_transition_url(client, editor):
    client.force_login(editor)
    assert client.get(_transition_url(_agreement())).status_code == 405


def test_it_refuses_the_move_to_a_user_who_cannot_change_agreements(client, db):
    from django.contrib.auth import get_user_model

    agreement = _agreement()
    staff_without_rights = get_user_model().objects.create_user("khach", password="x", is_staff=True)
    client.force_login(staff_without_rights)

    response = client.post(_transition_url(agreement), {"to_status": "negotiating", "reason": "thử"})

    assert response.status_code == 403
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.DRAFTING


def test_it_records_the_status_a_new_agreement_is_entered_with(admin_client, demo, superuser):
    from partners.models import Partner

    response = admin_client.post(
        reverse("admin:agreements_agreement_add"),
        {
            "title_vi": "Thỏa thuận mới",
            "kind": "cooperation",
            "status": "signed",
            "partners": [Partner.objects.get(name_en="Gyeongju").pk],
            "review_interval_months": 12,
            **_empty_inlines(),
        },
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    agreement = Agreement.objects.get(title_vi="Thỏa thuận mới")
    change = AgreementStatusChange.objects.get(agreement=agreement)
    assert (change.from_status, change.to_status, change.changed_by) == ("", "signed", superuser)


def _empty_inlines() -> dict:
    data = {}
    for prefix in ("documents", "reviews", "status_changes"):
        data.update({f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0})
    return data
