"""What the partner briefing ("Bản tóm tắt") says of one partner: what a leader needs to read before receiving its
delegation, from the records the partner's dashboard page shows.

Each list is read once, at most `MOST` rows with its full count in the same query, whatever the partner's size: the
page is then fitted to one A4 sheet by showing fewer of each (foreignaffairs.documents.pdf.on_one_page), the rest said
as "và N mục khác", without reading again. 10 queries in all.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet, Sum

from agreements.choices import ReviewStatus
from agreements.models import Agreement, AgreementReview
from delegations.choices import DelegationStatus, FollowUpStatus
from delegations.models import Delegation, FollowUpAction
from foreignaffairs.documents.tables import capped
from partners.models import Partner, Person
from projects.currencies import format_currency_totals
from projects.models import Project, ReportedFigure, fold_by_currency

# The most rows of a list the page can hold; the budgets below show fewer.
MOST = 6
# The "last three visits either way": always three, never fewer.
VISITS = 3


@dataclass
class Cut:
    """Some rows of a list and how many there are in all."""

    rows: list
    total: int

    def first(self, count: int) -> "Shown":
        return Shown(self.rows[:count], max(self.total - count, 0))


@dataclass
class Shown:
    rows: list
    more: int  # rows not shown: "và 3 mục khác"


@dataclass
class Briefing:
    partner: Partner
    today: datetime.date
    agreements: Cut
    last_review: AgreementReview | None
    visits: Cut
    follow_ups: Cut
    projects: Cut
    money: list[dict]  # per currency, never one sum of two
    figures: Cut
    contacts: Cut

    def within(self, budget: dict[str, int]) -> dict[str, Any]:
        """The template's context for one budget: how many rows of each list to show."""
        return {
            "briefing": self,
            "partner": self.partner,
            "agreements": self.agreements.first(budget["agreements"]),
            "visits": self.visits.first(VISITS),
            "follow_ups": self.follow_ups.first(budget["follow_ups"]),
            "projects": self.projects.first(budget["projects"]),
            "money": self.money,
            "figures": self.figures.first(budget["figures"]),
            "contacts": self.contacts.first(budget["contacts"]),
        }


# From the most the page shows to the least; the first that fits on one page is printed.
BUDGETS = [
    {"agreements": most, "follow_ups": most, "projects": most, "figures": most - 1, "contacts": most - 1}
    for most in range(MOST, 0, -1)
] + [{"agreements": 1, "follow_ups": 1, "projects": 1, "figures": 0, "contacts": 1}]


def _cut(queryset: QuerySet, most: int = MOST) -> Cut:
    return Cut(*capped(queryset, most))


def read_briefing(partner_pk: int, today: datetime.date) -> Briefing:
    """Raises Partner.DoesNotExist for a partner that is not there."""
    partner = Partner.objects.select_related("country", "parent__country").prefetch_related("fields").get(pk=partner_pk)
    agreements = Agreement.objects.alive().filter(partners=partner).order_by("next_review_on", "signed_on", "pk")
    projects = Project.objects.funded_or_channelled_by(partner)
    money = (
        projects.order_by()
        .values("committed_currency", "disbursed_currency")
        .annotate(committed=Sum("committed_amount"), disbursed=Sum("disbursed_amount"))
    )
    return Briefing(
        partner=partner,
        today=today,
        agreements=_cut(agreements),
        last_review=(
            AgreementReview.objects.filter(agreement__partners=partner, status=ReviewStatus.APPROVED)
            .select_related("agreement")
            .order_by("-period_end", "-pk")
            .first()
        ),
        visits=_cut(
            Delegation.objects.filter(partners=partner)
            .exclude(status=DelegationStatus.CANCELLED)
            .select_related("head")
            .order_by("-starts_on", "-pk"),
            VISITS,
        ),
        follow_ups=_cut(
            FollowUpAction.objects.filter(delegation__partners=partner, status=FollowUpStatus.OPEN)
            .select_related("delegation", "owner")
            .order_by("due_on", "pk")
        ),
        projects=_cut(projects.order_by("-starts_on", "title_vi", "pk")),
        money=format_currency_totals(fold_by_currency(money)),
        # The partner's own figures, and its country's that name no partner ("17 Korean FDI projects"): the context
        # a leader is briefed with.
        figures=_cut(
            ReportedFigure.objects.filter(Q(partner=partner) | Q(partner=None, country=partner.country_id)).order_by(
                "-source_date", "subject", "pk"
            )
        ),
        contacts=_cut(Person.objects.filter(partner=partner).order_by("full_name", "pk")),
    )
