"""A record's related search text: the folded names of the records it links, kept current in SQL.

An agreement is found by its partners' names, a delegation by the people who received it. A searchable model
names, in `related_search_paths`, the relations whose records' own `search_text` make up its
`related_search_text` ("partners", "members__person"). That column is only ever written by a set-based UPDATE
whose value SQL computes from the linked rows (a string aggregate per path), so:

- a record saved recomputes its own related text (its foreign keys may have changed): one UPDATE;
- a record whose own search text changed (KOICA renamed) recomputes the related text of every record linking
  it: one UPDATE per kind of linking record, however many rows link it (5,000 agreements: one UPDATE);
- a link made or undone (a partner added to an agreement, a member removed from a delegation, a contact moved to
  another partner) recomputes the records at the target end of the link.

A path is one relation from the record to a searchable model (a foreign key, a many-to-many declared on the
record, a reverse foreign key from searchable rows such as a partner's contacts), or a reverse foreign key to
link rows followed by their foreign key to a searchable model (a delegation's members__person). Only own texts
are aggregated, never related ones, so a change travels one step and stops.

Partners cannot import agreements: the records depending on a model are found at run time among the installed
models declaring `related_search_paths`, so a rename in partners reaches agreements through them. Each app
connects the link signals of its own models in its AppConfig.ready() (connect_link_signals). Links are edited
through the relation's manager (add, remove, set, clear: what the admin and the demo do) or row by row; a
queryset delete or bulk_create of link rows, like a queryset update of names, goes around them, and the records
concerned are then refreshed with `refresh()`.
"""

import functools
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.db.models import Func, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from foreignaffairs.text_search import SEPARATOR

RELATED_FIELD = "related_search_text"


class TextAgg(models.Aggregate):
    """The texts of a group joined by `separator`: string_agg on PostgreSQL, group_concat on SQLite."""

    function = "STRING_AGG"
    name = "TextAgg"
    output_field = models.TextField()

    def __init__(self, expression: Any, separator: str = SEPARATOR, **extra: Any) -> None:
        super().__init__(expression, Value(separator), **extra)

    def as_postgresql(self, compiler: Any, connection: Any, **extra_context: Any) -> tuple[str, list]:
        # In the texts' own order, so that the same links always give the same text (SQLite's group_concat takes no
        # order before 3.44; it keeps the order it reads the rows in).
        text, params = compiler.compile(self.get_source_expressions()[0])
        if params:
            return super().as_sql(compiler, connection, **extra_context)
        template = f"%(function)s(%(distinct)s%(expressions)s ORDER BY {text})"
        return super().as_sql(compiler, connection, template=template, **extra_context)

    def as_sqlite(self, compiler: Any, connection: Any, **extra_context: Any) -> tuple[str, list]:
        return super().as_sql(compiler, connection, function="GROUP_CONCAT", **extra_context)


class _Joined(Func):
    """Texts joined with SQL's `||`, NULL when any is (Django's Concat skips a NULL part, which is not wanted
    here: a path with no linked row must leave out its separator too)."""

    arg_joiner = " || "
    template = "(%(expressions)s)"
    output_field = models.TextField()


class _TrimSeparators(Func):
    """RTRIM(text, ' |'), on PostgreSQL and SQLite alike: the separator after the last path's texts."""

    function = "RTRIM"
    output_field = models.TextField()

    def __init__(self, expression: Any) -> None:
        super().__init__(expression, Value(SEPARATOR))


@dataclass(frozen=True)
class RelatedPath:
    """One path of a model's `related_search_paths`, resolved: which rows link its two ends."""

    target: type[models.Model]  # the record whose related text the path feeds
    path: str
    source: type[models.Model]  # the searchable model whose own text it brings
    link: type[models.Model] | None  # the rows linking the two, when not the target itself (its foreign key)
    link_field: str  # the link rows' column holding the target's id; the target's own column for a foreign key
    text: str  # the lookup from a link row (or from the source, for a foreign key) to the source's own text
    through: bool  # the link rows are a many-to-many's link table (add/remove/set/clear send m2m_changed)

    def texts(self) -> Subquery:
        """The own texts this path brings to the row of the outer query, as one text."""
        if self.link is None:
            source = self.source._default_manager.filter(pk=OuterRef(self.link_field)).order_by()
            return Subquery(source.values(self.text))
        # From the link rows' side, found by their index on the target's id: no join back to the target.
        rows = self.link._default_manager.filter(**{self.link_field: OuterRef("pk")}).order_by()
        return Subquery(rows.values(self.link_field).annotate(text=TextAgg(self.text)).values("text"))


def resolve(target: type[models.Model], path: str) -> RelatedPath:
    first, _, rest = path.partition("__")
    field = target._meta.get_field(first)
    if field.concrete and (field.many_to_one or field.one_to_one) and not rest:
        found = RelatedPath(target, path, field.related_model, None, field.attname, "search_text", through=False)
    elif field.concrete and field.many_to_many and not rest:
        through = field.remote_field.through
        link_field = through._meta.get_field(field.m2m_field_name()).attname
        text = f"{field.m2m_reverse_field_name()}__search_text"
        found = RelatedPath(target, path, field.related_model, through, link_field, text, through=True)
    elif field.one_to_many and "__" not in rest:
        link = field.related_model
        source = link._meta.get_field(rest).related_model if rest else link
        text = f"{rest}__search_text" if rest else "search_text"
        found = RelatedPath(target, path, source, link, field.field.attname, text, through=False)
    else:
        raise ImproperlyConfigured(
            f"{target._meta.label}.related_search_paths: “{path}” must be a foreign key, a many-to-many declared on "
            "the model, or a reverse foreign key (optionally followed by one foreign key of the rows it reaches)."
        )
    if not any(f.name == "search_text" for f in found.source._meta.concrete_fields):
        searched = found.source._meta.label
        raise ImproperlyConfigured(f"{target._meta.label}: “{path}” reaches {searched}, which has no search text.")
    return found


def related_text_expression(model: type[models.Model], paths: Iterable[str]) -> models.Expression:
    """SQL computing a row's related search text: for each path, the own search texts of the rows it reaches, by a
    correlated subquery; paths that reach nothing are left out. Works on the models a migration is given too, so
    the backfill writes exactly what a save would."""
    parts = [
        Coalesce(_Joined(resolve(model, path).texts(), Value(SEPARATOR)), Value(""), output_field=models.TextField())
        for path in paths
    ]
    if not parts:
        return Value("")
    return _TrimSeparators(_Joined(*parts) if len(parts) > 1 else parts[0])


@functools.cache
def paths_of(model: type[models.Model]) -> tuple[RelatedPath, ...]:
    return tuple(resolve(model, path) for path in getattr(model, "related_search_paths", ()))


@functools.cache
def _registry() -> tuple[dict, dict]:
    """Every path of every installed model, by the model whose own text it brings and by its link rows."""
    by_source: dict[type[models.Model], list[RelatedPath]] = defaultdict(list)
    by_link: dict[type[models.Model], list[RelatedPath]] = defaultdict(list)
    for model in apps.get_models():
        for path in paths_of(model):
            by_source[path.source].append(path)
            if path.link is not None:
                by_link[path.link].append(path)
    return dict(by_source), dict(by_link)


def refresh(model: type[models.Model], condition: Q) -> int:
    """Recompute the related search text of the rows of `model` meeting `condition`, in one UPDATE."""
    expression = related_text_expression(model, getattr(model, "related_search_paths", ()))
    return model._default_manager.filter(condition).update(**{RELATED_FIELD: expression})


def refresh_dependents(source: type[models.Model], pks: Iterable[Any]) -> None:
    """After the own search text of these rows of `source` changed: one UPDATE per path that reaches `source`.

    Per path, not per kind of record: `id IN (…) OR id IN (…)` hides from PostgreSQL's planner how few rows match,
    and on an estimate of thousands it compiled the statement (JIT) for longer than it ran.
    """
    pks = list(pks)
    for path in _registry()[0].get(source, ()):
        linking = path.target._default_manager.filter(**{f"{path.path}__in": pks}).values("pk")
        refresh(path.target, Q(pk__in=linking))


def _foreign_keys_in(model: type[models.Model]) -> set[str]:
    return {path.path for path in paths_of(model) if path.link is None}


def record_saved(
    instance: models.Model, *, created: bool, own_text_changed: bool, update_fields: Iterable[str] | None
) -> None:
    """What SearchableModel.save() calls once the row is written."""
    model = instance._meta.concrete_model
    if paths_of(model) and (created or update_fields is None or _foreign_keys_in(model) & set(update_fields)):
        refresh(model, Q(pk=instance.pk))
    if own_text_changed and not created:
        refresh_dependents(model, [instance.pk])


# Link rows: through tables, a delegation's members, a partner's contacts.


def _refresh_targets(targets: dict[type[models.Model], set]) -> None:
    for target, pks in targets.items():
        pks.discard(None)
        if pks:
            refresh(target, Q(pk__in=pks))


def _link_row_saving(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    # Moved to another target (a contact to another partner)? The one it leaves must be refreshed too.
    if instance._state.adding or instance.pk is None:
        return
    columns = [path.link_field for path in _registry()[1].get(sender, ())]
    instance._search_links_before = sender._default_manager.filter(pk=instance.pk).values(*columns).first() or {}


def _link_row_saved(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    before = instance.__dict__.pop("_search_links_before", {})
    targets: dict[type[models.Model], set] = defaultdict(set)
    for path in _registry()[1].get(sender, ()):
        targets[path.target] |= {getattr(instance, path.link_field), before.get(path.link_field)}
    _refresh_targets(targets)


def _link_row_deleted(sender: type[models.Model], instance: models.Model, origin: Any = None, **kwargs: Any) -> None:
    targets: dict[type[models.Model], set] = defaultdict(set)
    for path in _registry()[1].get(sender, ()):
        pk = getattr(instance, path.link_field)
        # A delegation being deleted takes its members along: nothing is left to refresh.
        if not (isinstance(origin, path.target) and origin.pk == pk):
            targets[path.target].add(pk)
    _refresh_targets(targets)


def _links_changed(
    sender: type[models.Model], instance: models.Model, action: str, pk_set: set | None, **kwargs: Any
) -> None:
    for path in _registry()[1].get(sender, ()):
        if isinstance(instance, path.target):  # agreement.partners.add(…): the instance is the target
            if action in ("post_add", "post_remove", "post_clear"):
                refresh(path.target, Q(pk=instance.pk))
        elif action in ("post_add", "post_remove"):  # partner.agreements.add(…): pk_set holds the targets
            refresh(path.target, Q(pk__in=pk_set or ()))
        elif action == "pre_clear":
            linked = path.target._default_manager.filter(**{path.path: instance.pk}).values_list("pk", flat=True)
            instance._search_cleared = list(linked)
        elif action == "post_clear":
            refresh(path.target, Q(pk__in=instance.__dict__.pop("_search_cleared", [])))


def connect_link_signals(*models_declaring_paths: type[models.Model]) -> None:
    """Keep the related text of these models current when their link rows change. From AppConfig.ready()."""
    for model in models_declaring_paths:
        for path in paths_of(model):
            if path.link is None:
                continue  # a foreign key on the record itself: its own save refreshes it
            uid = f"foreignaffairs.search.related_text:{path.link._meta.label}"
            post_save.connect(_link_row_saved, sender=path.link, dispatch_uid=uid)
            if path.through:
                m2m_changed.connect(_links_changed, sender=path.link, dispatch_uid=uid)
            else:
                pre_save.connect(_link_row_saving, sender=path.link, dispatch_uid=uid)
                post_delete.connect(_link_row_deleted, sender=path.link, dispatch_uid=uid)
