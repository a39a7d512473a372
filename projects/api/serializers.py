"""How projects and reported figures read in the API.

The field lists are the API's published shape, written out here rather than taken from the forms: other systems
read them, so a field added for the desk officers must not appear in the API unannounced.
"""

from rest_framework import serializers

from foreignaffairs.api.fields import TRACKING, PartialDateSerializerField, RelatedLabelField, RelatedLabelListField
from projects.models import Project, ReportedFigure

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
