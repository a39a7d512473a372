"""How agreements and their effectiveness reviews read in the API.

The field lists are the API's published shape, written out here rather than taken from the forms: other systems
read them, so a field added for the desk officers must not appear in the API unannounced.
"""

from rest_framework import serializers

from agreements.models import Agreement, AgreementObligation, AgreementReview
from foreignaffairs.api.fields import TRACKING, PartialDateSerializerField, RelatedLabelField, RelatedLabelListField


class ObligationSerializer(serializers.ModelSerializer):
    """A commitment as it reads inside its agreement: whether it is overdue today is the reader's to judge from
    `status` and `due_on` (open, and due before today, of an agreement in force)."""

    owner = RelatedLabelField()
    owner_unit = RelatedLabelField()

    class Meta:
        model = AgreementObligation
        fields = (
            "id",
            "side",
            "commitment",
            "owner",
            "owner_unit",
            "due_on",
            "status",
            "completed_on",
            "evidence",
            *TRACKING,
        )


class AgreementSerializer(serializers.ModelSerializer):
    partners = RelatedLabelListField()
    hue_units = RelatedLabelListField()
    signatories = RelatedLabelListField()
    fields = RelatedLabelListField()
    signed_on = PartialDateSerializerField()
    next_review_on = PartialDateSerializerField()
    predecessor = RelatedLabelField()
    responsible_unit = RelatedLabelField()
    obligations = ObligationSerializer(many=True, read_only=True)

    class Meta:
        model = Agreement
        fields = (
            "id",
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
            "next_review_on",
            "next_review_deadline",
            "predecessor",
            "predecessor_relation",
            "responsible_unit",
            "summary",
            "notes",
            "obligations",
            *TRACKING,
        )


class ReviewSerializer(serializers.ModelSerializer):
    agreement = RelatedLabelField()
    reviewer = RelatedLabelField()

    class Meta:
        model = AgreementReview
        fields = (
            "id",
            "agreement",
            "status",
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
            "submitted_at",
            "decided_at",
            "return_reason",
            *TRACKING,
        )
