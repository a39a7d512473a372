"""The forms that edit partners and people. Their rules are the models' own (Partner.clean, Person.clean), so whatever
validates a record enforces them. Each form edits the fields of its layout (`*_FIELDSETS`), which the admin shows in
the same sections: one list, so the admin page and the form tested on its own cannot drift apart."""

from django.contrib.admin.utils import flatten_fieldsets
from django.utils.translation import gettext_lazy as _

from foreignaffairs.concurrency import GuardedModelForm
from partners.models import Partner, Person

PARTNER_FIELDSETS = (
    (None, {"fields": ("kind", "name_vi", "name_en", "name_native", "abbreviation", "country", "parent")}),
    (_("Quan hệ với Huế"), {"fields": ("relationship_type", "relationship_status", "relationship_since", "fields")}),
    (_("Khác"), {"fields": ("website", "notes")}),
)
PERSON_FIELDSETS = (
    (None, {"fields": ("full_name", "full_name_native", "title")}),
    (_("Thuộc về"), {"fields": ("partner", "hue_unit", "country")}),
    (_("Liên hệ"), {"fields": ("email", "phone", "languages", "notes")}),
)


class PartnerForm(GuardedModelForm):
    class Meta:
        model = Partner
        fields = flatten_fieldsets(PARTNER_FIELDSETS)


class PersonForm(GuardedModelForm):
    class Meta:
        model = Person
        fields = flatten_fieldsets(PERSON_FIELDSETS)
