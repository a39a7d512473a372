"""One partner with everything linked to it: its health and the reasons for it, its agreements as renewal chains,
reviews, delegations, contacts, projects with money per currency, and one timeline of dated events.

Here, not in partners/views.py, because it reads every app: partners is the lowest of them and imports none.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from agreements.models import Agreement, AgreementReview, AgreementStatusChange
from delegations.models import Delegation
from foreignaffairs.accounts.access import can_edit_link, dashboard_page
from foreignaffairs.dashboard.timeline import agreement_chains, partner_timeline
from foreignaffairs.relationships.health import health_of, with_health_figures
from partners.models import Partner, Person
from projects.currencies import format_currency_totals
from projects.models import Project, fold_by_currency


@dashboard_page(Partner, Agreement, Delegation, Project)
def partner_detail(request: HttpRequest, pk: int) -> HttpResponse:
    # The health's figures are subqueries of the partner's own query: no query more for them.
    partner = get_object_or_404(with_health_figures(Partner.objects.for_listing().prefetch_related("children")), pk=pk)
    # Only what the page shows: each agreement's title, status, dates and predecessor.
    agreements = list(
        Agreement.objects.filter(partners=partner).select_related("predecessor").order_by("signed_on", "pk")
    )
    reviews = list(AgreementReview.objects.filter(agreement__partners=partner).select_related("agreement", "reviewer"))
    delegations = list(Delegation.objects.filter(partners=partner).order_by("-starts_on", "pk"))
    status_changes = list(AgreementStatusChange.objects.filter(agreement__partners=partner).select_related("agreement"))
    contacts = list(Person.objects.filter(partner=partner).order_by("full_name", "pk"))
    projects = list(Project.objects.funded_or_channelled_by(partner).order_by("-starts_on", "title_vi", "pk"))
    context = {
        "partner": partner,
        "health": health_of(partner),
        "chains": agreement_chains(agreements),
        "reviews": reviews,
        "delegations": delegations,
        "contacts": contacts,
        "projects": projects,
        # Per currency, as reported: 39 million USD and 981 billion VND are two rows, never one sum. Summed from
        # the rows above (one partner's projects are few) rather than by another query.
        "project_totals": format_currency_totals(fold_by_currency(project.money_row() for project in projects)),
        "timeline": partner_timeline(agreements, status_changes, reviews, delegations),
        "edit_url": can_edit_link(request.user, partner),
    }
    return render(request, "dashboard/partner_detail.html", context)
