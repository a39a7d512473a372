"""Dashboard pages for delegations: the filtered list, one delegation in full, and the calendar by month."""

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from delegations.calendar import CalendarYearForm, link_cells, months_of
from delegations.filtersets import DelegationFilterSet
from delegations.models import Delegation
from foreignaffairs.accounts.access import can_edit_link, dashboard_page
from foreignaffairs.lists.listing import Column, choice_column, fields_then_id_column, join, link, links, render_listing

DELEGATION_COLUMNS = [
    Column("title", _("Tên đoàn"), lambda d: d.title, sort="title", html=lambda d: link(d, d.title)),
    choice_column("direction", _("Loại đoàn"), sort="direction", badge_kind="direction"),
    choice_column("status", _("Trạng thái"), sort="status"),
    Column("starts_on", _("Bắt đầu"), lambda d: d.starts_on, sort="starts"),
    Column("ends_on", _("Kết thúc"), lambda d: d.ends_on),
    Column("countries", _("Quốc gia"), lambda d: join(c.name for c in d.countries.all())),
    Column("partners", _("Đối tác"), lambda d: join(d.partners.all()), html=lambda d: links(d.partners.all())),
    Column("head", _("Trưởng đoàn"), lambda d: d.head.full_name if d.head else ""),
    Column("host_unit", _("Đơn vị chủ trì"), lambda d: d.host_unit.name if d.host_unit else ""),
    fields_then_id_column(_("Lĩnh vực")),
]


@dashboard_page(Delegation)
def delegation_list(request: HttpRequest) -> HttpResponse:
    return render_listing(
        request,
        filterset_class=DelegationFilterSet,
        columns=DELEGATION_COLUMNS,
        template="dashboard/delegation_list.html",
        title=_("Đoàn ra, đoàn vào"),
        export_name="doan-ra-doan-vao",
    )


@dashboard_page(Delegation)
def delegation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    delegation = get_object_or_404(Delegation.objects.for_listing().prefetch_related("agreements_signed"), pk=pk)
    context = {
        "delegation": delegation,
        "members": list(delegation.members.select_related("person")),
        "itinerary": list(delegation.itinerary.all()),
        "follow_ups": list(delegation.follow_ups.select_related("owner", "owner_unit")),
        "gifts": list(delegation.gifts.select_related("giver", "recipient")),
        "edit_url": can_edit_link(request.user, delegation),
    }
    return render(request, "dashboard/delegation_detail.html", context)


@dashboard_page(Delegation)
def delegation_calendar(request: HttpRequest) -> HttpResponse:
    filterset = DelegationFilterSet(request.GET, request=request)
    filterset.is_valid()
    year_form = CalendarYearForm(request.GET)
    year = year_form.chosen_year()
    rows = (
        filterset.qs.select_related(None)
        .prefetch_related(None)
        .only("pk", "title_vi", "title_en", "direction", "status", "starts_on", "ends_on")
    )
    months = months_of(rows, year)
    link_cells(months, reverse("dashboard:delegation-list"), request.GET)
    context = {
        "title": _("Lịch đoàn ra, đoàn vào"),
        "form": filterset.form,
        "year_form": year_form,
        "year": year,
        "months": months,
        "other_filters": _without(request.GET, "year"),
    }
    return render(request, "dashboard/calendar.html", context)


def _without(query: QueryDict, name: str) -> str:
    """The query string minus one parameter, so the year links keep the other filters."""
    kept = query.copy()
    kept.pop(name, None)
    return kept.urlencode()
