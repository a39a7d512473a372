"""The rows of a list that hold every word of a query; the same rows ranked best first.

Every word of the query must be found, in any order, in the record's own search text or in its related one
(foreignaffairs.text_search.words_q): "kim seokki 2025" finds the visit headed by Kim Seokki that started in 2025,
"seokki" from its head, "2025" from its own dates. A model whose rows are found through another record names
the relation in `search_through` (a review is found by its agreement's names).

- `search_filter(queryset, query)` is what a list's `q` and the admin's search box do: the matching rows in the
  list's own order; a blank query filters nothing.
- `matching(queryset, query)` is for a search across kinds: the matching rows annotated with `search_rank` and
  ordered best first (rank, then the most recent, then the newest row); a query without words matches nothing.

`search_rank` orders, in turn: every word in the record's own names before a match that needs its relations;
then per word, a whole word (2) before the start of a word (1) before the inside of a word (0), summed. The most
recent comes first among equals, by the model's `search_recency` (an agreement's signing, a delegation's start).
"""

from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.db.models import Case, F, Q, QuerySet, Value, When
from django.db.models.functions import Concat

from foreignaffairs.text_search import query_words, search_q, words_q

# Added to the rank when every word is in the record's own names; above any sum of per-word closeness (16 x 2).
RANK_OWN_NAMES = 100
WHOLE_WORD, WORD_START = 2, 1


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


def _padded(field: str) -> Concat:
    # Spaces at both ends, so that " word " finds a whole word at the start or the end of the text as well.
    return Concat(Value(" "), F(field), Value(" "), output_field=models.TextField())


def _closeness(word: str) -> Case:
    def found(text: str) -> Q:
        return Q(_own_padded__contains=text) | Q(_related_padded__contains=text)

    return Case(
        When(found(f" {word} "), then=Value(WHOLE_WORD)),
        When(found(f" {word}"), then=Value(WORD_START)),
        default=Value(0),
    )


def matching(queryset: QuerySet, query: str | None) -> QuerySet:
    """The rows whose record holds every word of `query`, annotated with `search_rank` (higher is better) and
    ordered best first: rank, then the most recent by the model's `search_recency`, then the newest row."""
    words = query_words(query)
    if not words:
        return queryset.none()
    model = queryset.model
    path = search_path(model)
    prefix = f"{path}__" if path else ""
    own_names = Q()
    for word in words:
        own_names &= Q(**{f"{prefix}search_text__contains": word})
    closeness = sum((_closeness(word) for word in words[1:]), _closeness(words[0]))
    recency = getattr(model, "search_recency", "pk")
    return (
        queryset.filter(words_q(words, path))
        .alias(_own_padded=_padded(f"{prefix}search_text"), _related_padded=_padded(f"{prefix}related_search_text"))
        .annotate(
            search_rank=Case(When(own_names, then=Value(RANK_OWN_NAMES)), default=Value(0)) + closeness,
        )
        .order_by("-search_rank", F(recency).desc(nulls_last=True), "-pk")
    )
