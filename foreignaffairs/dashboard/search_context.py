"""Why a search result was found, shown under its title: the texts of the record, and of the records it links, that
hold the words its title does not ("nguyen dinh trung" finds Mr. Kim Seokki's visit: "Thành viên: Nguyễn Đình
Trung").

The record's own texts are its `search_fields`, already on the row. The linked records' are read for all the shown
rows of one kind at once, in one query (a UNION ALL of one SELECT per relation), and only when some row was found
through a relation (ranked below RANK_OWN_NAMES), so the page's queries do not grow with its rows.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db.models import Field, IntegerField, Model, TextField, Value
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
class _Path:
    """One relation of the record searched, and the columns holding the names its records are found by."""

    source: str  # what the page calls them: "Thành viên", "Đối tác"
    lookups: tuple[str, ...]  # from the rows searched: "agreement__partners__name_vi", …
    fields: tuple[Field, ...]  # each column's field, which turns the stored text into what a page shows
    country: bool  # a country: its stored code, shown as its Vietnamese and English names


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


def _linked_paths(model: type[Model]) -> list[_Path]:
    record, prefix = _record_model(model)
    paths = []
    for path in record.related_search_paths:
        source = record
        for step in path.split("__"):
            source = source._meta.get_field(step).related_model
        columns = ("code",) if source is Country else source.search_fields
        paths.append(
            _Path(
                _source_name(record, path),
                tuple(f"{prefix}{path}__{column}" for column in columns),
                tuple(source._meta.get_field(column) for column in columns),
                source is Country,
            )
        )
    return paths


def _shown(path: _Path, column: int, stored: str) -> list[str]:
    if path.country:
        return list(dict.fromkeys(country_names(stored)))
    return [str(path.fields[column].to_python(stored))]


def linked_texts(model: type[Model], rows: Sequence[Model]) -> dict[object, list[Text]]:
    """The texts of the records linked to each of `rows` found through a relation, by row id: one query, none if
    every row was found by its own names."""
    wanted = [row.pk for row in rows if getattr(row, "search_rank", 0) < RANK_OWN_NAMES]
    paths = _linked_paths(model)
    if not wanted or not paths:
        return {}
    # One SELECT per relation, its columns side by side, padded with NULLs to the widest, all in one UNION ALL.
    width = max(len(path.lookups) for path in paths)
    names = [f"text_{column}" for column in range(width)]
    base = model._default_manager.filter(pk__in=wanted).order_by()
    selects = []
    for index, path in enumerate(paths):
        columns = [Cast(lookup, TextField()) for lookup in path.lookups]
        columns += [Value(None, output_field=TextField())] * (width - len(columns))
        columns_by_name = dict(zip(names, columns, strict=True))
        annotated = base.annotate(part=Value(index, output_field=IntegerField()), **columns_by_name)
        selects.append(annotated.values_list("pk", "part", *names))
    found: dict[object, list[tuple]] = defaultdict(list)
    for pk, part, *stored in selects[0].union(*selects[1:], all=True):
        found[pk].append((part, stored))
    texts: dict[object, list[Text]] = defaultdict(list)
    for pk, parts in found.items():
        for part, stored in sorted(parts, key=lambda found_part: found_part[0]):
            for column, value in enumerate(stored):
                if value:
                    texts[pk] += [Text(paths[part].source, text) for text in _shown(paths[part], column, value)]
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
    if not missing:
        return []
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
