"""How delegations read in the API.

The field lists are the API's published shape, written out here rather than taken from the forms: other systems
read them, so a field added for the desk officers must not appear in the API unannounced.
"""

from rest_framework import serializers

from delegations.models import Delegation
from foreignaffairs.api.fields import TRACKING, PartialDateSerializerField, RelatedLabelField, RelatedLabelListField


class DelegationSerializer(serializers.ModelSerializer):
    starts_on = PartialDateSerializerField()
    ends_on = PartialDateSerializerField()
    countries = RelatedLabelListField()
    partners = RelatedLabelListField()
    fields = RelatedLabelListField()
    agreements_signed = RelatedLabelListField()
    head = RelatedLabelField()
    host_unit = RelatedLabelField()

    class Meta:
        model = Delegation
        fields = (
            "id",
            "direction",
            "title_vi",
            "title_en",
            "status",
            "purpose",
            "programme",
            "starts_on",
            "ends_on",
            "countries",
            "partners",
            "fields",
            "head",
            "host_unit",
            "outcomes",
            "agreements_signed",
            "notes",
            *TRACKING,
        )
