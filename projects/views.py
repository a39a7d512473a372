"""Dashboard pages for cooperation projects: the filtered list (with its CSV/JSON export) and one project."""

import decimal

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from foreignaffairs.accounts.access import can_edit_link, dashboard_page
from foreignaffairs.lists.listing import Column, choice_column, fields_then_id_column, link, render_listing
from projects.filtersets import ProjectFilterSet
from projects.models import Project


def money_record(amount: decimal.Decimal | None, currency: str) -> dict | None:
    """Money for JSON: the stored decimal as text (no float rounding, no thousands separators) and its currency."""
    return None if amount is None else {"amount": str(amount), "currency": currency}


def money_column(key: str, label: str | Promise) -> Column:
    """A sum as reported ("61.600.000 USD") on the page and in the CSV; its amount and currency apart elsewhere.

    The fields are `<key>_amount` and `<key>_currency`; the currency's heading is the field's own name.
    """
    amount, currency = f"{key}_amount", f"{key}_currency"
    return Column(
        key,
        label,
        lambda p: getattr(p, key),
        code=lambda p: money_record(getattr(p, amount), getattr(p, currency)),
        workbook_columns=(
            Column(amount, label, lambda p: getattr(p, amount)),
            Column(currency, capfirst(Project._meta.get_field(currency).verbose_name), lambda p: getattr(p, currency)),
        ),
    )


PROJECT_COLUMNS = [
    Column("title", _("Tên dự án"), lambda p: p.title, sort="title", html=lambda p: link(p, p.title)),
    choice_column("kind", _("Loại dự án"), sort="kind"),
    choice_column("status", _("Trạng thái"), sort="status", badge_kind="status"),
    Column(
        "partner",
        _("Nhà tài trợ / nhà đầu tư"),
        lambda p: p.partner.name if p.partner else "",
        sort="partner",
        html=lambda p: link(p.partner, p.partner.name) if p.partner else "",
    ),
    Column("country", _("Quốc gia"), lambda p: p.partner.country.name if p.partner else ""),
    Column(
        "channel",
        _("Kênh tài trợ"),
        lambda p: p.channel.name if p.channel else "",
        html=lambda p: link(p.channel, p.channel.name) if p.channel else "",
    ),
    Column("hue_unit", _("Đơn vị phía Huế"), lambda p: p.hue_unit.name if p.hue_unit else ""),
    Column("location", _("Địa điểm"), lambda p: p.location),
    Column("starts_on", _("Bắt đầu"), lambda p: p.starts_on, sort="starts"),
    Column("ends_on", _("Kết thúc"), lambda p: p.ends_on, sort="ends"),
    # "61.600.000 USD" as reported, in its own currency; the JSON export gives {"amount", "currency"}, the workbook
    # the amount as a number and its currency in the next column.
    money_column("committed", _("Vốn cam kết / đăng ký")),
    money_column("disbursed", _("Vốn đã giải ngân")),
    fields_then_id_column(_("Lĩnh vực")),
]


@dashboard_page(Project)
def project_list(request: HttpRequest) -> HttpResponse:
    return render_listing(
        request,
        filterset_class=ProjectFilterSet,
        columns=PROJECT_COLUMNS,
        template="dashboard/project_list.html",
        title=_("Dự án hợp tác"),
        export_name="du-an",
    )


@dashboard_page(Project)
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_object_or_404(Project.objects.for_listing().select_related("channel__country"), pk=pk)
    context = {"project": project, "edit_url": can_edit_link(request.user, project)}
    return render(request, "dashboard/project_detail.html", context)
