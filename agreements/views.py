"""Agreement documents, served only through here to users allowed to view the agreement; the dashboard pages."""

from csp.decorators import csp
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from agreements.filtersets import AgreementFilterSet, ReviewFilterSet
from agreements.models import Agreement, AgreementDocument, AgreementReview
from agreements.uploads import DOWNLOAD_CSP, download_response
from foreignaffairs import clock
from foreignaffairs.accounts.access import can_edit_link, dashboard_page
from foreignaffairs.lists.listing import (
    Column,
    choice_column,
    display,
    fields_then_id_column,
    join,
    link,
    links,
    render_listing,
)


@dashboard_page(Agreement)
@csp(DOWNLOAD_CSP)
def download_document(request: HttpRequest, pk: int) -> FileResponse:
    return download_response(get_object_or_404(AgreementDocument, pk=pk).file)


# Dashboard pages: the lists of agreements and reviews, and one agreement with its parties and history.


def _countries(agreement: Agreement) -> str:
    return join(dict.fromkeys(partner.country.name for partner in agreement.partners.all()))


def _partner_links(agreement: Agreement) -> str:
    if agreement.partner_unknown and not agreement.partners.all():
        return format_html("<em>{}</em>", _("Chưa rõ đối tác"))
    return links(agreement.partners.all())


AGREEMENT_COLUMNS = [
    Column("title", _("Tên thỏa thuận"), lambda a: a.title, sort="title", html=lambda a: link(a, a.title)),
    Column("reference_number", _("Số hiệu"), lambda a: a.reference_number),
    choice_column("kind", _("Loại văn bản"), sort="kind"),
    choice_column("status", _("Trạng thái"), sort="status", badge_kind="status"),
    Column(
        "partners",
        _("Đối tác"),
        lambda a: join(a.partners.all()) or (_("Chưa rõ") if a.partner_unknown else ""),
        html=_partner_links,
    ),
    Column("countries", _("Quốc gia"), _countries),
    Column("hue_units", _("Đơn vị phía Huế"), lambda a: join(a.hue_units.all())),
    Column("signed_on", _("Ngày ký"), lambda a: a.signed_on, sort="signed"),
    Column("expires_on", _("Hết hiệu lực"), lambda a: a.expires_on, sort="expires"),
    Column("next_review_on", _("Hạn rà soát"), lambda a: a.next_review_on, sort="next_review"),
    fields_then_id_column(_("Lĩnh vực")),
]

REVIEW_COLUMNS = [
    Column(
        "agreement",
        _("Thỏa thuận"),
        lambda r: r.agreement.title,
        sort="agreement",
        html=lambda r: link(r.agreement, r.agreement.title),
    ),
    choice_column("status", _("Trạng thái"), sort="status"),
    Column("period_start", _("Kỳ từ"), lambda r: r.period_start),
    Column("period_end", _("Kỳ đến"), lambda r: r.period_end, sort="period_end"),
    Column("reviewer", _("Người rà soát"), lambda r: r.reviewer.full_name if r.reviewer else ""),
    Column("rating", _("Đánh giá"), lambda r: display(r, "rating")),
    choice_column("recommendation", _("Kiến nghị"), sort="recommendation"),
    Column("next_review_on", _("Rà soát lần sau"), lambda r: r.next_review_on, sort="next_review"),
]


@dashboard_page(Agreement)
def agreement_list(request: HttpRequest) -> HttpResponse:
    return render_listing(
        request,
        filterset_class=AgreementFilterSet,
        columns=AGREEMENT_COLUMNS,
        template="dashboard/agreement_list.html",
        title=_("Thỏa thuận"),
        export_name="thoa-thuan",
    )


@dashboard_page(AgreementReview)
def review_list(request: HttpRequest) -> HttpResponse:
    return render_listing(
        request,
        filterset_class=ReviewFilterSet,
        columns=REVIEW_COLUMNS,
        template="dashboard/review_list.html",
        title=_("Rà soát, đánh giá hiệu quả"),
        export_name="ra-soat",
    )


@dashboard_page(Agreement)
def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = get_object_or_404(
        Agreement.objects.for_listing()
        .select_related("responsible_officer")
        .prefetch_related("signatories", "successors", "signed_during_delegations"),
        pk=pk,
    )
    context = {
        "agreement": agreement,
        "documents": list(agreement.documents.all()),
        "status_changes": list(agreement.status_changes.select_related("changed_by")),
        "reviews": list(agreement.reviews.select_related("reviewer")),
        # Each with `past_due`, marked on the page by the rule the overview and the digest count by.
        "obligations": list(agreement.obligations.select_related("owner", "owner_unit").with_past_due(clock.today())),
        "edit_url": can_edit_link(request.user, agreement),
    }
    return render(request, "dashboard/agreement_detail.html", context)
