"""The review workflow by role: an editor drafts and submits, a reviewer approves or returns, nobody their own."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from agreements import review_workflow
from agreements.choices import AgreementStatus, EffectivenessRating, Recommendation, ReviewStatus
from agreements.forms import AgreementReviewForm
from agreements.lifecycle import transition
from agreements.models import Agreement, AgreementReview, AgreementStatusChange
from foreignaffairs.partial_dates import PartialDate
from tests.conftest import admin_change_url
from tests.forms import page_form_data

TODAY = datetime.date(2026, 11, 24)


@pytest.fixture
def agreement(db):
    return Agreement.objects.create(
        title_vi="Thỏa thuận hợp tác với Gyeongju",
        kind="cooperation",
        status=AgreementStatus.IN_EFFECT,
        signed_on="2025-08-14",
        review_interval_months=12,
    )


@pytest.fixture
def draft(agreement, editor):
    return AgreementReview.objects.create(
        agreement=agreement,
        period_start=datetime.date(2025, 8, 14),
        period_end=datetime.date(2026, 8, 13),
        rating=EffectivenessRating.EFFECTIVE,
        findings="Hai bên trao đổi đoàn đều đặn; du lịch tăng.",
        recommendation=Recommendation.CONTINUE,
        next_review_on=datetime.date(2027, 8, 14),
        created_by=editor,
    )


@pytest.fixture
def submitted(draft, editor):
    return review_workflow.submit(draft, editor, today=TODAY)


COMPLETE = {"rating": "effective", "findings": "Đạt mục tiêu", "recommendation": "continue"}
INCOMPLETE = {
    "rating": ["Chưa điền “Đánh giá hiệu quả”: báo cáo rà soát phải có mục này mới trình hoặc phê duyệt được."],
    "findings": ["Chưa điền “Nhận xét, đánh giá”: báo cáo rà soát phải có mục này mới trình hoặc phê duyệt được."],
    "recommendation": ["Chưa điền “Kiến nghị”: báo cáo rà soát phải có mục này mới trình hoặc phê duyệt được."],
}


def _error_codes(refused) -> list[str]:
    error = refused.value
    if hasattr(error, "error_dict"):
        return [item.code for items in error.error_dict.values() for item in items]
    return [item.code for item in error.error_list]


def test_an_editor_submits_a_draft_and_the_agreement_goes_under_review(draft, editor, agreement):
    review_workflow.submit(draft, editor, today=TODAY)

    draft.refresh_from_db()
    agreement.refresh_from_db()
    assert (draft.status, draft.submitted_by) == (ReviewStatus.SUBMITTED, editor)
    assert draft.submitted_at is not None
    assert agreement.status == AgreementStatus.UNDER_REVIEW
    change = AgreementStatusChange.objects.get(agreement=agreement)
    assert (change.to_status, change.changed_by) == (AgreementStatus.UNDER_REVIEW, editor)


def test_an_editor_cannot_approve(submitted, editor):
    with pytest.raises(PermissionDenied, match="không có quyền phê duyệt"):
        review_workflow.approve(submitted, editor, today=TODAY)
    submitted.refresh_from_db()
    assert submitted.status == ReviewStatus.SUBMITTED


def test_an_editor_cannot_return(submitted, editor):
    with pytest.raises(PermissionDenied):
        review_workflow.return_for_rework(submitted, editor, "sửa lại")


def test_a_viewer_cannot_submit(draft, viewer):
    with pytest.raises(PermissionDenied, match="không có quyền trình"):
        review_workflow.submit(draft, viewer, today=TODAY)


@pytest.mark.parametrize("role", ["reviewer", "administrator"])
def test_a_reviewer_approves_someone_elses_review(submitted, agreement, role, request):
    approver = request.getfixturevalue(role)

    review_workflow.approve(submitted, approver, today=TODAY)

    submitted.refresh_from_db()
    agreement.refresh_from_db()
    assert (submitted.status, submitted.decided_by) == (ReviewStatus.APPROVED, approver)
    # "Continue" closes the review: the agreement is in effect again, and its next review is the approved date.
    assert agreement.status == AgreementStatus.IN_EFFECT
    assert agreement.next_review_on == PartialDate(2027, 8, 14)
    last_change = agreement.status_changes.last()
    assert (last_change.to_status, last_change.changed_by) == (AgreementStatus.IN_EFFECT, approver)


@pytest.mark.parametrize("role", ["reviewer", "administrator"])
def test_nobody_approves_their_own_review(agreement, role, request):
    author = request.getfixturevalue(role)
    review = AgreementReview.objects.create(agreement=agreement, created_by=author, **COMPLETE)
    review_workflow.submit(review, author, today=TODAY)

    with pytest.raises(review_workflow.ReviewRefused) as refused:
        review_workflow.approve(review, author, today=TODAY)

    assert _error_codes(refused) == ["own_review"]
    assert refused.value.messages == ["Không ai được tự phê duyệt hoặc trả lại báo cáo do chính mình soạn hoặc trình."]


def test_a_reviewer_cannot_approve_a_review_they_only_submitted(draft, reviewer):
    review_workflow.submit(draft, reviewer, today=TODAY)
    with pytest.raises(review_workflow.ReviewRefused):
        review_workflow.approve(draft, reviewer, today=TODAY)


def test_it_refuses_to_approve_a_review_never_submitted(draft, reviewer):
    with pytest.raises(review_workflow.ReviewRefused) as refused:
        review_workflow.approve(draft, reviewer, today=TODAY)
    assert _error_codes(refused) == ["review_not_submitted"]
    assert "chưa được trình (đang “Bản nháp”)" in refused.value.messages[0]


def test_a_refusal_quoting_the_status_carries_it_as_a_parameter(submitted, editor):
    with pytest.raises(review_workflow.ReviewRefused) as refused:
        review_workflow.submit(submitted, editor, today=TODAY)
    assert (refused.value.code, refused.value.params) == ("review_not_draft", {"status": "Đã trình"})


def test_a_review_period_cannot_end_before_it_starts_however_it_is_saved(agreement):
    review = AgreementReview(
        agreement=agreement, period_start=datetime.date(2026, 3, 1), period_end=datetime.date(2026, 2, 28)
    )
    with pytest.raises(ValidationError) as refused:
        review.full_clean()
    assert [(error.code, error.message) for error in refused.value.error_dict["period_end"]] == [
        ("review_period_reversed", "Kỳ rà soát phải kết thúc sau ngày bắt đầu.")
    ]


def test_it_refuses_to_approve_twice(submitted, reviewer, administrator):
    review_workflow.approve(submitted, reviewer, today=TODAY)
    with pytest.raises(review_workflow.ReviewRefused):
        review_workflow.approve(submitted, administrator, today=TODAY)


def test_a_reviewer_returns_a_review_with_a_reason_and_the_editor_resubmits(submitted, reviewer, editor, agreement):
    review_workflow.return_for_rework(submitted, reviewer, "Thiếu số liệu hoạt động năm 2026")

    submitted.refresh_from_db()
    assert (submitted.status, submitted.return_reason) == (ReviewStatus.RETURNED, "Thiếu số liệu hoạt động năm 2026")
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.UNDER_REVIEW

    review_workflow.submit(submitted, editor, today=TODAY)
    submitted.refresh_from_db()
    assert (submitted.status, submitted.return_reason) == (ReviewStatus.SUBMITTED, "")


def test_it_refuses_a_return_without_a_reason(submitted, reviewer):
    with pytest.raises(review_workflow.ReviewRefused) as refused:
        review_workflow.return_for_rework(submitted, reviewer, "   ")
    assert _error_codes(refused) == ["return_without_reason"]


def test_it_refuses_to_submit_an_empty_review_naming_each_missing_part(agreement, editor):
    review = AgreementReview.objects.create(agreement=agreement, findings="   ", created_by=editor)

    with pytest.raises(review_workflow.ReviewRefused) as refused:
        review_workflow.submit(review, editor, today=TODAY)

    assert refused.value.message_dict == INCOMPLETE
    review.refresh_from_db()
    assert review.status == ReviewStatus.DRAFT


def test_it_refuses_to_approve_a_submitted_review_emptied_since(submitted, reviewer):
    AgreementReview.objects.filter(pk=submitted.pk).update(rating="", findings="", recommendation="")

    with pytest.raises(review_workflow.ReviewRefused) as refused:
        review_workflow.approve(submitted, reviewer, today=TODAY)

    assert refused.value.message_dict == INCOMPLETE
    submitted.refresh_from_db()
    assert submitted.status == ReviewStatus.SUBMITTED


def test_it_refuses_to_submit_a_review_period_before_the_signing(draft, editor):
    draft.period_start = datetime.date(2025, 8, 13)
    draft.save()

    with pytest.raises(review_workflow.ReviewRefused) as refused:
        review_workflow.submit(draft, editor, today=TODAY)

    assert refused.value.message_dict == {
        "period_start": ["Kỳ rà soát bắt đầu ngày 13/08/2025, trước khi thỏa thuận được ký (14/08/2025)."]
    }


def test_it_refuses_to_approve_with_a_next_review_date_in_the_past(submitted, reviewer):
    # Submitted on 24/11 with a date that had passed by the time of approval.
    AgreementReview.objects.filter(pk=submitted.pk).update(next_review_on=datetime.date(2026, 11, 30))

    with pytest.raises(review_workflow.ReviewRefused) as refused:
        review_workflow.approve(submitted, reviewer, today=datetime.date(2026, 12, 1))

    assert refused.value.message_dict == {
        "next_review_on": ["Ngày rà soát lần sau (30/11/2026) đã qua; chọn một ngày từ hôm nay (01/12/2026) trở đi."]
    }


@pytest.mark.parametrize(
    ("recommendation", "proposed"),
    [
        (Recommendation.RENEW, AgreementStatus.RENEWED),
        (Recommendation.AMEND, AgreementStatus.AMENDED),
        (Recommendation.TERMINATE, AgreementStatus.TERMINATED),
    ],
)
def test_approving_renew_amend_or_terminate_proposes_the_move_for_a_reviewer_to_confirm(
    draft, editor, reviewer, agreement, recommendation, proposed
):
    draft.recommendation = recommendation
    draft.save()
    review_workflow.submit(draft, editor, today=TODAY)
    review_workflow.approve(draft, reviewer, today=TODAY)

    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.UNDER_REVIEW
    assert review_workflow.proposed_move(agreement) == (proposed, draft)

    transition(agreement, proposed, by=reviewer, reason="Đã ký văn bản mới")
    assert review_workflow.proposed_move(agreement) is None


def test_without_an_approved_review_the_next_review_follows_the_signing(agreement):
    assert agreement.next_review_on == PartialDate(2026, 8, 14)


# --- the review form ---------------------------------------------------------------------------------------------


def _form_data(agreement: Agreement, **changes) -> dict:
    data = {"agreement": agreement.pk, "period_start": "14/08/2025", "period_end": "13/08/2026"}
    data.update(changes)
    return data


def test_the_form_refuses_a_review_period_before_the_signing(agreement):
    form = AgreementReviewForm(_form_data(agreement, period_start="01/08/2025"))
    assert not form.is_valid()
    assert form.errors["period_start"] == [
        "Kỳ rà soát bắt đầu ngày 01/08/2025, trước khi thỏa thuận được ký (14/08/2025)."
    ]


def test_the_form_refuses_a_next_review_date_in_the_past(agreement):
    form = AgreementReviewForm(_form_data(agreement, next_review_on="01/01/2020"))
    assert not form.is_valid()
    assert form.errors["next_review_on"][0].startswith("Ngày rà soát lần sau (01/01/2020) đã qua")


def test_the_form_refuses_to_change_a_submitted_review(submitted, agreement):
    data = _form_data(agreement, findings="sửa sau khi trình")
    data["loaded_last_updated"] = submitted.last_updated.isoformat()
    form = AgreementReviewForm(data, instance=submitted)
    assert not form.is_valid()
    assert form.non_field_errors()[0].startswith("Báo cáo đang “Đã trình” nên không sửa được nữa.")


# --- the admin buttons: submit buttons of the review's change form ------------------------------------------------


def _change_page(client, review: AgreementReview) -> str:
    return client.get(admin_change_url(review)).content.decode()


def _press(client, review: AgreementReview, step: str, **typed):
    """Open the review, type `typed`, press the workflow button `step` (it must be on the page)."""
    data = page_form_data(client.get(admin_change_url(review)), press=("_workflow", step))
    data.update(typed)
    return client.post(admin_change_url(review), data)


def test_the_editor_saves_the_edits_and_submits_in_one_press(client, draft, editor):
    client.force_login(editor)
    page = _change_page(client, draft)
    assert 'name="_workflow" value="submit"' in page
    assert 'value="approve"' not in page

    response = _press(client, draft, "submit", findings="Bổ sung: hai đoàn du lịch năm 2026.")

    assert response.status_code == 302
    assert response["Location"] == admin_change_url(draft)
    draft.refresh_from_db()
    assert (draft.status, draft.findings) == (ReviewStatus.SUBMITTED, "Bổ sung: hai đoàn du lịch năm 2026.")
    assert "Báo cáo rà soát nay: Đã trình." in client.get(response["Location"]).text


def test_an_incomplete_review_is_not_submitted_and_what_was_typed_stays(client, agreement, editor):
    review = AgreementReview.objects.create(agreement=agreement, created_by=editor)
    client.force_login(editor)

    response = _press(client, review, "submit", purpose="Rà soát giữa kỳ")

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert {field: errors[field] for field in INCOMPLETE} == INCOMPLETE
    assert page_form_data(response)["purpose"] == "Rà soát giữa kỳ"
    review.refresh_from_db()
    assert (review.status, review.purpose) == (ReviewStatus.DRAFT, "")


def test_the_editor_is_told_they_cannot_approve_from_the_admin(client, submitted, editor, reviewer):
    client.force_login(reviewer)
    data = page_form_data(client.get(admin_change_url(submitted)), press=("_workflow", "approve"))
    client.force_login(editor)
    assert 'value="approve"' not in _change_page(client, submitted)

    response = client.post(admin_change_url(submitted), data)

    assert response.context["adminform"].form.non_field_errors() == [
        "Anh/chị không có quyền phê duyệt báo cáo rà soát."
    ]
    submitted.refresh_from_db()
    assert submitted.status == ReviewStatus.SUBMITTED


def test_the_reviewer_approves_from_the_admin(client, submitted, reviewer):
    client.force_login(reviewer)

    response = _press(client, submitted, "approve")

    assert response.status_code == 302
    submitted.refresh_from_db()
    assert (submitted.status, submitted.decided_by) == (ReviewStatus.APPROVED, reviewer)


def test_the_reviewer_returns_from_the_admin_with_a_reason(client, submitted, reviewer):
    client.force_login(reviewer)

    _press(client, submitted, "return", workflow_reason="Bổ sung đánh giá")

    submitted.refresh_from_db()
    assert (submitted.status, submitted.return_reason) == (ReviewStatus.RETURNED, "Bổ sung đánh giá")


def test_a_return_without_a_reason_is_refused_on_the_reason_field(client, submitted, reviewer):
    client.force_login(reviewer)

    response = _press(client, submitted, "return", workflow_reason="  ")

    assert response.context["adminform"].form.errors["workflow_reason"] == [
        "Nhập lý do trả lại để người soạn biết cần sửa gì."
    ]
    submitted.refresh_from_db()
    assert submitted.status == ReviewStatus.SUBMITTED


def test_there_is_no_separate_workflow_address():
    from django.urls import NoReverseMatch

    with pytest.raises(NoReverseMatch):
        reverse("admin:agreements_agreementreview_workflow", args=[1])


def test_the_reviewer_sees_no_approve_button_on_their_own_review(client, draft, reviewer):
    review_workflow.submit(draft, reviewer, today=TODAY)
    client.force_login(reviewer)
    assert 'value="approve"' not in _change_page(client, draft)


def test_the_agreement_page_shows_the_proposed_move(client, draft, editor, reviewer, agreement):
    draft.recommendation = Recommendation.RENEW
    draft.save()
    review_workflow.submit(draft, editor, today=TODAY)
    review_workflow.approve(draft, reviewer, today=TODAY)
    client.force_login(reviewer)

    page = client.get(admin_change_url(agreement)).content.decode()

    assert 'id="lifecycle-proposal"' in page
    assert "kiến nghị chuyển sang “Đã gia hạn”" in page
