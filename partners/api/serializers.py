"""How partners and the reference lists (countries, fields, Huế units, people) read in the API.

The field lists are the API's published shape, written out here rather than taken from the forms: other systems
read them, so a field added for the desk officers must not appear in the API unannounced.
"""

from functools import cache

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from foreignaffairs.api.fields import TRACKING, PartialDateSerializerField, RelatedLabelField, RelatedLabelListField
from partners.models import Country, FieldOfCooperation, HueUnit, Partner, Person, country_names

# Looking a name up in two catalogues per row is the slowest part of a page of 200 countries; names never change.
cached_country_names = cache(country_names)


class CountrySerializer(serializers.ModelSerializer):
    code = serializers.CharField(source="code.code", read_only=True)
    name_vi = serializers.SerializerMethodField()
    name_en = serializers.SerializerMethodField()

    class Meta:
        model = Country
        fields = ("id", "code", "name_vi", "name_en", "priority", "notes", *TRACKING)

    # The names come from django-countries' translations, not from columns of our own.
    @extend_schema_field(serializers.CharField())
    def get_name_vi(self, country: Country) -> str:
        return cached_country_names(str(country.code))[0]

    @extend_schema_field(serializers.CharField())
    def get_name_en(self, country: Country) -> str:
        return cached_country_names(str(country.code))[1]


class FieldOfCooperationSerializer(serializers.ModelSerializer):
    class Meta:
        model = FieldOfCooperation
        fields = ("id", "code", "name_vi", "name_en", "is_priority", "sort_order", *TRACKING)


class HueUnitSerializer(serializers.ModelSerializer):
    class Meta:
        model = HueUnit
        fields = ("id", "name_vi", "name_en", "abbreviation", "notes", *TRACKING)


class PersonSerializer(serializers.ModelSerializer):
    partner = RelatedLabelField()
    hue_unit = RelatedLabelField()
    country = RelatedLabelField()

    class Meta:
        model = Person
        fields = (
            "id",
            "full_name",
            "full_name_native",
            "title",
            "partner",
            "hue_unit",
            "country",
            "email",
            "phone",
            "languages",
            "notes",
            *TRACKING,
        )


class PartnerHealthSerializer(serializers.Serializer):
    """A partner's health as its list and page show it. Judged in the composition
    (foreignaffairs.relationships.health), which reads every app; this layer only writes it out."""

    status = serializers.ChoiceField(
        choices=["active", "cooling", "dormant", "insufficient_data"],
        read_only=True,
        help_text=_("Tích cực, chững lại, ngưng trệ, hoặc chưa đủ dữ liệu để đánh giá."),
    )
    label = serializers.CharField(read_only=True)
    reasons = serializers.ListField(child=serializers.CharField(), read_only=True)
    last_contact = PartialDateSerializerField(source="last_contact.when", allow_null=True, default=None)


class PartnerSerializer(serializers.ModelSerializer):
    country = RelatedLabelField()
    country_code = serializers.CharField(source="country.code.code", read_only=True)
    parent = RelatedLabelField()
    relationship_since = PartialDateSerializerField()
    fields = RelatedLabelListField()
    # Put on each partner by the API's view (foreignaffairs.relationships.api) from its figures; null elsewhere.
    health = PartnerHealthSerializer(source="health_signal", read_only=True, allow_null=True, default=None)

    class Meta:
        model = Partner
        fields = (
            "id",
            "kind",
            "name_vi",
            "name_en",
            "name_native",
            "abbreviation",
            "country",
            "country_code",
            "parent",
            "relationship_type",
            "relationship_status",
            "relationship_since",
            "fields",
            "health",
            "website",
            "notes",
            *TRACKING,
        )
