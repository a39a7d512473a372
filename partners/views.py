"""Dashboard pages for partners: the filtered list and one partner with everything linked to it."""

from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _

from agreements.models import Agreement, AgreementReview, AgreementStatusChange
from delegations.models import Delegation
from foreignaffairs.accounts.access import can_edit_link, dashboard_page
from foreignaffairs.dashboard.timeline import agreement_chains, partner_timeline
from foreignaffairs.lists.listing import Column, choice_column, join, link, render_listing
from partners.filtersets import PartnerFilterSet
from partners.models import Partner, Person
from projects.models import Project, fold_by_currency
from projects.views import format_currency_totals

PARTNER_COLUMNS = [
    Column("name", _("Tên đối tác"), lambda p: p.name, sort="name", html=lambda p: link(p, p.name)),
    Column("name_native", _("Tên bản ngữ"), lambda p: p.name_native),
    choice_column("kind", _("Loại"), sort="kind"),
    Column("country", _("Quốc gia"), lambda p: p.country.name, sort="country"),
    Column("parent", _("Thuộc"), lambda p: p.parent.name if p.parent else ""),
    choice_column("status", _("Tình trạng quan hệ"), "relationship_status", sort="status"),
    Column("since", _("Quan hệ từ"), lambda p: p.relationship_since, sort="since"),
    Column("fields", _("Lĩnh vực"), lambda p: join(p.fields.all())),
]


@dashboard_page(Partner)
def partner_list(request):
    return render_listing(
        request,
        filterset_class=PartnerFilterSet,
        columns=PARTNER_COLUMNS,
        template="dashboard/partner_list.html",
        title=_("Đối tác"),
        export_name="doi-tac",
    )


@dashboard_page(Partner, Agreement, Delegation, Project)
def partner_detail(request, pk: int):
    partner = get_object_or_404(Partner.objects.for_listing().prefetch_related("children"), pk=pk)
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
