"""What the one search box looks through: six kinds of record, each searched only for those who may view it, each
read as its best matches and how many match.

Shared by the search page (foreignaffairs.dashboard.search_page) and the API's /api/v1/search/
(foreignaffairs.api.search), so that both find, rank and count the same rows. Matching and ranking are
foreignaffairs.search.matching's.

Each kind costs a bounded number of queries, whatever the number of matches, and its rows are the best of all its
matches either way. One query ranks the first COUNT_CAP + 1 matches found (in any order, which lets the scan stop
there, as the lists' capped count does; each word's trigram index finds a rare name's few rows at once) and counts
them with a window count (COUNT(*) OVER ()). Up to COUNT_CAP, those are every match and the ranking is exact.
Past it the word is common, and ranking every match would cost seconds ("hop tac" is in every agreement's title:
100,000 agreements and 200,000 delegations ranked to keep five took two seconds at national scale), so
best_matches() reads the best along the recency index, one query per rank until the group is full (a common word
usually fills it with the first). best_matches() alone is no answer for a rare name: reading along the recency
index for a word no recent row holds walks the whole table, once per rank.
"""

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, Model, QuerySet, Window
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from agreements.models import Agreement, AgreementReview
from delegations.models import Delegation
from foreignaffairs.accounts.access import can_view
from foreignaffairs.lists.listing import SEARCH_COUNT_CAP
from foreignaffairs.search.matching import best_matches, matching, search_filter
from partners.models import Partner, Person
from projects.models import Project

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.contrib.auth.models import AnonymousUser

TOP_ROWS = 5  # the best matches shown per kind, before the link to all of them
COUNT_CAP = SEARCH_COUNT_CAP  # matches counted per kind; the lists count as far ("Hơn 1000 kết quả")


@dataclass(frozen=True)
class SearchKind:
    """One kind of record the search box looks through."""

    key: str  # its name in the page's anchors and in the API's answer: "partners"
    model: type[Model]
    heading: str | Promise  # the heading of its group: the title of its list
    list_url_name: str  # its dashboard list, which takes the same `q`
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
    SearchKind("people", Person, _("Nhân sự"), "dashboard:person-list", "person"),
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
    """One kind's answer: its best matches, best first, each with its `search_rank`; how many match, up to
    COUNT_CAP; and whether more do."""

    kind: SearchKind
    rows: list
    count: int
    capped: bool


def search_kind(kind: SearchKind, query: str, limit: int = TOP_ROWS) -> SearchGroup:
    """The best `limit` rows of `kind` for `query` and how many match: one query, or up to seven past COUNT_CAP."""
    first_found = search_filter(kind.model._default_manager.order_by(), query).values("pk")[: COUNT_CAP + 1]
    ranked = matching(kind.queryset().filter(pk__in=first_found), query)
    rows = list(ranked.annotate(total_rows=Window(Count("pk")))[:limit])
    counted = rows[0].total_rows if rows else 0
    if counted > COUNT_CAP:
        return SearchGroup(kind, best_matches(kind.queryset(), query, limit), COUNT_CAP, capped=True)
    return SearchGroup(kind, rows, counted, capped=False)


def search_everything(kinds: list[SearchKind], query: str, limit: int = TOP_ROWS) -> list[SearchGroup]:
    """Every kind of `kinds` searched for `query`."""
    return [search_kind(kind, query, limit) for kind in kinds]
