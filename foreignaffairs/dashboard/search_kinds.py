"""What the one search box looks through: six kinds of record, each searched only for those who may view it, each
read as its best matches and how many match in all.

Shared by the search page (foreignaffairs.dashboard.search_page) and the API's /api/v1/search/
(foreignaffairs.api.search), so that both find, rank and count the same rows. Matching and ranking are
foreignaffairs.search.matching's. Each kind costs one query whatever the number of matches: its first rows, and
the total by a window count over the same query (COUNT(*) OVER ()), as the overview's panels do.
"""

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, Model, QuerySet, Window
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from agreements.models import Agreement, AgreementReview
from delegations.models import Delegation
from foreignaffairs.accounts.access import can_view
from foreignaffairs.search.matching import matching
from partners.models import Partner, Person
from projects.models import Project

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.contrib.auth.models import AnonymousUser

TOP_ROWS = 5  # the best matches shown per kind, before the link to all of them


@dataclass(frozen=True)
class SearchKind:
    """One kind of record the search box looks through."""

    key: str  # its name in the page's anchors and in the API's answer: "partners"
    model: type[Model]
    heading: str | Promise  # the heading of its group: the title of its list
    list_url_name: str | None  # its dashboard list, which takes the same `q`; None: it has none (people)
    api_basename: str  # its API routes: api:<basename>-list and api:<basename>-detail
    select_related: tuple[str, ...] = ()  # what its label reads (a review's is its agreement's title)

    def queryset(self) -> QuerySet:
        # The folded search columns are read by the WHERE and the ranking in SQL, never shown: not fetched.
        through = getattr(self.model, "search_through", None)
        prefix = f"{through}__" if through else ""
        return (
            self.model._default_manager.select_related(*self.select_related)
            .defer(f"{prefix}search_text", f"{prefix}related_search_text")
            .order_by()
        )


KINDS: tuple[SearchKind, ...] = (
    SearchKind("partners", Partner, _("Đối tác"), "dashboard:partner-list", "partner"),
    SearchKind("people", Person, _("Nhân sự"), None, "person"),
    SearchKind("agreements", Agreement, _("Thỏa thuận"), "dashboard:agreement-list", "agreement"),
    SearchKind(
        "reviews",
        AgreementReview,
        _("Rà soát, đánh giá hiệu quả"),
        "dashboard:review-list",
        "review",
        select_related=("agreement",),
    ),
    SearchKind("delegations", Delegation, _("Đoàn ra, đoàn vào"), "dashboard:delegation-list", "delegation"),
    SearchKind("projects", Project, _("Dự án hợp tác"), "dashboard:project-list", "project"),
)


def kinds_for(user: "AbstractBaseUser | AnonymousUser") -> list[SearchKind]:
    """The kinds `user` may view, in the order the page shows them."""
    return [kind for kind in KINDS if can_view(user, kind.model)]


@dataclass(frozen=True)
class SearchGroup:
    """One kind's answer: its best matches, best first, each with its `search_rank`, and how many match in all."""

    kind: SearchKind
    rows: list
    count: int


def search_kind(kind: SearchKind, query: str, limit: int = TOP_ROWS) -> SearchGroup:
    """The best `limit` rows of `kind` for `query` and the number of all its matches, in one query."""
    rows = list(matching(kind.queryset(), query).annotate(total_rows=Window(Count("pk")))[:limit])
    return SearchGroup(kind, rows, rows[0].total_rows if rows else 0)


def search_everything(kinds: list[SearchKind], query: str, limit: int = TOP_ROWS) -> list[SearchGroup]:
    """Every kind of `kinds` searched for `query`: one query each."""
    return [search_kind(kind, query, limit) for kind in kinds]
