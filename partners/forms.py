from django.utils.translation import gettext_lazy as _

from foreignaffairs.concurrency import GuardedModelForm
from partners.choices import PartnerKind
from partners.models import Partner, Person


class PartnerForm(GuardedModelForm):
    class Meta:
        model = Partner
        fields = [
            "kind",
            "name_vi",
            "name_en",
            "name_native",
            "abbreviation",
            "country",
            "parent",
            "relationship_type",
            "relationship_status",
            "relationship_since",
            "fields",
            "website",
            "notes",
        ]

    def clean(self):
        cleaned = super().clean()
        parent, country, kind = cleaned.get("parent"), cleaned.get("country"), cleaned.get("kind")
        # A locality lies inside a locality of its own country; an organization may sit anywhere (an embassy).
        locality_in_locality = parent and country and kind in PartnerKind.localities() and parent.is_locality
        if locality_in_locality and parent.country_id != country.pk:
            self.add_error(
                "parent",
                _("“%(parent)s” thuộc %(parent_country)s, còn đối tác này thuộc %(country)s.")
                % {"parent": parent, "parent_country": parent.country, "country": country},
            )
        return cleaned


class PersonForm(GuardedModelForm):
    class Meta:
        model = Person
        fields = [
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
        ]
