from django.contrib.admin.utils import flatten_fieldsets
from django.utils.translation import gettext_lazy as _

from delegations.models import Delegation, DelegationMember, FollowUpAction, Gift, ItineraryItem
from foreignaffairs.concurrency import GuardedModelForm

# What the delegation form edits, in the sections the admin shows it (delegations.admin): one list for both. The
# forms of its members, itinerary, follow-ups and gifts are edited as rows of its page, in the order of their fields.
DELEGATION_FIELDSETS = (
    (None, {"fields": ("direction", "title_vi", "title_en", "status")}),
    (_("Thời gian, nơi đến"), {"fields": ("starts_on", "ends_on", "countries", "partners", "fields")}),
    (_("Thành phần"), {"fields": ("head", "host_unit")}),
    (_("Nội dung"), {"fields": ("purpose", "programme", "outcomes", "agreements_signed", "notes")}),
)


class DelegationForm(GuardedModelForm):
    class Meta:
        model = Delegation
        fields = flatten_fieldsets(DELEGATION_FIELDSETS)


class MemberForm(GuardedModelForm):
    class Meta:
        model = DelegationMember
        fields = ["person", "title", "organization", "side", "role"]


class ItineraryItemForm(GuardedModelForm):
    class Meta:
        model = ItineraryItem
        fields = ["starts_at", "place", "activity", "attendees"]


class FollowUpActionForm(GuardedModelForm):
    class Meta:
        model = FollowUpAction
        fields = ["description", "owner", "owner_unit", "due_on", "status", "completed_on"]


class GiftForm(GuardedModelForm):
    class Meta:
        model = Gift
        fields = ["direction", "description", "giver", "recipient"]
