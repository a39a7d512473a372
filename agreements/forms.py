"""The forms of agreements, their documents and reviews, and where each rule lives.

- Rules of the data are the models' (Agreement.clean, AgreementReview.clean, the upload validators): whatever
  validates a record enforces them, the admin through these forms included.
- What only a form knows stays here, in clean(): the partners chosen on the page (many-to-many, saved after the
  record), which fields the person changed (a locked review), and the lifecycle button pressed.
- What must read the record as it would be saved goes in the review form's _post_clean(), after the model's own
  checks: its dates against the agreement and today (checked only when set), and the workflow button pressed.
"""

from typing import Any

from django import forms
from django.contrib.admin.utils import flatten_fieldsets
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _

from agreements import lifecycle, review_workflow
from agreements.choices import AgreementStatus
from agreements.models import Agreement, AgreementDocument, AgreementObligation, AgreementReview
from agreements.review_workflow import LOCKED_STATUSES, content_errors
from foreignaffairs import clock
from foreignaffairs.accounts.roles import staff_label, staff_users
from foreignaffairs.concurrency import GuardedModelForm

# The buttons of the agreement's lifecycle and of the review workflow are submit buttons of the change form itself
# (templates/admin/agreements/…/change_form.html): what the page holds is validated and saved with the step, in one
# transaction, or nothing is saved and the page comes back with the error and everything typed.
TRANSITION_BUTTON = "_transition"
WORKFLOW_BUTTON = "_workflow"

# What each form edits, in the sections the admin shows it (agreements.admin): one list for both.
AGREEMENT_FIELDSETS = (
    (None, {"fields": ("reference_number", "title_vi", "title_en", "kind", "status")}),
    (_("Các bên"), {"fields": ("partners", "partner_unknown", "hue_units", "signatories")}),
    (_("Ký kết và hiệu lực"), {"fields": ("signing_place", "signed_on", "effective_on", "expires_on", "open_ended")}),
    (_("Nội dung"), {"fields": ("fields", "summary", "notes")}),
    (
        _("Theo dõi, rà soát"),
        {
            "fields": (
                "responsible_officer",
                "responsible_unit",
                "review_interval_months",
                "next_review_on",
                "predecessor",
                "predecessor_relation",
            )
        },
    ),
)
# Shown among the fields above but never typed: worked out from the signing and the last approved review.
AGREEMENT_COMPUTED = ("next_review_on",)
REVIEW_FIELDSETS = (
    (None, {"fields": ("agreement", "purpose", ("period_start", "period_end"), "reviewer")}),
    (_("Đánh giá"), {"fields": ("activities", "rating", "findings", "recommendation", "next_steps")}),
    (_("Lần sau"), {"fields": ("next_review_on",)}),
)


class AgreementForm(GuardedModelForm):
    transition_reason = forms.CharField(
        label=_("Lý do chuyển trạng thái"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
    )

    class Meta:
        model = Agreement
        fields = [name for name in flatten_fieldsets(AGREEMENT_FIELDSETS) if name not in AGREEMENT_COMPUTED]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # An existing agreement's status is moved by the lifecycle (agreements.lifecycle), which checks the move
            # and records who, when and why; a free edit here would skip all three.
            self.fields.pop("status", None)
        officer = self.fields.get("responsible_officer")
        if officer is not None:
            # Any active member of staff, whatever their role; the admin's autocomplete offers the same people.
            officer.queryset = staff_users(keep_pk=self.instance.responsible_officer_id)
            officer.label_from_instance = staff_label

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        # A rule of the data, but of its many-to-many partners, which Agreement.clean() cannot see: they are saved
        # after the agreement, so only the form knows them while the record is checked.
        partners = cleaned.get("partners")
        if "partners" in self.fields and not partners and not cleaned.get("partner_unknown"):
            self.add_error(
                "partners",
                ValidationError(
                    _("Chọn ít nhất một đối tác. Nếu nguồn không nêu tên đối tác, đánh dấu “chưa rõ đối tác”."),
                    code="agreement_without_partner",
                ),
            )
        if partners and cleaned.get("partner_unknown"):
            self.add_error(
                "partner_unknown",
                ValidationError(_("Đã chọn đối tác thì bỏ đánh dấu “chưa rõ đối tác”."), code="partner_known"),
            )
        self._clean_transition(cleaned)
        return cleaned

    def _clean_transition(self, cleaned: dict) -> None:
        """The move a lifecycle button asks for, checked before anything is saved; kept as `self.transition_to`."""
        self.transition_to = None
        target = self.data.get(self.add_prefix(TRANSITION_BUTTON))
        if not target or not self.instance.pk:
            return
        cleaned["transition_reason"] = (cleaned.get("transition_reason") or "").strip()
        if not cleaned["transition_reason"]:
            self.add_error(
                "transition_reason",
                ValidationError(
                    _("Nhập lý do chuyển trạng thái: lịch sử ghi lại ai, khi nào và vì sao."),
                    code="transition_without_reason",
                ),
            )
        # The status as stored now (the admin locks the row for a move), not as the page was rendered.
        current = Agreement.objects.filter(pk=self.instance.pk).values_list("status", flat=True).first()
        if target not in AgreementStatus.values:
            self.add_error(
                None,
                ValidationError(
                    _("Trạng thái “%(status)s” không tồn tại."), code="unknown_status", params={"status": target}
                ),
            )
        elif current is not None and not lifecycle.is_allowed(current, target):
            self.add_error(None, lifecycle.refusal(current, target))
        elif not self.errors:
            self.transition_to = target


class AgreementDocumentForm(GuardedModelForm):
    class Meta:
        model = AgreementDocument
        fields = ["kind", "language", "title", "file"]


class AgreementObligationForm(GuardedModelForm):
    class Meta:
        model = AgreementObligation
        fields = ["side", "commitment", "owner", "owner_unit", "due_on", "status", "completed_on", "evidence"]
        widgets = {
            "commitment": forms.Textarea(attrs={"rows": 2, "cols": 40}),
            "evidence": forms.Textarea(attrs={"rows": 2, "cols": 30}),
        }


class AgreementReviewForm(GuardedModelForm):
    workflow_reason = forms.CharField(
        label=_("Lý do trả lại (bắt buộc khi trả lại)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
    )
    # Who presses a workflow button; the admin sets it on the form class it builds for the request.
    workflow_user = None

    class Meta:
        model = AgreementReview
        fields = flatten_fieldsets(REVIEW_FIELDSETS)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        edited = set(self.changed_data) - {"workflow_reason"}
        if self.instance.pk and self.instance.status in LOCKED_STATUSES and edited:
            raise ValidationError(
                _("Báo cáo đang “%(status)s” nên không sửa được nữa. Người phê duyệt có thể trả lại để sửa."),
                code="review_locked",
                params={"status": self.instance.get_status_display()},
            )
        return cleaned

    def _post_clean(self):
        # After the model's own validation: these checks read the review as it would be saved, with its agreement
        # (on the agreement's page, the agreement as typed there), and add to the model's errors instead of hiding
        # them (a field given an error in clean() is left out of what the model checks).
        super()._post_clean()
        self._clean_dates()
        self._clean_workflow_step()

    def _clean_dates(self) -> None:
        """The review's dates against its agreement's signing and today (review_workflow.content_errors). Only what
        this form changes is checked: an old approved review's next date may well have passed since."""
        period_changed = bool({"period_start", "period_end", "agreement"} & set(self.changed_data))
        for field, error in content_errors(self.instance, clock.today()).items():
            changed = period_changed if field.startswith("period_") else field in self.changed_data
            if field in self.fields and (changed or self.instance._state.adding):
                self.add_error(field, error)

    def _clean_workflow_step(self) -> None:
        """The step a workflow button asks for, checked on the review as it would be saved; kept as
        `self.workflow_step`. What it refuses is shown on the fields it names, or above the form."""
        self.workflow_step = None
        step = self.data.get(self.add_prefix(WORKFLOW_BUTTON))
        if not step or not self.instance.pk or self.errors:
            return
        reason = (self.cleaned_data.get("workflow_reason") or "").strip()
        try:
            if self.workflow_user is None:
                raise PermissionDenied(_("Không rõ ai thực hiện thao tác này."))
            review_workflow.check(step, self.instance, self.workflow_user, reason=reason)
        except PermissionDenied as denied:
            self.add_error(None, ValidationError(str(denied), code="permission_denied"))
        except ValidationError as refused:
            by_field = refused.error_dict if hasattr(refused, "error_dict") else {None: refused.error_list}
            for field, errors in by_field.items():
                field = {"return_reason": "workflow_reason"}.get(field, field)
                for error in errors:
                    if field in self.fields:
                        self.add_error(field, error)
                    else:
                        # A field shown read-only (a submitted review is locked): the error goes above the form.
                        self.add_error(None, error)
        else:
            self.workflow_step = step
            self.cleaned_data["workflow_reason"] = reason
