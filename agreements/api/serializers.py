"""How agreements, their effectiveness reviews, projects and reported figures read in the API."""

from rest_framework import serializers

from agreements.models import Agreement, AgreementReview
from agreements.project_models import Project, ReportedFigure
from foreignaffairs.api.fields import PartialDateSerializerField, RelatedLabelField, RelatedLabelListField

TRACKING = ("created", "last_updated")


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


# Money is an amount (a decimal string: no float rounding) beside its ISO 4217 currency, exactly as the source gave
# it; amounts in different currencies are never converted or added.


class ProjectSerializer(serializers.ModelSerializer):
    partner = RelatedLabelField()
    channel = RelatedLabelField()
    hue_unit = RelatedLabelField()
    agreement = RelatedLabelField()
    fields = RelatedLabelListField()
    starts_on = PartialDateSerializerField()
    ends_on = PartialDateSerializerField()

    class Meta:
        model = Project
        fields = (
            "id",
            "kind",
            "title_vi",
            "title_en",
            "status",
            "partner",
            "channel",
            "hue_unit",
            "location",
            "fields",
            "agreement",
            "starts_on",
            "ends_on",
            "committed_amount",
            "committed_currency",
            "disbursed_amount",
            "disbursed_currency",
            "summary",
            "notes",
            *TRACKING,
        )


class ReportedFigureSerializer(serializers.ModelSerializer):
    country = RelatedLabelField()
    partner = RelatedLabelField()
    period_start = PartialDateSerializerField()
    period_end = PartialDateSerializerField()
    as_of = PartialDateSerializerField()
    source_date = PartialDateSerializerField()

    class Meta:
        model = ReportedFigure
        fields = (
            "id",
            "subject",
            "value",
            "unit",
            "currency",
            "is_lower_bound",
            "equivalent_value",
            "equivalent_currency",
            "period_start",
            "period_end",
            "as_of",
            "country",
            "partner",
            "source_title",
            "source_date",
            "source_published_in",
            "source_url",
            "notes",
            *TRACKING,
        )
