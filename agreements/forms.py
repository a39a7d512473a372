from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from agreements.models import Agreement, AgreementDocument, AgreementReview
from agreements.review_workflow import LOCKED_STATUSES, content_errors
from foreignaffairs import clock
from foreignaffairs.admin_base import GuardedModelForm
from foreignaffairs.roles import staff_label, staff_users


class AgreementForm(GuardedModelForm):
    class Meta:
        model = Agreement
        fields = [
            "reference_number",
            "title_vi",
            "title_en",
            "kind",
            "status",
            "partners",
            "partner_unknown",
            "hue_units",
            "signatories",
            "signing_place",
            "signed_on",
            "effective_on",
            "expires_on",
            "open_ended",
            "fields",
            "review_interval_months",
            "predecessor",
            "predecessor_relation",
            "responsible_officer",
            "responsible_unit",
            "summary",
            "notes",
        ]

    def __init__(self, *args, **kwargs):
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

    def clean(self):
        cleaned = super().clean()
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
        return cleaned


class AgreementDocumentForm(GuardedModelForm):
    class Meta:
        model = AgreementDocument
        fields = ["kind", "language", "title", "file"]


class AgreementReviewForm(GuardedModelForm):
    class Meta:
        model = AgreementReview
        fields = [
            "agreement",
            "purpose",
            "period_start",
            "period_end",
            "reviewer",
            "activities",
            "rating",
            "findings",
            "recommendation",
            "next_steps",
            "next_review_on",
        ]

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and self.instance.status in LOCKED_STATUSES and self.has_changed():
            raise ValidationError(
                _("Báo cáo đang “%(status)s” nên không sửa được nữa. Người phê duyệt có thể trả lại để sửa."),
                code="review_locked",
                params={"status": self.instance.get_status_display()},
            )
        return cleaned

    def _post_clean(self):
        super()._post_clean()
        # The date rules need the review's agreement, which an inline form only knows once the instance is built.
        # Only what this form changes is checked: an old approved review's next date may well have passed since.
        period_changed = bool({"period_start", "period_end", "agreement"} & set(self.changed_data))
        for field, error in content_errors(self.instance, clock.today()).items():
            changed = period_changed if field.startswith("period_") else field in self.changed_data
            if field in self.fields and (changed or self.instance._state.adding):
                self.add_error(field, error)
