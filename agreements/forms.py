from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from agreements.models import Agreement, AgreementDocument, AgreementReview
from foreignaffairs.admin_base import GuardedModelForm


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
