"""The list of partners, with each partner's health (foreignaffairs.relationships.health) beside its status.

Here, not in partners/views.py, because health reads agreements, delegations and projects, which partners may not
import. Filtered, sorted and exported (CSV, JSON, Excel) like every list (foreignaffairs.lists.listing).
"""

from contextlib import nullcontext

from django.http import HttpRequest, HttpResponse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from foreignaffairs import clock
from foreignaffairs.accounts.access import dashboard_page
from foreignaffairs.dashboard.world_map.drawing import world_map
from foreignaffairs.lists.listing import Column, badge, choice_column, fields_then_id_column, join, link, render_listing
from foreignaffairs.relationships.filtersets import HEALTH_LABEL, PartnerHealthFilterSet
from foreignaffairs.relationships.health import health_of
from foreignaffairs.relationships.planner import without_jit
from partners.models import Partner


def _health_badge(partner: Partner) -> str:
    health = health_of(partner)
    return badge("health", health.status, health.label)


PARTNER_COLUMNS = [
    Column("name", _("Tên đối tác"), lambda p: p.name, sort="name", html=lambda p: link(p, p.name)),
    Column("name_native", _("Tên bản ngữ"), lambda p: p.name_native),
    choice_column("kind", _("Loại"), sort="kind"),
    Column("country", _("Quốc gia"), lambda p: p.country.name, sort="country"),
    Column("parent", _("Thuộc"), lambda p: p.parent.name if p.parent else ""),
    choice_column("status", _("Tình trạng quan hệ"), "relationship_status", sort="status"),
    Column(
        "health",
        HEALTH_LABEL,
        lambda p: health_of(p).label,
        sort="health",
        code=lambda p: health_of(p).status.value,
        html=_health_badge,
    ),
    # Next to the judgement, why: "không có liên hệ trong 14 tháng; 1 thỏa thuận quá hạn rà soát; …".
    Column(
        "health_reasons",
        _("Lý do"),
        lambda p: join(health_of(p).reasons),
        code=lambda p: list(health_of(p).reasons),
    ),
    Column("since", _("Quan hệ từ"), lambda p: p.relationship_since, sort="since"),
    fields_then_id_column(_("Lĩnh vực")),
]


@dashboard_page(Partner)
def partner_list(request: HttpRequest) -> HttpResponse:
    # Sorted or filtered by health, the page is rendered without the JIT compiler (an export streams after the view
    # returns, with it: a known cost). The other lists and orders keep it, and their fixed query counts.
    judged = bool(request.GET.get("health")) or request.GET.get("sort", "").lstrip("-") == "health"
    with without_jit() if judged else nullcontext():
        return render_listing(
            request,
            filterset_class=PartnerHealthFilterSet,
            columns=PARTNER_COLUMNS,
            template="dashboard/partner_list.html",
            title=_("Đối tác"),
            export_name="doi-tac",
            # Under the list, the map of every partner (not of the list's other filters, so that a country's count
            # is what its link shows), the country filtered by outlined. Lazy: an export never draws it.
            extra_context={
                "world_map": SimpleLazyObject(lambda: world_map(clock.today(), request.GET.get("country", ""))),
                "map_note": _("Bản đồ đếm mọi đối tác, không theo các bộ lọc khác của danh sách."),
            },
        )
