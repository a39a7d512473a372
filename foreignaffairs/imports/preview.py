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
    """The model's unique constraints, checked against the records read and the rows planned above."""

    def __init__(self, model: type[Model], records: list[Model]):
        self.constraints = [
            constraint
            for constraint in model._meta.constraints
            if isinstance(constraint, UniqueConstraint) and constraint.fields and constraint.condition is None
        ]
        self.taken: list[dict[tuple, Any]] = []
        for constraint in self.constraints:
            taken = {}
            for record in records:
                taken[self._values(constraint, record)] = record.pk
            self.taken.append(taken)

    @staticmethod
    def _values(constraint: UniqueConstraint, record: Model) -> tuple:
        return tuple(_related_value(record, name) for name in constraint.fields)

    def violations(self, record: Model) -> list[str]:
        messages = []
        for constraint, taken in zip(self.constraints, self.taken, strict=True):
            holder = taken.get(self._values(constraint, record))
            if holder is not None and holder != (record.pk or id(record)):
                messages.append(str(constraint.get_violation_error_message()))
        return messages

    def claim(self, record: Model) -> None:
        for constraint, taken in zip(self.constraints, self.taken, strict=True):
            taken[self._values(constraint, record)] = record.pk or id(record)


def build_plan(kind: ImportKind, table: Table, file_name: str) -> Plan:
    match = match_headers(kind, table.headers, file_name)
    headers = {column.field: table.headers[position] for position, column in match.columns.items()}
    lookups = Lookups(kind.loaders)
    existing: dict[tuple, list[Model]] = {}
    records = lookups.records(kind.model)
    for record in records:
        existing.setdefault(tuple(_key_part(getattr(record, name)) for name in kind.key), []).append(record)
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
    existing: dict[tuple, list[Model]]
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
        label = " · ".join(cell_text(raws[name]) for name in self.kind.key if cell_text(raws[name]))
        refused = RowPlan(number=number, action=REFUSED, label=label, errors=errors)
        key_columns = self.kind.key_columns
        blank_keys = [column for column in key_columns if _is_empty(raws[column.field])]
        if blank_keys:
            refused.errors = [
                cell_message(number, self.headers[column.field], _("ô này không được để trống."))
                for column in blank_keys
            ] + errors
            return refused
        if any(column.field not in values for column in key_columns):
            return refused
        key = tuple(_key_part(values[name]) for name in self.kind.key)
        if key in self.keys_seen:
            refused.errors.append(
                row_message(
                    number,
                    _("trùng với dòng %(row)s (cùng %(key)s).")
                    % {"row": self.keys_seen[key], "key": self._key_names()},
                )
            )
            return refused
        self.keys_seen[key] = number
        found = self.existing.get(key, [])
        if len(found) > 1:
            refused.errors.append(
                row_message(
                    number,
                    _("khớp với nhiều bản ghi: %(candidates)s. Hãy sửa để chỉ còn một.")
                    % {"candidates": "; ".join(str(record) for record in found)},
                )
            )
            return refused
        if errors:
            return refused
        stored = found[0] if found else None
        record, changes = self._merged(stored, values)
        refused.errors = self._validate(number, record)
        if refused.errors:
            return refused
        self.uniqueness.claim(record)
        if stored is None:
            self.lookups.add_pending(record)
            return RowPlan(number=number, action=CREATE, label=str(record), record=record)
        action = UPDATE if changes else UNCHANGED
        return RowPlan(
            number=number,
            action=action,
            label=str(stored),
            changes=changes,
            record=record if changes else None,
            loaded_version=getattr(stored, "last_updated", None),
        )

    def _merged(self, stored: Model | None, values: dict[str, Any]) -> tuple[Model, list[Change]]:
        """The record the row makes: a new one, or a copy of the stored one with the row's values where they differ
        (its key fields kept as stored), and those differences, from → to."""
        record = copy.copy(stored) if stored else self.kind.model()
        changes = []
        for column in self.columns.values():
            if stored is not None and column.field in self.kind.key:
                continue
            before = getattr(stored, column.field) if stored is not None else column.cell.empty
            after = values[column.field]
            if stored is None or not column.cell.same(before, after):
                setattr(record, column.field, after)
                if stored is not None:
                    header = self.headers[column.field]
                    changes.append(Change(header, column.cell.show(before), column.cell.show(after)))
        return record, changes

    def _key_names(self) -> str:
        return ", ".join(self.headers[name] for name in self.kind.key)

    def _validate(self, number: int, record: Model) -> list[str]:
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
