"""Dashboard pages for partners and people: the filtered lists. One partner or one person with everything linked to
them is a page of the dashboard room (foreignaffairs.dashboard.partner_page, person_page), since it reads every
app."""

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from foreignaffairs.accounts.access import dashboard_page
from foreignaffairs.lists.listing import Column, choice_column, join, link, render_listing
from partners.filtersets import PartnerFilterSet, PersonFilterSet
from partners.models import Partner, Person

PARTNER_COLUMNS = [
    Column("name", _("Tên đối tác"), lambda p: p.name, sort="name", html=lambda p: link(p, p.name)),
    Column("name_native", _("Tên bản ngữ"), lambda p: p.name_native),
    choice_column("kind", _("Loại"), sort="kind"),
    Column("country", _("Quốc gia"), lambda p: p.country.name, sort="country"),
    Column("parent", _("Thuộc"), lambda p: p.parent.name if p.parent else ""),
    choice_column("status", _("Tình trạng quan hệ"), "relationship_status", sort="status"),
    Column("since", _("Quan hệ từ"), lambda p: p.relationship_since, sort="since"),
    Column(
        "fields",
        _("Lĩnh vực"),
        lambda p: join(p.fields.all()),
        # The workbook ends with the partner's ID: a sheet exported in English (names in English under "Partner
        # name") and imported back (partners.imports) finds each partner by it, not by a Vietnamese name it lacks.
        workbook_columns=(
            Column("fields", _("Lĩnh vực"), lambda p: join(p.fields.all())),
            Column("id", "ID", lambda p: p.pk),
        ),
    ),
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


def _organization(person: Person) -> str:
    return person.partner.name if person.partner else person.hue_unit.name if person.hue_unit else ""


def _organization_html(person: Person) -> str:
    return link(person.partner, person.partner.name) if person.partner else _organization(person)


PERSON_COLUMNS = [
    Column("full_name", _("Họ tên"), lambda p: p.full_name, sort="name", html=lambda p: link(p, p.full_name)),
    Column("full_name_native", _("Họ tên bản ngữ"), lambda p: p.full_name_native),
    Column("title", _("Chức vụ"), lambda p: p.title),
    Column("organization", _("Cơ quan, tổ chức"), _organization, html=_organization_html),
    Column("country", _("Quốc gia"), lambda p: p.country.name if p.country else ""),
]


@dashboard_page(Person)
def person_list(request: HttpRequest) -> HttpResponse:
    return render_listing(
        request,
        filterset_class=PersonFilterSet,
        columns=PERSON_COLUMNS,
        template="dashboard/person_list.html",
        title=_("Nhân sự"),
        export_name="nhan-su",
    )
