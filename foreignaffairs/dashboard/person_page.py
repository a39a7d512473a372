"""One person with every part they play in the records: whose contact they are, the agreements they signed, the
delegations they headed or took part in (on either side), the reviews they carried out, the follow-ups they own.

Here, not in partners/views.py, because it reads agreements and delegations, which partners may not import. Each
part is shown only to a reader who may view its kind, as their lists are: a head of division without the reviews'
permission sees the person without them, rather than being refused the page.
"""

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from agreements.models import Agreement, AgreementReview
from delegations.choices import MemberRole
from delegations.models import Delegation, DelegationMember, FollowUpAction
from foreignaffairs.accounts.access import can_edit_link, can_view, dashboard_page
from partners.models import Person


@dashboard_page(Person)
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(Person.objects.for_listing(), pk=pk)
    user = request.user
    sees_agreements, sees_delegations = can_view(user, Agreement), can_view(user, Delegation)
    sees_reviews = can_view(user, AgreementReview)
    context = {
        "person": person,
        "edit_url": can_edit_link(user, person),
        "sees_agreements": sees_agreements,
        "sees_reviews": sees_reviews,
        "sees_delegations": sees_delegations,
        # One query each, whatever the number of rows; none for a part the reader may not see.
        "signed": list(Agreement.objects.filter(signatories=person).order_by("-signed_on", "pk"))
        if sees_agreements
        else [],
        "reviewed": list(
            AgreementReview.objects.filter(reviewer=person).select_related("agreement").order_by("-period_end", "pk")
        )
        if sees_reviews
        else [],
        "delegations": _delegations(person) if sees_delegations else [],
        "follow_ups": list(
            FollowUpAction.objects.filter(owner=person).select_related("delegation").order_by("due_on", "pk")
        )
        if sees_delegations
        else [],
    }
    return render(request, "dashboard/person_detail.html", context)


@dataclass(frozen=True)
class Part:
    """A delegation the person took part in, and how: their role and side as its member list records them."""

    delegation: Delegation
    role: str
    side: str


def _delegations(person: Person) -> list[Part]:
    """The delegations the person is a member of, with their role and side, and those they head without a member
    row (a head named on the delegation only), newest first: two queries."""
    memberships = DelegationMember.objects.filter(person=person).select_related("delegation")
    parts = [Part(member.delegation, member.get_role_display(), member.get_side_display()) for member in memberships]
    listed = {part.delegation.pk for part in parts}
    parts += [
        Part(delegation, MemberRole.HEAD.label, "")
        for delegation in Delegation.objects.filter(head=person).exclude(pk__in=listed)
    ]
    return sorted(parts, key=_newest_first, reverse=True)


def _newest_first(part: Part) -> tuple[str, int]:
    starts_on = part.delegation.starts_on
    return (starts_on.isoformat() if starts_on else "", part.delegation.pk)
