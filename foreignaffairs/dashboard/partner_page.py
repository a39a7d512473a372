"""One partner with everything linked to it: its health and the reasons for it, its agreements as renewal chains,
reviews, delegations, contacts, projects with money per currency, and one timeline of dated events (its children's
too), filterable by kind and paged.

Here, not in partners/views.py, because it reads every app: partners is the lowest of them and imports none.
"""

from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from agreements.models import (
    Agreement,
    AgreementObligation,
    AgreementPartner,
    AgreementReview,
    AgreementStatusChange,
)
from delegations.models import Delegation, DelegationPartner, FollowUpAction
from foreignaffairs.accounts.access import can_edit_link, can_view, dashboard_page
from foreignaffairs.clock import today
from foreignaffairs.dashboard.timeline import PartnerRecords, TimelineKind, agreement_chains, partner_timeline
from foreignaffairs.journal.models import JournalEntry
from foreignaffairs.relationships.health import health_of, with_health_figures
from partners.models import Partner, Person
from projects.currencies import format_currency_totals
from projects.models import Project, fold_by_currency

TIMELINE_PAGE_SIZE = 50


def _links(rows: list[tuple[int, int]]) -> dict[int, set[int]]:
    linked: dict[int, set[int]] = {}
    for record_id, partner_id in rows:
        linked.setdefault(record_id, set()).add(partner_id)
    return linked


def _read_records(partner: Partner, reads_journal: bool) -> PartnerRecords:
    """The partner's and its children's records, a fixed number of queries whatever their number."""
    children = list(partner.children.all())
    ids = [partner.pk, *(child.pk for child in children)]
    agreement_links = AgreementPartner.objects.filter(partner__in=ids)
    agreement_partners = _links(agreement_links.values_list("agreement_id", "partner_id"))
    # Subqueries rather than the ids just read: the same queries whatever the partner has, none skipped when empty.
    agreement_ids = agreement_links.values("agreement_id")
    delegation_links = DelegationPartner.objects.filter(partner__in=ids)
    # Only what the page shows: each agreement's title, status, dates and predecessor.
    agreements = list(
        Agreement.objects.filter(pk__in=agreement_ids).select_related("predecessor").order_by("signed_on", "pk")
    )
    notes = []
    if reads_journal:
        subjects = ("partner", "agreement", "delegation", "project")
        notes = list(JournalEntry.objects.about_partners(ids).select_related(*subjects))
    return PartnerRecords(
        partner=partner,
        children=children,
        agreements=agreements,
        agreement_partners=agreement_partners,
        status_changes=list(AgreementStatusChange.objects.filter(agreement__in=agreement_ids)),
        reviews=list(
            AgreementReview.objects.filter(agreement__in=agreement_ids).select_related("agreement", "reviewer")
        ),
        obligations=list(AgreementObligation.objects.filter(agreement__in=agreement_ids)),
        delegations=list(
            Delegation.objects.filter(pk__in=delegation_links.values("delegation_id")).order_by("-starts_on", "pk")
        ),
        delegation_partners=_links(delegation_links.values_list("delegation_id", "partner_id")),
        follow_ups=list(FollowUpAction.objects.filter(delegation__in=delegation_links.values("delegation_id"))),
        projects=list(Project.objects.funded_or_channelled_by_any(ids).order_by("-starts_on", "title_vi", "pk")),
        notes=notes,
    )


def _timeline_page(request: HttpRequest, records: PartnerRecords) -> dict:
    events = partner_timeline(records, today())
    counts = dict.fromkeys(TimelineKind.values, 0)
    for event in events:
        counts[event.family] += 1
    kind, error = request.GET.get("kind", ""), None
    if kind and kind not in counts:
        error = _("Không có loại sự kiện “%(kind)s”; đang hiển thị tất cả các loại.") % {"kind": kind}
        kind = ""
    page = Paginator([event for event in events if not kind or event.family == kind], TIMELINE_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    # The people and files of the notes on this page only: two queries, whatever the partner's number of notes.
    prefetch_related_objects([event.note for event in page if event.note], "people", "attachments", "created_by")
    return {
        "timeline": page,
        "timeline_kind": kind,
        "timeline_error": error,
        "timeline_kinds": [(value, label, counts[value]) for value, label in TimelineKind.choices],
        "timeline_total": len(events),
    }


@dashboard_page(Partner, Agreement, Delegation, Project)
def partner_detail(request: HttpRequest, pk: int) -> HttpResponse:
    # The health's figures are subqueries of the partner's own query: no query more for them.
    partner = get_object_or_404(with_health_figures(Partner.objects.for_listing().prefetch_related("children")), pk=pk)
    records = _read_records(partner, reads_journal=can_view(request.user, JournalEntry))
    own_agreements = [a for a in records.agreements if partner.pk in records.agreement_partners.get(a.pk, ())]
    own_projects = [p for p in records.projects if partner.pk in (p.partner_id, p.channel_id)]
    context = {
        "partner": partner,
        "health": health_of(partner),
        "chains": agreement_chains(own_agreements),
        "reviews": [r for r in records.reviews if partner.pk in records.agreement_partners.get(r.agreement_id, ())],
        "delegations": [d for d in records.delegations if partner.pk in records.delegation_partners.get(d.pk, ())],
        "contacts": list(Person.objects.filter(partner=partner).order_by("full_name", "pk")),
        "projects": own_projects,
        # Per currency, as reported: 39 million USD and 981 billion VND are two rows, never one sum. Summed from
        # the rows above (one partner's projects are few) rather than by another query.
        "project_totals": format_currency_totals(fold_by_currency(project.money_row() for project in own_projects)),
        "edit_url": can_edit_link(request.user, partner),
        **_timeline_page(request, records),
    }
    return render(request, "dashboard/partner_detail.html", context)
