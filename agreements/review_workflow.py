"""An effectiveness review's way: drafted by an officer, submitted, then approved or returned by a reviewer.

draft ──submit──▶ submitted ──approve──▶ approved
  ▲                   │
  └──── returned ◀──return (with a reason)

What approval does to the agreement:
- "continue" or "expand" closes the review: an agreement under review is back in effect.
- "renew", "amend" or "terminate" is *proposed*, not carried out. An agreement is renewed or amended only when
  the new document is signed (entered as a new agreement whose predecessor is this one), and terminating one
  takes notice to the partner; a recommendation is neither. The agreement page shows the proposal as a button a
  reviewer confirms once it has happened (`proposed_move`).
- Either way the agreement's next review date follows from the approved review.
"""

import datetime

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext

from agreements import lifecycle
from agreements.choices import AgreementStatus, Recommendation, ReviewStatus
from agreements.models import Agreement, AgreementReview
from foreignaffairs import clock
from foreignaffairs.accounts.access import change_permission

SUBMIT, APPROVE, RETURN = "submit", "approve", "return"
STEPS = (SUBMIT, APPROVE, RETURN)
SUBMIT_PERMISSION = change_permission(AgreementReview)
DECIDE_PERMISSION = "agreements.approve_review"

# The recommendations that would end the agreement, and the status each would end it in.
PROPOSED_STATUS = {
    Recommendation.RENEW: AgreementStatus.RENEWED,
    Recommendation.AMEND: AgreementStatus.AMENDED,
    Recommendation.TERMINATE: AgreementStatus.TERMINATED,
}
CLOSES_REVIEW = (Recommendation.CONTINUE, Recommendation.EXPAND)
# A review being decided on, or decided, is no longer edited: what was approved is what stays on record.
LOCKED_STATUSES = (ReviewStatus.SUBMITTED, ReviewStatus.APPROVED)
# What a review must say before it is submitted, and still say when it is approved.
REQUIRED_TO_SUBMIT = ("rating", "findings", "recommendation")


class ReviewRefused(ValidationError):
    """A workflow step that the review's state or content does not allow."""


def content_errors(review: AgreementReview, today: datetime.date) -> dict[str, ValidationError]:
    """What is wrong with a review's dates, by field: a period starting before its agreement was signed, a next review
    date already past. Not rules of a stored review (today moves on; a signing date may be corrected later), so they
    are checked when a person sets the dates (AgreementReviewForm) and when the review is submitted or approved."""
    errors = {}
    try:
        signed = review.agreement.signed_on
    except Agreement.DoesNotExist:
        # A review on a new agreement's page has no agreement yet; the form's own checks speak for it.
        signed = None
    start = review.period_start or review.period_end
    if signed and start and start < signed.earliest():
        errors["period_start" if review.period_start else "period_end"] = ValidationError(
            gettext("Kỳ rà soát bắt đầu ngày %(start)s, trước khi thỏa thuận được ký (%(signed)s)."),
            code="review_before_signing",
            params={"start": start.strftime("%d/%m/%Y"), "signed": str(signed)},
        )
    if review.next_review_on and review.next_review_on < today:
        errors["next_review_on"] = ValidationError(
            gettext("Ngày rà soát lần sau (%(date)s) đã qua; chọn một ngày từ hôm nay (%(today)s) trở đi."),
            code="next_review_in_past",
            params={"date": review.next_review_on.strftime("%d/%m/%Y"), "today": today.strftime("%d/%m/%Y")},
        )
    return errors


def missing_content(review: AgreementReview) -> dict[str, ValidationError]:
    """The parts without which a review says nothing to decide on, by field: each one left empty."""
    errors = {}
    for name in REQUIRED_TO_SUBMIT:
        if not (getattr(review, name) or "").strip():
            errors[name] = ValidationError(
                gettext("Chưa điền “%(field)s”: báo cáo rà soát phải có mục này mới trình hoặc phê duyệt được."),
                code="review_incomplete",
                params={"field": capfirst(AgreementReview._meta.get_field(name).verbose_name)},
            )
    return errors


def _check_content(review: AgreementReview, today: datetime.date) -> None:
    errors = missing_content(review) | content_errors(review, today)
    if errors:
        raise ReviewRefused(errors)


def _require(user: AbstractUser, permission: str, message: str) -> None:
    if not user.has_perm(permission):
        raise PermissionDenied(message)


def can_submit(review: AgreementReview, user: AbstractUser) -> bool:
    return review.status in (ReviewStatus.DRAFT, ReviewStatus.RETURNED) and user.has_perm(SUBMIT_PERMISSION)


def can_decide(review: AgreementReview, user: AbstractUser) -> bool:
    return review.status == ReviewStatus.SUBMITTED and user.has_perm(DECIDE_PERMISSION) and not _is_author(review, user)


def _is_author(review: AgreementReview, user: AbstractUser) -> bool:
    return user.pk is not None and user.pk in (review.submitted_by_id, review.created_by_id)


def _locked(review: AgreementReview) -> AgreementReview:
    """The review as the database has it now, locked until the transaction ends: two clicks cannot both win."""
    return AgreementReview.objects.select_for_update().select_related("agreement").get(pk=review.pk)


def _refresh_caller(review: AgreementReview, current: AgreementReview) -> None:
    for name in ("status", "submitted_at", "submitted_by_id", "decided_at", "decided_by_id", "return_reason"):
        setattr(review, name, getattr(current, name))
    review.last_updated = current.last_updated
    review.updated_by_id = current.updated_by_id


def _save(review: AgreementReview, user: AbstractUser, reason: str) -> None:
    review.updated_by = user
    review._history_user = user
    review._change_reason = reason
    review.save()


def submit(
    review: AgreementReview,
    user: AbstractUser,
    *,
    today: datetime.date | None = None,
    at: datetime.datetime | None = None,
) -> AgreementReview:
    """Send a draft (or returned) review for approval. An agreement in effect is then under review."""
    today, at = today or clock.today(), at or timezone.now()
    with transaction.atomic():
        current = _locked(review)
        check(SUBMIT, current, user, today=today)
        current.status = ReviewStatus.SUBMITTED
        current.submitted_at, current.submitted_by = at, user
        current.decided_at, current.decided_by, current.return_reason = None, None, ""
        _save(current, user, gettext("Trình báo cáo rà soát"))
        if current.agreement.status == AgreementStatus.IN_EFFECT:
            lifecycle.transition(
                current.agreement,
                AgreementStatus.UNDER_REVIEW,
                by=user,
                reason=gettext("Trình báo cáo rà soát, đánh giá hiệu quả."),
                at=at,
            )
    _refresh_caller(review, current)
    return review


def check(
    step: str, review: AgreementReview, user: AbstractUser, *, today: datetime.date | None = None, reason: str = ""
) -> None:
    """Raise PermissionDenied or ReviewRefused if `user` may not take `step` on `review` as it stands (or would be
    saved: the admin form asks before it saves anything). The steps themselves ask again, on the locked row."""
    if step not in STEPS:
        raise ReviewRefused(
            gettext("Thao tác “%(action)s” không tồn tại."), code="unknown_step", params={"action": step}
        )
    if step == SUBMIT:
        _require(user, SUBMIT_PERMISSION, gettext("Anh/chị không có quyền trình báo cáo rà soát."))
        if review.status not in (ReviewStatus.DRAFT, ReviewStatus.RETURNED):
            raise ReviewRefused(
                gettext("Chỉ trình được báo cáo đang là bản nháp hoặc bị trả lại; báo cáo này đang “%(status)s”."),
                code="review_not_draft",
                params={"status": review.get_status_display()},
            )
        _check_content(review, today or clock.today())
    elif step == APPROVE:
        _require(user, DECIDE_PERMISSION, gettext("Anh/chị không có quyền phê duyệt báo cáo rà soát."))
        _check_decider(review, user)
        _check_content(review, today or clock.today())
    else:
        _require(user, DECIDE_PERMISSION, gettext("Anh/chị không có quyền trả lại báo cáo rà soát."))
        if not (reason or "").strip():
            missing = ValidationError(
                gettext("Nhập lý do trả lại để người soạn biết cần sửa gì."), code="return_without_reason"
            )
            raise ReviewRefused({"return_reason": missing})
        _check_decider(review, user)


def _check_decider(current: AgreementReview, user: AbstractUser) -> None:
    if current.status != ReviewStatus.SUBMITTED:
        raise ReviewRefused(
            gettext("Báo cáo này chưa được trình (đang “%(status)s”); chỉ phê duyệt hoặc trả lại báo cáo đã trình."),
            code="review_not_submitted",
            params={"status": current.get_status_display()},
        )
    if _is_author(current, user):
        raise ReviewRefused(
            gettext("Không ai được tự phê duyệt hoặc trả lại báo cáo do chính mình soạn hoặc trình."),
            code="own_review",
        )


def approve(
    review: AgreementReview,
    user: AbstractUser,
    *,
    today: datetime.date | None = None,
    at: datetime.datetime | None = None,
) -> AgreementReview:
    """Approve a submitted review of someone else's. See the module docstring for what it does to the agreement."""
    today, at = today or clock.today(), at or timezone.now()
    with transaction.atomic():
        current = _locked(review)
        check(APPROVE, current, user, today=today)
        current.status = ReviewStatus.APPROVED
        current.decided_at, current.decided_by, current.return_reason = at, user, ""
        _save(current, user, gettext("Phê duyệt báo cáo rà soát"))
        agreement = current.agreement
        if current.recommendation in CLOSES_REVIEW and agreement.status == AgreementStatus.UNDER_REVIEW:
            # transition() saves the agreement, which recomputes its next review date from this approval.
            lifecycle.transition(
                agreement,
                AgreementStatus.IN_EFFECT,
                by=user,
                reason=gettext("Phê duyệt rà soát: %(recommendation)s.")
                % {"recommendation": current.get_recommendation_display()},
                at=at,
            )
        else:
            Agreement.objects.get(pk=agreement.pk).save(update_fields=["next_review_on"])
    _refresh_caller(review, current)
    return review


def return_for_rework(
    review: AgreementReview, user: AbstractUser, reason: str, *, at: datetime.datetime | None = None
) -> AgreementReview:
    """Send a submitted review back to its author, saying why. The agreement does not move."""
    reason = (reason or "").strip()
    with transaction.atomic():
        current = _locked(review)
        check(RETURN, current, user, reason=reason)
        current.status = ReviewStatus.RETURNED
        current.decided_at, current.decided_by, current.return_reason = at or timezone.now(), user, reason
        _save(current, user, gettext("Trả lại báo cáo rà soát"))
    _refresh_caller(review, current)
    return review


def proposed_move(agreement: Agreement) -> tuple[str, AgreementReview] | None:
    """The move the latest approved review recommends and nobody has confirmed yet, with that review."""
    latest = (
        agreement.reviews.filter(status=ReviewStatus.APPROVED).order_by("-decided_at", "-pk").first()
        if agreement.pk
        else None
    )
    if latest is None or latest.recommendation not in PROPOSED_STATUS:
        return None
    target = PROPOSED_STATUS[latest.recommendation]
    if not lifecycle.is_allowed(agreement.status, target):
        return None
    return target, latest
