"""What importing a table would do, row by row, worked out without writing anything.

Each row is found by the kind's natural key among the records read once for the whole preview (Lookups), then
becomes a record to create, a record to update (each changed field from → to), a record unchanged, or a row refused
with a reason per cell. Only the columns the sheet has are compared and written: a sheet without a "notes" column
leaves every note as it is; an empty cell in a column the sheet has empties the field. A record's key fields are
never rewritten by an import: "Tinh Chungcheongnam" finds Tỉnh Chungcheongnam and leaves its name alone.

The record's own rules decide (`full_clean`, Model.clean), as in the admin. What full_clean would ask the database
row by row (does the foreign key exist, is the name unique in its country) is answered from what the preview has
read: the foreign keys are records it found, and the model's unique constraints are checked against the records
read and the rows above.
"""

import copy
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Model, UniqueConstraint
from django.utils.translation import gettext as _

from foreignaffairs.imports.cells import CellError, Lookups, cell_text
from foreignaffairs.imports.headers import match_headers
from foreignaffairs.imports.kinds import Column, ImportKind
from foreignaffairs.imports.workbook import Table
from foreignaffairs.text_search import fold

CREATE, UPDATE, UNCHANGED, REFUSED = "create", "update", "unchanged", "refused"


@dataclass
class Change:
    column: str
    before: str
    after: str


@dataclass
class RowPlan:
    number: int
    action: str
    label: str
    changes: list[Change] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    record: Model | None = None
    # The stored record's last_updated when the preview read it: the import refuses to write over a newer one.
    loaded_version: Any = None
    # Many-to-many links to write once the record is saved: field -> the records it links (all of them).
    links: dict[str, tuple] = field(default_factory=dict)
    # The record as stored when the preview read it (an update's "from"), for a kind's after_write.
    stored: Model | None = None


@dataclass
class Plan:
    kind: ImportKind
    file_name: str
    rows: list[RowPlan]
    extra_columns: list[str]

    def of(self, action: str) -> list[RowPlan]:
        return [row for row in self.rows if row.action == action]

    @property
    def counts(self) -> dict[str, int]:
        return {action: len(self.of(action)) for action in (CREATE, UPDATE, UNCHANGED, REFUSED)}

    @property
    def writes(self) -> bool:
        return any(row.action in (CREATE, UPDATE) for row in self.rows)

    @property
    def digest(self) -> str:
        """What the preview showed, as a fingerprint: confirming writes only if a new preview gives the same."""
        shown = [
            (row.number, row.action, row.label, [(c.column, c.before, c.after) for c in row.changes], row.errors)
            for row in self.rows
        ]
        return hashlib.sha256(json.dumps(shown, ensure_ascii=False).encode()).hexdigest()


def cell_message(number: int, header: str, message: str) -> str:
    return _("Dòng %(row)s, cột %(column)s: %(message)s") % {"row": number, "column": header, "message": message}


def row_message(number: int, message: str) -> str:
    return _("Dòng %(row)s: %(message)s") % {"row": number, "message": message}


def _is_empty(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def _key_part(value: Any) -> Any:
    if isinstance(value, Model):
        return ("pk", value.pk) if value.pk is not None else ("new", id(value))
    return fold(value) if isinstance(value, str) else value


def _related_value(record: Model, field_name: str) -> Any:
    """A field's value for comparing records: a related record by its identity, even one not saved yet."""
    model_field = record._meta.get_field(field_name)
    if model_field.is_relation:
        related = model_field.get_cached_value(record, None)
        if related is not None:
            return _key_part(related)
        return ("pk", getattr(record, model_field.attname))
    return getattr(record, model_field.attname)


class _Uniqueness:
    """The model's unique constraints, checked against the records read and the rows planned above. A constraint
    with a condition is taken as the usual "unless empty" (an agreement's reference number is unique when there is
    one): values empty are never taken."""

    def __init__(self, model: type[Model], records: list[Model]):
        self.constraints = [
            constraint
            for constraint in model._meta.constraints
            if isinstance(constraint, UniqueConstraint) and constraint.fields
        ]
        self.taken: list[dict[tuple, Any]] = []
        for constraint in self.constraints:
            taken = {}
            for record in records:
                values = self._values(constraint, record)
                if values is not None:
                    taken[values] = record.pk
            self.taken.append(taken)

    @staticmethod
    def _values(constraint: UniqueConstraint, record: Model) -> tuple | None:
        values = tuple(_related_value(record, name) for name in constraint.fields)
        if constraint.condition is not None and any(value in ("", None) for value in values):
            return None
        return values

    def violations(self, record: Model) -> list[str]:
        messages = []
        for constraint, taken in zip(self.constraints, self.taken, strict=True):
            values = self._values(constraint, record)
            holder = taken.get(values) if values is not None else None
            if holder is not None and holder != (record.pk or id(record)):
                messages.append(str(constraint.get_violation_error_message()))
        return messages

    def claim(self, record: Model) -> None:
        for constraint, taken in zip(self.constraints, self.taken, strict=True):
            values = self._values(constraint, record)
            if values is not None:
                taken[values] = record.pk or id(record)


def _filled(value: Any) -> bool:
    return value not in (None, "", ())


def build_plan(kind: ImportKind, table: Table, file_name: str) -> Plan:
    match = match_headers(kind, table.headers, file_name)
    headers = {column.field: table.headers[position] for position, column in match.columns.items()}
    lookups = Lookups(kind.loaders)
    records = lookups.records(kind.model)
    # One index per key; an alternate key indexes only the records that fill it (no reference number, no entry).
    existing: list[dict[tuple, list[Model]]] = []
    for position, key in enumerate(kind.keys):
        index: dict[tuple, list[Model]] = {}
        alternate = position < len(kind.alternate_keys)
        for record in records:
            parts = [getattr(record, name) for name in key]
            if alternate and not all(_filled(part) for part in parts):
                continue
            index.setdefault(tuple(_key_part(part) for part in parts), []).append(record)
        existing.append(index)
    uniqueness = _Uniqueness(kind.model, records)
    planner = _RowPlanner(kind, match.columns, headers, lookups, existing, uniqueness)
    rows = [planner.plan(number, cells) for number, cells in table.rows]
    return Plan(kind=kind, file_name=file_name, rows=[row for row in rows if row], extra_columns=match.extra)


@dataclass
class _RowPlanner:
    kind: ImportKind
    columns: dict[int, Column]
    headers: dict[str, str]
    lookups: Lookups
    existing: list[dict[tuple, list[Model]]]
    uniqueness: _Uniqueness
    keys_seen: dict[tuple, int] = field(default_factory=dict)

    def plan(self, number: int, cells: list[Any]) -> RowPlan | None:
        raws = {
            column.field: cells[position] if position < len(cells) else None
            for position, column in self.columns.items()
        }
        if all(_is_empty(raw) for raw in raws.values()):
            return None  # a row with something only in ignored columns
        values, errors = {}, []
        for column in self.columns.values():
            raw = raws[column.field]
            try:
                values[column.field] = column.cell.empty if _is_empty(raw) else column.cell.parse(raw, self.lookups)
            except CellError as error:
                errors.append(cell_message(number, self.headers[column.field], error.message))
        label = " · ".join(cell_text(raws.get(name)) for name in self.kind.key if cell_text(raws.get(name)))
        refused = RowPlan(number=number, action=REFUSED, label=label, errors=errors)
        found, identity = self._find(number, raws, values, refused)
        if found is None and refused.errors is not errors:
            return refused  # the key finds no record where it must, or two
        if found is None:
            required = [
                column
                for column in self.kind.key_columns
                if _is_empty(raws.get(column.field)) and column.field not in self.kind.optional_key
            ]
            if required:
                refused.errors = [
                    cell_message(
                        number,
                        self.headers.get(column.field, self.kind.header(column)),
                        _("ô này không được để trống."),
                    )
                    for column in required
                ] + errors
                return refused
            if any(name not in values for name in self.kind.key):
                return refused
            identity = ("key", *(_key_part(values[name]) for name in self.kind.key))
        if identity in self.keys_seen:
            refused.errors.append(
                row_message(
                    number,
                    _("trùng với dòng %(row)s (cùng %(key)s).")
                    % {"row": self.keys_seen[identity], "key": self._key_names()},
                )
            )
            return refused
        self.keys_seen[identity] = number
        if errors:
            return refused
        stored, found_by = found if found is not None else (None, ())
        record, changes, links = self._merged(stored, values, found_by)
        refused.errors = self._validate(number, stored, record, values)
        if refused.errors:
            return refused
        self.uniqueness.claim(record)
        if stored is None:
            self.lookups.add_pending(record)
            return RowPlan(number=number, action=CREATE, label=str(record), record=record, links=links)
        action = UPDATE if changes else UNCHANGED
        return RowPlan(
            number=number,
            action=action,
            label=str(stored),
            changes=changes,
            record=record if changes else None,
            loaded_version=getattr(stored, "last_updated", None),
            links=links,
            stored=stored,
        )

    def _find(
        self, number: int, raws: dict[str, Any], values: dict[str, Any], refused: RowPlan
    ) -> tuple[tuple[Model, tuple[str, ...]] | None, tuple | None]:
        """The stored record the row is about and the key that found it, by the first key the row fills that finds
        one. A row naming an id that no record has, or a key two records answer to, is refused (errors added)."""
        alternates = len(self.kind.alternate_keys)
        for position, key in enumerate(self.kind.keys):
            if any(name not in values for name in key):
                continue
            if position < alternates and any(_is_empty(raws.get(name)) for name in key):
                continue
            parts = tuple(_key_part(values[name]) for name in key)
            earlier = [k for k in self.kind.keys[:position] if all(_filled(values.get(name)) for name in k)]
            found = [
                record
                for record in self.existing[position].get(parts, [])
                if not any(self._contradicts(record, k, values) for k in earlier)
            ]
            if len(found) > 1:
                refused.errors = [
                    *refused.errors,
                    row_message(
                        number,
                        _("khớp với nhiều bản ghi: %(candidates)s. Hãy sửa để chỉ còn một.")
                        % {"candidates": "; ".join(str(record) for record in found)},
                    ),
                ]
                return None, None
            if found:
                return (found[0], key), ("pk", found[0].pk)
            if key == (self.kind.model._meta.pk.name,):
                refused.errors = [
                    *refused.errors,
                    cell_message(
                        number,
                        self.headers[key[0]],
                        _("không có %(kind)s nào mang mã %(value)s.")
                        % {"kind": self.kind.model._meta.verbose_name, "value": values[key[0]]},
                    ),
                ]
                return None, None
        return None, None

    @staticmethod
    def _contradicts(record: Model, key: tuple[str, ...], values: dict[str, Any]) -> bool:
        """Whether `record` fills `key` with something else than the row: another reference number is another
        document, whatever its title."""
        stored = [getattr(record, name) for name in key]
        return all(_filled(part) for part in stored) and tuple(_key_part(part) for part in stored) != tuple(
            _key_part(values[name]) for name in key
        )

    def _merged(
        self, stored: Model | None, values: dict[str, Any], found_by: tuple[str, ...]
    ) -> tuple[Model, list[Change], dict[str, tuple]]:
        """The record the row makes: a new one, or a copy of the stored one with the row's values where they differ
        (the fields of the key that found it kept as stored), those differences, from → to, and the many-to-many
        links to write (all of a new record's, the changed ones of a stored record)."""
        record = copy.copy(stored) if stored else self.kind.model()
        changes, links = [], {}
        for column in self.columns.values():
            if column.field in found_by or self.kind.model_field(column).primary_key:
                continue
            many = self.kind.is_many(column)
            if stored is None:
                before = column.cell.empty
            elif many:
                before = self.lookups.links(self.kind.model, column.field).get(stored.pk, ())
            else:
                before = getattr(stored, column.field)
            after = values[column.field]
            if self._left_to_default(column, after):
                continue
            if stored is not None and column.falls_back_to and not before:
                # The export wrote the fallback in the empty field's place ("Agreement title": the Vietnamese one).
                before_shown = getattr(stored, column.falls_back_to)
                if column.cell.same(before_shown, after):
                    continue
            if stored is None or not column.cell.same(before, after):
                if many:
                    if stored is not None or after:
                        links[column.field] = tuple(after or ())
                else:
                    setattr(record, column.field, after)
                if stored is not None:
                    header = self.headers[column.field]
                    changes.append(Change(header, column.cell.show(before), column.cell.show(after)))
        return record, changes, links

    def _left_to_default(self, column: Column, value: Any) -> bool:
        """An empty cell of a required field that has a default (a delegation's status) says nothing: a new record
        takes the default ("Đề xuất"), a stored one keeps its own. Sheets leave such cells empty far more often than
        they mean to refuse the row."""
        field = self.kind.model_field(column)
        return value in (None, "") and field.has_default() and not field.blank and not field.many_to_many

    def _key_names(self) -> str:
        return ", ".join(self.headers.get(name, name) for name in self.kind.key)

    def _linked_after(self, stored: Model | None, values: dict[str, Any]) -> dict[str, tuple]:
        """Every many-to-many column's records once the row is written: the row's, or the stored ones."""
        linked = {}
        for column in self.kind.columns:
            if not self.kind.is_many(column):
                continue
            if column.field in values:
                linked[column.field] = tuple(values[column.field] or ())
            elif stored is not None:
                linked[column.field] = self.lookups.links(self.kind.model, column.field).get(stored.pk, ())
            else:
                linked[column.field] = ()
        return linked

    def _validate(self, number: int, stored: Model | None, record: Model, values: dict[str, Any]) -> list[str]:
        relations = [f for f in record._meta.concrete_fields if f.is_relation]
        problems: dict[str, list[str]] = {}
        for relation in relations:
            if relation.editable and not relation.blank and _related_value(record, relation.name) == ("pk", None):
                problems.setdefault(relation.name, []).append(str(relation.error_messages["blank"]))
        try:
            record.full_clean(
                exclude=[relation.name for relation in relations], validate_unique=False, validate_constraints=False
            )
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                problems.setdefault(name, []).extend(messages)
        if self.kind.check is not None:
            for name, messages in self.kind.check(stored, record, self._linked_after(stored, values)).items():
                problems.setdefault(name, []).extend(messages)
        for message in self.uniqueness.violations(record):
            problems.setdefault(NON_FIELD_ERRORS, []).append(message)
        return [self._message(number, name, message) for name, messages in problems.items() for message in messages]

    def _message(self, number: int, field_name: str, message: str) -> str:
        if field_name == NON_FIELD_ERRORS:
            return row_message(number, message)
        header = self.headers.get(field_name) or str(self.kind.model._meta.get_field(field_name).verbose_name)
        return cell_message(number, header, message)


def plan_lines(plan: Plan) -> Iterator[str]:
    """The preview as text, for the command: the same counts, changes and reasons as the admin's page."""
    counts = plan.counts
    yield _(
        "Tệp %(name)s: %(create)s tạo mới, %(update)s cập nhật, %(unchanged)s không đổi, %(refused)s bị từ chối."
    ) % {
        "name": plan.file_name,
        **counts,
    }
    if plan.extra_columns:
        yield _("Cột bỏ qua: %(columns)s.") % {"columns": ", ".join(plan.extra_columns)}
    for row in plan.of(CREATE):
        yield "  + " + _("Dòng %(row)s: tạo mới %(label)s") % {"row": row.number, "label": row.label}
    for row in plan.of(UPDATE):
        yield "  ~ " + _("Dòng %(row)s: cập nhật %(label)s") % {"row": row.number, "label": row.label}
        for change in row.changes:
            yield f"      {change.column}: “{change.before}” → “{change.after}”"
    for row in plan.of(REFUSED):
        for error in row.errors:
            yield "  ! " + error
