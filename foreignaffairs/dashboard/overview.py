"""The overview: counts, what needs attention, and charts over the whole record.

Every figure comes from an aggregate query (GROUP BY in the database), so the page costs the same at 10 rows and at
1,000,000, and the queries are shared: one GROUP BY per kind of record gives both its count and its charts, so the
page stays within a dozen queries. They count a column the table's index holds, never `id`, so PostgreSQL can
answer from the index alone. The needs-attention lists show a few rows each with their total (a window count
on the same query) and a link to the full list.
"""

import datetime
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, QuerySet, Sum, Window
from django.db.models.functions import Substr
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django_filters import FilterSet

from agreements.choices import AgreementStatus
from agreements.filtersets import AgreementFilterSet
from agreements.models import (
    Agreement,
    AgreementObligation,
    AgreementReview,
    expiring_within_q,
    review_due_within_q,
    review_overdue_q,
)
from delegations.choices import Direction
from delegations.filtersets import DelegationFilterSet
from delegations.models import Delegation, FollowUpAction
from foreignaffairs import clock
from foreignaffairs.accounts.access import dashboard_page
from foreignaffairs.dashboard.charts import BarChart, bar_chart
from foreignaffairs.dashboard.world_map.drawing import world_map
from foreignaffairs.dashboard.world_map.figures import country_figures
from foreignaffairs.journal.models import JournalEntry
from foreignaffairs.models import in_language
from foreignaffairs.relationships.health import dormant_partners
from partners.models import Partner, country_name
from projects.choices import ProjectKind, ProjectStatus
from projects.currencies import format_currency_totals
from projects.models import Project, ReportedFigure, fold_by_currency

FIGURES_CACHE_KEY = "dashboard:overview-figures"
FIGURES_CACHE_SECONDS = 60
# How far ahead each needs-attention panel looks, in days; the list a panel links to is filtered the same way.
# The daily digest has horizons of its own (foreignaffairs.reminders.digest).
EXPIRING_PANEL_DAYS = 90
REVIEW_DUE_PANEL_DAYS = 30
TURNED_DORMANT_PANEL_DAYS = 90  # partners whose silence reached DORMANT_AFTER_MONTHS within this many days
UPCOMING_DELEGATIONS_PANEL_DAYS = 60
PANEL_ROWS = 5  # rows a needs-attention panel lists before its link to all of them
REPORTED_FIGURES_SHOWN = 12
COUNTRIES_CHARTED = 15  # the partners-by-country chart shows the countries with most partners


def _list_url(name: str, **params: object) -> str:
    return f"{reverse(name)}?{urlencode(params)}"


def _first_rows_and_total(queryset: QuerySet, limit: int, dicts: bool = False) -> tuple[list, int]:
    """The first `limit` rows of `queryset` and how many rows it has in all, in one query (COUNT(*) OVER ()); with
    `dicts`, rows of a .values() queryset, the total taken out of each."""
    rows = list(queryset.annotate(total_rows=Window(Count("pk")))[:limit])
    if dicts:
        total = rows[0]["total_rows"] if rows else 0
        return [{key: value for key, value in row.items() if key != "total_rows"} for row in rows], total
    return rows, rows[0].total_rows if rows else 0


def _panel_rows(filterset_class: type[FilterSet], params: dict) -> QuerySet:
    """The rows a list page shows for `params`, without the list's prefetches: a panel shows titles and a date.

    A panel's rows and its link come from the same FilterSet and the same parameters, so following the link shows
    exactly the rows the panel counted.
    """
    filterset = filterset_class(params)
    if not filterset.is_valid():
        raise ValueError(f"the overview asks its list for filters it refuses: {filterset.errors.as_json()}")
    return filterset.qs.select_related(None).prefetch_related(None)


@dataclass(frozen=True)
class Panel:
    """One needs-attention panel: its first rows, how many there are in all, and the list that shows them all."""

    title: str
    rows: list
    count: int
    url: str | None  # None: no dashboard list exists to link to
    date_attr: str  # the rows' date the panel shows beside each title


def _year(partial_date_field: str) -> Substr:
    # A partial date is stored as ISO text (yyyy, yyyy-mm or yyyy-mm-dd): its year is the first four characters.
    return Substr(partial_date_field, 1, 4)


def _series(counts: dict, labels: dict, series: str) -> list[tuple[str, int, str]]:
    return [(str(labels.get(key, key)), n, series) for key, n in sorted(counts.items())]


def _agreement_figures() -> dict:
    """Count, and counts per status and per year signed: one GROUP BY (status, year)."""
    rows = (
        Agreement.objects.order_by()
        .annotate(year=_year("signed_on"))
        .values("status", "year")
        .annotate(n=Count("status"))
    )
    by_status, by_year = Counter(), Counter()
    for row in rows:
        by_status[row["status"]] += row["n"]
        if row["year"]:
            by_year[row["year"]] += row["n"]
    return {"count": sum(by_status.values()), "by_status": by_status, "by_year": by_year}


def _delegation_figures() -> dict:
    """Count and counts per year and direction: one GROUP BY (year, direction)."""
    rows = (
        Delegation.objects.order_by()
        .annotate(year=_year("starts_on"))
        .values("year", "direction")
        .annotate(n=Count("direction"))
    )
    per_year = {(row["year"], row["direction"]): row["n"] for row in rows}
    return {"count": sum(per_year.values()), "per_year": per_year}


def _partner_figures(today: datetime.date) -> dict:
    """Count and the countries with most partners, from the world map's figures (the partners per country are
    counted once, in its query, for the map and for this chart)."""
    per_country = {code: counts.partners for code, counts in country_figures(today).items() if counts.partners}
    top = sorted(per_country.items(), key=lambda item: (-item[1], item[0]))[:COUNTRIES_CHARTED]
    return {"count": sum(per_country.values()), "per_country": top}


def _project_figures() -> dict:
    """Count, kind and status counts and money per currency: one GROUP BY (kind, status, currencies)."""
    rows = list(
        Project.objects.order_by()
        .values("kind", "status", "committed_currency", "disbursed_currency")
        .annotate(n=Count("pk"), committed=Sum("committed_amount"), disbursed=Sum("disbursed_amount"))
    )
    by_kind, by_status = Counter(), Counter()
    for row in rows:
        by_kind[row["kind"]] += row["n"]
        by_status[row["status"]] += row["n"]
    return {
        "count": sum(by_kind.values()),
        "totals": fold_by_currency(rows),
        "by_kind": by_kind,
        "by_status": by_status,
    }


def attention_counts(today: datetime.date) -> dict[str, int]:
    """How many alive agreements expire soon, are past their review date, or due for one: one live query,
    reading only an index (status, next_review_deadline, expires_on, …); counting `status` (never empty, in the
    index), as COUNT(id) would read every row. The conditions are the ones AgreementFilterSet's `expires_within`,
    `review_overdue` and `review_due_within` apply (agreements.models), so each total is the count its list shows."""
    return (
        Agreement.objects.alive()
        .order_by()
        .aggregate(
            expiring=Count("status", filter=expiring_within_q(EXPIRING_PANEL_DAYS, today)),
            overdue=Count("status", filter=review_overdue_q(today)),
            review_due=Count("status", filter=review_due_within_q(REVIEW_DUE_PANEL_DAYS, today)),
        )
    )


def overview_figures(today: datetime.date) -> dict:
    """The four whole-table aggregates, kept in the cache for FIGURES_CACHE_SECONDS.

    At national scale (200,000 delegations, 100,000 agreements) they take a few hundred milliseconds together,
    on a page every head of division opens each morning. Saving or deleting a partner, agreement, delegation or
    project drops them once the transaction commits (forget_overview_figures), so an edit shows on the next view
    in this process; other worker processes, and bulk changes that bypass save(), catch up within FIGURES_CACHE_SECONDS.
    They hold codes, not labels, so one copy serves every language. What needs attention (rows and totals) and the
    reported figures are read live on every view.
    """
    figures = cache.get(FIGURES_CACHE_KEY)
    if figures is None or figures["day"] != today:
        figures = {
            "day": today,
            "agreements": _agreement_figures(),
            "delegations": _delegation_figures(),
            "partners": _partner_figures(today),
            "projects": _project_figures(),
            "turned_dormant": _turned_dormant(today),
        }
        cache.set(FIGURES_CACHE_KEY, figures, FIGURES_CACHE_SECONDS)
    return figures


@dataclass(frozen=True)
class DormantPartner:
    """A row of the "turned dormant" panel, as the cache keeps it: codes and both names, no labels."""

    pk: int
    name_vi: str
    name_en: str

    def __str__(self) -> str:
        return in_language(self.name_vi, self.name_en)

    def get_absolute_url(self) -> str:
        return reverse("dashboard:partner-detail", args=[self.pk])


def _turned_dormant(today: datetime.date) -> dict:
    """The partners that turned dormant in the last TURNED_DORMANT_PANEL_DAYS days: their first rows and total.

    With the whole-table figures, since it judges every partner's health: cached with them, dropped with them."""
    since = today - datetime.timedelta(days=TURNED_DORMANT_PANEL_DAYS)
    partners = dormant_partners(today, turned_since=since).order_by("name_vi", "pk")
    rows, count = _first_rows_and_total(partners.values("pk", "name_vi", "name_en"), PANEL_ROWS, dicts=True)
    return {"rows": rows, "count": count}


def _turned_dormant_panel(figures: dict) -> Panel:
    rows = [DormantPartner(**row) for row in figures["turned_dormant"]["rows"]]
    title = _("Đối tác chuyển sang ngưng trệ trong %(days)s ngày qua") % {"days": TURNED_DORMANT_PANEL_DAYS}
    # The list's ?health=dormant shows every dormant partner, not only those that turned lately: no link to it.
    return Panel(title, rows, figures["turned_dormant"]["count"], None, "")


def forget_overview_figures(**kwargs: Any) -> None:
    # After the commit: dropped any earlier, a page read in between would cache the figures from before the save.
    transaction.on_commit(lambda: cache.delete(FIGURES_CACHE_KEY))


def connect_figure_invalidation() -> None:
    # A review approved or a note added is a contact: it may wake a partner the panel lists as turned dormant.
    for model in (Partner, Agreement, AgreementReview, Delegation, Project, JournalEntry):
        uid = f"dashboard.figures.{model._meta.label_lower}"
        post_save.connect(forget_overview_figures, sender=model, dispatch_uid=f"{uid}.save")
        post_delete.connect(forget_overview_figures, sender=model, dispatch_uid=f"{uid}.delete")


def _counts(figures: dict, year: str) -> dict:
    """The counts at the top of the page: each kind of record, and this year's delegations by direction."""
    direction_labels = dict(Direction.choices)
    return {
        "partner_count": figures["partners"]["count"],
        "agreement_count": figures["agreements"]["count"],
        "delegation_count": figures["delegations"]["count"],
        "project_count": figures["projects"]["count"],
        "this_year": year,
        "delegations_this_year": [
            (direction_labels.get(direction, direction), n)
            for (start_year, direction), n in sorted(figures["delegations"]["per_year"].items())
            if start_year == year
        ],
    }


def _agreement_panel(title: str, params: dict, count: int, order_by: str, date_attr: str) -> Panel:
    rows = list(_panel_rows(AgreementFilterSet, params).order_by(order_by, "pk")[:PANEL_ROWS])
    return Panel(title, rows, count, _list_url("dashboard:agreement-list", **params), date_attr)


def _agreement_panels(today: datetime.date) -> list[Panel]:
    """Agreements expiring, past their review date, and due for one: one count query, then a query per panel."""
    # Counted live beside the rows they describe (a window count would sort every matching row first).
    due = attention_counts(today)
    return [
        _agreement_panel(
            _("Thỏa thuận hết hiệu lực trong %(days)s ngày tới") % {"days": EXPIRING_PANEL_DAYS},
            {"expires_within": EXPIRING_PANEL_DAYS},
            due["expiring"],
            "expires_on",
            "expires_on",
        ),
        _agreement_panel(
            _("Thỏa thuận quá hạn rà soát"),
            {"review_overdue": "true"},
            due["overdue"],
            "next_review_deadline",
            "next_review_on",
        ),
        _agreement_panel(
            _("Thỏa thuận đến hạn rà soát trong %(days)s ngày tới") % {"days": REVIEW_DUE_PANEL_DAYS},
            {"review_due_within": REVIEW_DUE_PANEL_DAYS},
            due["review_due"],
            "next_review_deadline",
            "next_review_on",
        ),
    ]


def _upcoming_delegations_panel() -> Panel:
    params = {"starts_within": UPCOMING_DELEGATIONS_PANEL_DAYS}
    rows, count = _first_rows_and_total(
        _panel_rows(DelegationFilterSet, params).order_by("starts_on", "pk"), PANEL_ROWS
    )
    title = _("Đoàn trong %(days)s ngày tới") % {"days": UPCOMING_DELEGATIONS_PANEL_DAYS}
    return Panel(title, rows, count, _list_url("dashboard:delegation-list", **params), "starts_on")


def _late_follow_ups_panel(today: datetime.date) -> Panel:
    rows, count = _first_rows_and_total(
        FollowUpAction.objects.past_due(today).select_related("delegation").order_by("due_on", "pk"), PANEL_ROWS
    )
    # No list of follow-ups exists on the dashboard to link to; each row links to its delegation.
    return Panel(_("Việc cần theo dõi đã quá hạn"), rows, count, None, "due_on")


def _late_obligations_panel(today: datetime.date) -> Panel:
    rows, count = _first_rows_and_total(
        AgreementObligation.objects.past_due(today).select_related("agreement").order_by("due_on", "pk"), PANEL_ROWS
    )
    # No list of obligations exists on the dashboard to link to; each row links to its agreement.
    return Panel(_("Cam kết của thỏa thuận đã quá hạn"), rows, count, None, "due_on")


def _attention_panels(today: datetime.date, figures: dict) -> list[Panel]:
    return [
        *_agreement_panels(today),
        _upcoming_delegations_panel(),
        _late_follow_ups_panel(today),
        _late_obligations_panel(today),
        _turned_dormant_panel(figures),
    ]


def _reported_figures() -> dict:
    """The latest figures as published sources state them, with how many there are in all."""
    figures, count = _first_rows_and_total(ReportedFigure.objects.for_listing(), REPORTED_FIGURES_SHOWN)
    return {"reported_figures": figures, "reported_figure_count": count}


def _delegations_per_year(per_year: dict) -> list[tuple[str, int, str]]:
    labels = dict(Direction.choices)
    return [
        (f"{year} · {labels.get(direction, direction)}", n, f"series-{direction}")
        for (year, direction), n in sorted(per_year.items())
        if year
    ]


def _charts(figures: dict) -> list[BarChart]:
    agreements, delegations = figures["agreements"], figures["delegations"]
    partners, projects = figures["partners"], figures["projects"]
    return [
        bar_chart(
            _("Đối tác theo quốc gia (%(n)s nước nhiều nhất)") % {"n": COUNTRIES_CHARTED},
            [(country_name(code), n, "series-a") for code, n in partners["per_country"]],
        ),
        bar_chart(
            _("Thỏa thuận theo trạng thái"),
            _series(agreements["by_status"], dict(AgreementStatus.choices), "series-b"),
        ),
        bar_chart(_("Thỏa thuận ký theo năm"), _series(agreements["by_year"], {}, "series-b")),
        bar_chart(_("Đoàn theo năm và loại đoàn"), _delegations_per_year(delegations["per_year"])),
        bar_chart(_("Dự án theo loại"), _series(projects["by_kind"], dict(ProjectKind.choices), "series-a")),
        bar_chart(_("Dự án theo trạng thái"), _series(projects["by_status"], dict(ProjectStatus.choices), "series-a")),
    ]


@dashboard_page(Partner, Agreement, Delegation, Project, ReportedFigure)
def overview(request: HttpRequest) -> HttpResponse:
    today = clock.today()
    figures = overview_figures(today)
    context = {
        "title": _("Tổng quan"),
        "today": today,
        **_counts(figures, str(today.year)),
        "attention": _attention_panels(today, figures),
        # Two kinds of numbers, kept apart on the page: what we count from our own project records, and what a
        # published source states (with that source). Neither is ever added to the other.
        "project_totals": format_currency_totals(figures["projects"]["totals"]),
        **_reported_figures(),
        "charts": _charts(figures),
        "world_map": world_map(today),
    }
    return render(request, "dashboard/overview.html", context)
