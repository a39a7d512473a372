"""The overview: counts, what needs attention, and charts over the whole record.

Every figure is one aggregate query (GROUP BY in the database), so the page costs the same at 10 rows and at
100,000. The needs-attention lists show a few rows each, with their total and a link to the full list.
"""

from django.db.models import Count
from django.db.models.functions import Substr
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from agreements.choices import AgreementStatus
from agreements.models import Agreement
from agreements.project_choices import ProjectKind, ProjectStatus
from agreements.project_models import Project, ReportedFigure
from agreements.project_views import currency_totals
from delegations.choices import Direction
from delegations.models import Delegation, FollowUpAction
from foreignaffairs import clock
from foreignaffairs.charts import bar_chart
from foreignaffairs.dashboard_access import dashboard_page
from partners.models import Country, Partner

ATTENTION_ROWS = 5
REPORTED_FIGURES_SHOWN = 12
TOP_COUNTRIES = 15
EXPIRING_DAYS, REVIEW_DUE_DAYS, DELEGATION_DAYS = 90, 30, 60


def _list_url(name: str, **params) -> str:
    return f"{reverse(name)}?{urlencode(params)}"


def _attention(title, queryset, url, date_attr: str) -> dict:
    rows = list(queryset[:ATTENTION_ROWS])
    return {"title": title, "rows": rows, "count": queryset.count(), "url": url, "date_attr": date_attr}


def _partners_per_country() -> list[tuple[str, int]]:
    counts = list(
        Partner.objects.values("country_id").annotate(n=Count("pk")).order_by("-n", "country_id")[:TOP_COUNTRIES]
    )
    countries = {c.pk: c.name for c in Country.objects.filter(pk__in=[row["country_id"] for row in counts])}
    return [(countries[row["country_id"]], row["n"], "series-a") for row in counts]


def _agreements_by_status() -> list[tuple[str, int, str]]:
    labels = dict(AgreementStatus.choices)
    counts = Agreement.objects.values("status").annotate(n=Count("pk")).order_by("status")
    return [(str(labels.get(row["status"], row["status"])), row["n"], "series-b") for row in counts]


def _signed_per_year() -> list[tuple[str, int, str]]:
    counts = (
        Agreement.objects.exclude(signed_on="")
        .annotate(year=Substr("signed_on", 1, 4))
        .values("year")
        .annotate(n=Count("pk"))
        .order_by("year")
    )
    return [(row["year"], row["n"], "series-b") for row in counts]


def _projects_by(field: str, choices) -> list[tuple[str, int, str]]:
    labels = dict(choices)
    counts = Project.objects.values(field).annotate(n=Count("pk")).order_by(field)
    return [(str(labels.get(row[field], row[field])), row["n"], "series-a") for row in counts]


def _delegations_per_year() -> list[tuple[str, int, str]]:
    counts = (
        Delegation.objects.exclude(starts_on="")
        .annotate(year=Substr("starts_on", 1, 4))
        .values("year", "direction")
        .annotate(n=Count("pk"))
        .order_by("year", "direction")
    )
    labels = dict(Direction.choices)
    return [
        (f"{row['year']} · {labels.get(row['direction'], row['direction'])}", row["n"], f"series-{row['direction']}")
        for row in counts
    ]


@dashboard_page(Partner, Agreement, Delegation, Project, ReportedFigure)
def overview(request):
    today = clock.today()
    year = str(today.year)
    direction_labels = dict(Direction.choices)
    delegations_this_year = (
        Delegation.objects.filter(starts_on__startswith=year).values("direction").annotate(n=Count("pk"))
    )
    attention = [
        _attention(
            _("Thỏa thuận hết hiệu lực trong %(days)s ngày tới") % {"days": EXPIRING_DAYS},
            Agreement.objects.expiring_within(EXPIRING_DAYS, today).order_by("expires_on", "pk"),
            _list_url("dashboard:agreement-list", expires_within=EXPIRING_DAYS),
            "expires_on",
        ),
        _attention(
            _("Thỏa thuận quá hạn rà soát"),
            Agreement.objects.review_overdue(today).order_by("next_review_on", "pk"),
            _list_url("dashboard:agreement-list", review_overdue="true"),
            "next_review_on",
        ),
        _attention(
            _("Thỏa thuận đến hạn rà soát trong %(days)s ngày tới") % {"days": REVIEW_DUE_DAYS},
            Agreement.objects.review_due_within(REVIEW_DUE_DAYS, today).order_by("next_review_on", "pk"),
            None,
            "next_review_on",
        ),
        _attention(
            _("Đoàn trong %(days)s ngày tới") % {"days": DELEGATION_DAYS},
            Delegation.objects.starting_within(DELEGATION_DAYS, today).order_by("starts_on", "pk"),
            _list_url("dashboard:delegation-list", starts_after=today.strftime("%d/%m/%Y")),
            "starts_on",
        ),
        _attention(
            _("Việc cần theo dõi đã quá hạn"),
            FollowUpAction.objects.past_due(today).select_related("delegation").order_by("due_on", "pk"),
            None,
            "due_on",
        ),
    ]
    context = {
        "title": _("Tổng quan"),
        "today": today,
        "partner_count": Partner.objects.count(),
        "agreement_count": Agreement.objects.count(),
        "delegation_count": Delegation.objects.count(),
        "this_year": year,
        "delegations_this_year": [
            (direction_labels.get(row["direction"], row["direction"]), row["n"]) for row in delegations_this_year
        ],
        "attention": attention,
        # Two kinds of numbers, kept apart on the page: what we count from our own project records, and what a
        # published source states (with that source). Neither is ever added to the other.
        "project_count": Project.objects.count(),
        "project_totals": currency_totals(Project.objects.all()),
        "reported_figures": list(ReportedFigure.objects.for_listing()[:REPORTED_FIGURES_SHOWN]),
        "reported_figure_count": ReportedFigure.objects.count(),
        "charts": [
            bar_chart(
                _("Đối tác theo quốc gia (%(n)s nước nhiều nhất)") % {"n": TOP_COUNTRIES}, _partners_per_country()
            ),
            bar_chart(_("Thỏa thuận theo trạng thái"), _agreements_by_status()),
            bar_chart(_("Thỏa thuận ký theo năm"), _signed_per_year()),
            bar_chart(_("Đoàn theo năm và loại đoàn"), _delegations_per_year()),
            bar_chart(_("Dự án theo loại"), _projects_by("kind", ProjectKind.choices)),
            bar_chart(_("Dự án theo trạng thái"), _projects_by("status", ProjectStatus.choices)),
        ],
    }
    return render(request, "dashboard/overview.html", context)
