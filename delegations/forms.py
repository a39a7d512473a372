from delegations.models import Delegation, DelegationMember, FollowUpAction, Gift, ItineraryItem
from foreignaffairs.concurrency import GuardedModelForm


class DelegationForm(GuardedModelForm):
    class Meta:
        model = Delegation
        fields = [
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
        ]


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
