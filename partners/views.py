"""Dashboard pages for people: the filtered list. The list of partners (which shows each partner's health) and one
partner or one person with everything linked to them are pages of the dashboard room
(foreignaffairs.dashboard.partner_list, partner_page, person_page), since they read every app."""

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from foreignaffairs.accounts.access import dashboard_page
from foreignaffairs.lists.listing import Column, link, render_listing
from partners.filtersets import PersonFilterSet
from partners.models import Person


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
