"""Dashboard pages for partners: the filtered list. One partner with everything linked to it is a page of the
dashboard room (foreignaffairs.dashboard.partner_page), since it reads every app."""

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from foreignaffairs.accounts.access import dashboard_page
from foreignaffairs.lists.listing import Column, choice_column, join, link, render_listing
from partners.filtersets import PartnerFilterSet
from partners.models import Partner

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
def partner_list(request: HttpRequest) -> HttpResponse:
    return render_listing(
        request,
        filterset_class=PartnerFilterSet,
        columns=PARTNER_COLUMNS,
        template="dashboard/partner_list.html",
        title=_("Đối tác"),
        export_name="doi-tac",
    )
