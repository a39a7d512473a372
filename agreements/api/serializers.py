"""How agreements and their effectiveness reviews read in the API.

The field lists are the API's published shape, written out here rather than taken from the forms: other systems
read them, so a field added for the desk officers must not appear in the API unannounced.
"""

from rest_framework import serializers

from agreements.models import Agreement, AgreementReview
from foreignaffairs.api.fields import TRACKING, PartialDateSerializerField, RelatedLabelField, RelatedLabelListField


class AgreementSerializer(serializers.ModelSerializer):
    partners = RelatedLabelListField()
    hue_units = RelatedLabelListField()
    signatories = RelatedLabelListField()
    fields = RelatedLabelListField()
    signed_on = PartialDateSerializerField()
    next_review_on = PartialDateSerializerField()
    predecessor = RelatedLabelField()
    responsible_unit = RelatedLabelField()

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
