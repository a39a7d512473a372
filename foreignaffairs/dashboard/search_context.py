"""Why a search result was found, shown under its title: the texts of the record, and of the records it links, that
hold the words its title does not ("nguyen dinh trung" finds Mr. Kim Seokki's visit: "Thành viên: Nguyễn Đình
Trung").

The record's own texts are its `search_fields`, already on the row. The linked records' are read for all the shown
rows of one kind at once, in one query (a UNION ALL of one SELECT per related path and column), and only when some
row was found through a relation (ranked below RANK_OWN_NAMES), so the page's queries do not grow with its rows.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db.models import IntegerField, Model, TextField, Value
from django.db.models.functions import Cast
from django.utils.safestring import SafeString
from django.utils.text import capfirst

from foreignaffairs.dashboard.highlight import excerpt, words_found
from foreignaffairs.search.matching import RANK_OWN_NAMES, search_path
from partners.models import Country, country_names

REASONS_PER_RESULT = 3


@dataclass(frozen=True)
class Text:
    """A text of a record or of one it links, and where it comes from ("Thành viên", "Mục đích")."""

    source: str
    text: str


@dataclass(frozen=True)
class Reason:
    source: str
    html: SafeString


@dataclass(frozen=True)
class _Column:
    source: str
    lookup: str  # from the rows searched: "agreement__partners__name_vi"
    field: object  # the model field, which turns the stored text into what a page shows (a partial date)
    country: bool  # a country: the stored code, shown as its Vietnamese and English names


def _record_model(model: type[Model]) -> tuple[type[Model], str]:
    """The searchable record behind rows of `model` and the lookup prefix leading to it (reviews: agreements)."""
    path = search_path(model)
    record = model
    for name in path.split("__") if path else ():
        record = record._meta.get_field(name).related_model
    return record, f"{path}__" if path else ""


def _source_name(model: type[Model], path: str) -> str:
    field = model._meta.get_field(path.split("__")[0])
    if field.concrete:
        return capfirst(str(field.verbose_name))
    return capfirst(str(field.related_model._meta.verbose_name))  # a reverse relation: a delegation's members


def _name_columns(source: type[Model]) -> tuple[str, ...]:
    return ("code",) if source is Country else source.search_fields


def _linked_columns(model: type[Model]) -> list[_Column]:
    record, prefix = _record_model(model)
    columns = []
    for path in record.related_search_paths:
        source = record._meta.get_field(path.split("__")[0]).related_model
        for step in path.split("__")[1:]:
            source = source._meta.get_field(step).related_model
        for column in _name_columns(source):
            columns.append(
                _Column(
                    _source_name(record, path),
                    f"{prefix}{path}__{column}",
                    source._meta.get_field(column),
                    source is Country,
                )
            )
    return columns


def _shown(column: _Column, stored: str) -> list[str]:
    if column.country:
        return list(dict.fromkeys(country_names(stored)))
    return [str(column.field.to_python(stored))]


def linked_texts(model: type[Model], rows: Sequence[Model]) -> dict[object, list[Text]]:
    """The texts of the records linked to each of `rows` found through a relation, by row id: one query, none if
    every row was found by its own names."""
    wanted = [row.pk for row in rows if getattr(row, "search_rank", 0) < RANK_OWN_NAMES]
    columns = _linked_columns(model)
    if not wanted or not columns:
        return {}
    base = model._default_manager.filter(pk__in=wanted).order_by()
    selects = [
        base.annotate(part=Value(index, output_field=IntegerField()), text=Cast(column.lookup, TextField()))
        .filter(text__gt="")
        .values_list("pk", "part", "text")
        for index, column in enumerate(columns)
    ]
    found: dict[object, list[tuple[int, str]]] = defaultdict(list)
    for pk, part, stored in selects[0].union(*selects[1:], all=True):
        found[pk].append((part, stored))
    texts: dict[object, list[Text]] = defaultdict(list)
    for pk, parts in found.items():
        for part, stored in sorted(parts):
            texts[pk] += [Text(columns[part].source, text) for text in _shown(columns[part], stored)]
    return texts


def own_texts(row: Model) -> list[Text]:
    """The texts search folds into the record's own search text, as the record holds them."""
    record_model, prefix = _record_model(type(row))
    record = row
    for name in prefix.split("__")[:-1]:
        record = getattr(record, name)
    texts = []
    for name in record_model.search_fields:
        value = getattr(record, name)
        if value:
            texts.append(Text(capfirst(str(record_model._meta.get_field(name).verbose_name)), str(value)))
    return texts


def reasons(words: Sequence[str], label: str, texts: Iterable[Text], limit: int = REASONS_PER_RESULT) -> list[Reason]:
    """The fewest texts (at most `limit`) that show the `words` the `label` does not, each cut around its words and
    marked; the text holding most of the missing words first."""
    missing = set(words) - words_found(label, words)
    candidates: list[tuple[Text, set[str]]] = []
    seen = {label}
    for text in texts:
        if text.text in seen:
            continue
        seen.add(text.text)
        if holds := words_found(text.text, missing):
            candidates.append((text, holds))
    chosen = []
    while missing and len(chosen) < limit and candidates:
        text, holds = max(candidates, key=lambda candidate: len(candidate[1] & missing))
        if not holds & missing:
            break
        chosen.append(Reason(text.source, excerpt(text.text, words)))
        missing -= holds
    return chosen
