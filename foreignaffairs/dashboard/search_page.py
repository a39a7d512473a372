"""The page behind the header's search box: every kind of record the reader may view, searched at once.

Each kind is a group: its best matches first (foreignaffairs.dashboard.search_kinds), each title linked to its page
with the words of the query marked, and under it what the title does not show that made it match
(foreignaffairs.dashboard.search_context); then the count and a link to all of them on the kind's list, filtered by
the same `q`, which finds exactly the rows counted. At most eight queries per kind (one to find, rank and count
up to 1,000 matches, six more past that, one for the names of the records linked to those found through them),
whatever the number of matches.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agreements.models import Agreement
from delegations.models import Delegation
from foreignaffairs.accounts.access import can_view
from foreignaffairs.dashboard.highlight import highlight
from foreignaffairs.dashboard.search_context import Reason, linked_texts, own_texts, reasons
from foreignaffairs.dashboard.search_kinds import SearchGroup, SearchKind, kinds_for, search_everything
from foreignaffairs.text_search import query_words
from partners.models import Partner
from projects.models import Project


class SearchForm(forms.Form):
    # A CharField refuses the NUL character, which PostgreSQL cannot compare, with a message of its own.
    q = forms.CharField(label=gettext_lazy("Tìm kiếm"), required=False, strip=False)


@dataclass(frozen=True)
class Result:
    label: SafeString  # escaped, the query's words marked
    url: str | None  # None: the reader has no page to open it on
    reasons: list[Reason]


@dataclass(frozen=True)
class Group:
    kind: SearchKind
    count: int
    capped: bool  # more than `count` match
    results: list[Result]
    all_url: str | None  # the kind's list filtered by the same q; None when nothing matched


def _page_of(kind: SearchKind, row: Model, user: object) -> str | None:
    """Where the reader reads the record: its dashboard page (a review's is its agreement's); None when the reader
    may not open it."""
    if kind.model is Partner:
        # The partner's page shows its agreements, delegations and projects too.
        return row.get_absolute_url() if can_view(user, Partner, Agreement, Delegation, Project) else None
    if kind.key == "reviews":
        return row.agreement.get_absolute_url() if can_view(user, Agreement) else None
    return row.get_absolute_url()


def _all_results_url(kind: SearchKind, query: str) -> str:
    return f"{reverse(kind.list_url_name)}?{urlencode({'q': query})}"


def _group(group: SearchGroup, words: list[str], query: str, user: object) -> Group:
    linked = linked_texts(group.kind.model, group.rows)
    results = []
    for row in group.rows:
        label = str(row)
        texts = own_texts(row) + linked.get(row.pk, [])
        results.append(Result(highlight(label, words), _page_of(group.kind, row, user), reasons(words, label, texts)))
    all_url = _all_results_url(group.kind, query) if group.count else None
    return Group(group.kind, group.count, group.capped, results, all_url)


def search_page(request: HttpRequest) -> HttpResponse:
    """The groups of every kind the reader may view, for the `q` of the header's box."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    kinds = kinds_for(request.user)
    if not kinds:
        raise PermissionDenied
    form = SearchForm(request.GET)
    query = request.GET.get("q", "")
    context = {"title": _("Tìm kiếm"), "form": form, "query": query, "groups": [], "searched": False}
    if form.is_valid() and query.strip():
        words = query_words(query)
        if words:
            found = search_everything(kinds, query)
            context["groups"] = [_group(group, words, query, request.user) for group in found if group.count]
            context["empty_kinds"] = [group.kind.heading for group in found if not group.count]
            context["searched"] = True
        else:
            context["no_words"] = True
    return render(request, "dashboard/search.html", context)
