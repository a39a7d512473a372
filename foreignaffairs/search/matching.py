"""The rows of a list that hold every word of a query; the same rows ranked best first.

Every word of the query must be found, in any order, in the record's own search text or in its related one
(foreignaffairs.text_search.words_q): "kim seokki 2025" finds the visit headed by Kim Seokki that started in 2025,
"seokki" from its head, "2025" from its own dates. A model whose rows are found through another record names
the relation in `search_through` (a review is found by its agreement's names).

- `search_filter(queryset, query)` is what a list's `q` and the admin's search box do: the matching rows in the
  list's own order; a blank query filters nothing.
- `matching(queryset, query)` is for a search across kinds: the matching rows annotated with `search_rank` and
  ordered best first (rank, then the most recent, then the newest row); a query without words matches nothing.
- `best_matches(queryset, query, limit)` gives the first `limit` rows of matching() without ranking every match:
  one query per rank, best first, stopping once it has enough (a common word fills them with the first query, read
  along the recency index), so at most six queries whatever the matches.

`search_rank`, higher first: RANK_OWN_NAMES (100) when every word is in the record's own names, 0 when a word needs
its relations' names; plus 2 when every word is a whole word there (of its own names for the first, of its own or
its relations' for the second), 1 when every word is at least the start of a word, 0 when a word is inside one. So
102, 101, 100, 2, 1, 0. Among equals the most recent comes first, by the model's `search_recency` (an agreement's
signing, a delegation's start), then the newest row.
"""

from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.db.models import Case, F, Q, QuerySet, Value, When

from foreignaffairs.text_search import query_words, search_q, words_q

RANK_OWN_NAMES = 100  # every word is in the record's own names: at or above this, found without its relations
WHOLE_WORDS, WORD_STARTS, INSIDE_WORDS = 2, 1, 0  # every word a whole word; at least the start of one; anywhere


def search_path(model: type[models.Model]) -> str:
    """The relation from rows of `model` to the record searched: "" for a searchable model itself, its
    `search_through` otherwise ("agreement" for reviews)."""
    through = getattr(model, "search_through", None)
    if through is not None:
        return through
    if any(field.name == "search_text" for field in model._meta.concrete_fields):
        return ""
    raise ImproperlyConfigured(f"{model._meta.label} has no search text and names no `search_through`.")


def search_filter(queryset: QuerySet, query: str | None) -> QuerySet:
    """The rows whose record holds every word of `query`, in the queryset's own order; all rows for a blank query."""
    condition = search_q(query, search_path(queryset.model))
    return queryset.filter(condition) if condition else queryset


def _word(field: str, word: str, *, whole: bool) -> Q:
    """`word` is a whole word (or, not `whole`, the start of a word) of the text in `field`: after a space or at the
    start, and (whole) before a space or at the end. Tested on the column itself, not on a padded copy, so that
    PostgreSQL estimates how many rows match from the column's statistics (on an expression it guesses a handful,
    and sorts every match instead of reading the first few along an index)."""
    if not whole:
        return Q(**{f"{field}__startswith": word}) | Q(**{f"{field}__contains": f" {word}"})
    return (
        Q(**{field: word})
        | Q(**{f"{field}__startswith": f"{word} "})
        | Q(**{f"{field}__endswith": f" {word}"})
        | Q(**{f"{field}__contains": f" {word} "})
    )


def _matching_rows(queryset: QuerySet, words: list[str]) -> tuple[QuerySet, dict[int, Q]]:
    """The rows holding every word, and the condition of each rank but the last (rank: condition), best first."""
    path = search_path(queryset.model)
    own, related = (f"{path}__{name}" if path else name for name in ("search_text", "related_search_text"))
    ranks: dict[int, Q] = {}
    for tier, texts in ((RANK_OWN_NAMES, (own,)), (0, (own, related))):
        for closeness, whole in ((WHOLE_WORDS, True), (WORD_STARTS, False)):
            condition = Q()
            for word in words:
                found = Q()
                for text in texts:
                    found |= _word(text, word, whole=whole)
                condition &= found
            ranks[tier + closeness] = condition
        if tier:
            ranks[tier + INSIDE_WORDS] = Q(*(Q(**{f"{own}__contains": word}) for word in words))
    return queryset.filter(words_q(words, path)), ranks


def _best_first(queryset: QuerySet) -> list:
    # Plain descending order, as the lists sort: read backwards along the field's index, a common word's first
    # matches come without sorting every match.
    return [F(getattr(queryset.model, "search_recency", "pk")).desc(), "-pk"]


def matching(queryset: QuerySet, query: str | None) -> QuerySet:
    """The rows whose record holds every word of `query`, annotated with `search_rank` (higher is better) and
    ordered best first: rank, then the most recent by the model's `search_recency`, then the newest row. Ranking
    reads every match: for the first few of a common word, best_matches()."""
    words = query_words(query)
    if not words:
        return queryset.none()
    rows, ranks = _matching_rows(queryset, words)
    rank = Case(*(When(condition, then=Value(rank)) for rank, condition in ranks.items()), default=Value(INSIDE_WORDS))
    return rows.annotate(search_rank=rank).order_by("-search_rank", *_best_first(queryset))


def best_matches(queryset: QuerySet, query: str | None, limit: int) -> list:
    """The first `limit` rows of matching(queryset, query), each with its `search_rank`: one query per rank, best
    first, until there are enough (at most six queries: one per rank)."""
    words = query_words(query)
    if not words or limit <= 0:
        return []
    rows, ranks = _matching_rows(queryset, words)
    rows = rows.order_by(*_best_first(queryset))
    found: list = []
    # Each query leaves out what the ones before found: they found every row of the better ranks, or there would
    # be enough already.
    for rank, condition in (*ranks.items(), (INSIDE_WORDS, Q())):
        for row in rows.filter(condition).exclude(pk__in=[row.pk for row in found])[: limit - len(found)]:
            row.search_rank = rank
            found.append(row)
        if len(found) >= limit:
            break
    return found
