"""A cell of a sheet turned into the value a field stores, or a reason it cannot be.

Each parser takes what openpyxl or the CSV reader gave (text, a number, a datetime for an Excel date cell) and
returns the field's value; an empty cell is the field's empty value. A parser that names records (`Reference`)
reads the records it may name once per preview (`Lookups`), never once per row, and matches what was typed with
diacritics and case ignored (foreignaffairs.text_search.fold): "Tinh Chungcheongnam" is Tỉnh Chungcheongnam. A
name that fits two records is refused with both named: an import never guesses.
"""

import datetime
import decimal
import functools
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import Model, TextChoices
from django.utils import translation
from django.utils.translation import gettext as _

from foreignaffairs.partial_dates import PartialDate, Precision
from foreignaffairs.text_search import SEPARATOR, fold


class CellError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def cell_text(raw: Any) -> str:
    """A cell as the person typed it: a whole number without ".0", a date as dd/mm/yyyy."""
    if raw is None:
        return ""
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, datetime.datetime | datetime.date):
        return raw.strftime("%d/%m/%Y")
    return str(raw).strip()


class Cell:
    """Text as typed, spaces around it dropped."""

    empty: Any = ""

    def parse(self, raw: Any, lookups: "Lookups") -> Any:
        return cell_text(raw)

    def show(self, value: Any) -> str:
        """The value as the preview and the template write it."""
        return "" if value is None else str(value)

    def same(self, stored: Any, value: Any) -> bool:
        return (stored or self.empty) == (value or self.empty)

    def allowed(self, lookups: "Lookups") -> list[str] | None:
        """The values a dropdown offers in the template, or None for free input."""
        return None


Text = Cell


class PartialDateCell(Cell):
    """An Excel date cell (known to the day), or text dd/mm/yyyy, mm/yyyy, yyyy, kept to what it says."""

    empty = None

    def parse(self, raw: Any, lookups: "Lookups") -> PartialDate | None:
        if isinstance(raw, datetime.datetime | datetime.date):
            return PartialDate.from_date(raw)
        if isinstance(raw, int | float) and float(raw).is_integer() and 1900 <= raw <= 2200:
            return PartialDate(int(raw))  # a year typed into a number cell
        text = cell_text(raw)
        try:
            return PartialDate.parse(text)
        except ValueError:
            raise CellError(_("“%(value)s” không phải là ngày.") % {"value": text}) from None


class DateCell(Cell):
    """A field that keeps a whole date: an Excel date cell or text dd/mm/yyyy; a month or a year alone is refused,
    since the field cannot keep it (the expiry of an agreement is a day)."""

    empty = None

    def parse(self, raw: Any, lookups: "Lookups") -> datetime.date | None:
        if isinstance(raw, datetime.datetime):
            return raw.date()
        if isinstance(raw, datetime.date):
            return raw
        text = cell_text(raw)
        try:
            partial = PartialDate.parse(text)
        except ValueError:
            raise CellError(_("“%(value)s” không phải là ngày.") % {"value": text}) from None
        if partial.precision is not Precision.DAY:
            raise CellError(_("“%(value)s” chưa đủ ngày, tháng, năm (dd/mm/yyyy).") % {"value": text})
        return partial.earliest()

    def show(self, value: Any) -> str:
        return value.strftime("%d/%m/%Y") if value else ""


class YesNo(Cell):
    """A yes/no field: "Có"/"Không" as our export writes it, "x" for yes, yes/no, 1/0, TRUE/FALSE; empty is no."""

    empty = False
    YES = frozenset({"co", "x", "yes", "y", "1", "true", "dung"})
    NO = frozenset({"khong", "no", "n", "0", "false", "sai"})

    def parse(self, raw: Any, lookups: "Lookups") -> bool:
        if isinstance(raw, bool):
            return raw
        text = cell_text(raw)
        folded = fold(text)
        if folded in self.YES:
            return True
        if folded in self.NO:
            return False
        raise CellError(_("“%(value)s” phải là Có hoặc Không.") % {"value": text})

    def show(self, value: Any) -> str:
        return _("Có") if value else _("Không")

    def allowed(self, lookups: "Lookups") -> list[str]:
        return [_("Có"), _("Không")]


_GROUPED = re.compile(r"^-?\d{1,3}(\.\d{3})+(,\d+)?$")  # 61.600.000 or 1.234,5
_PLAIN = re.compile(r"^-?\d+([.,]\d+)?$")  # 1234, 1234,5 or 1234.5


class Number(Cell):
    """A number cell, or text with Vietnamese separators: "61.600.000", "1.234,5", "12,5"."""

    empty = None

    def parse(self, raw: Any, lookups: "Lookups") -> decimal.Decimal | None:
        if isinstance(raw, int | float) and not isinstance(raw, bool):
            return decimal.Decimal(str(raw))
        text = cell_text(raw).replace(" ", "").replace("\u00a0", "")
        if _GROUPED.match(text):
            return decimal.Decimal(text.replace(".", "").replace(",", "."))
        if _PLAIN.match(text):
            return decimal.Decimal(text.replace(",", "."))
        raise CellError(_("“%(value)s” không phải là số.") % {"value": cell_text(raw)})

    def show(self, value: Any) -> str:
        if value is None:
            return ""
        whole, _dot, fraction = f"{value:f}".partition(".")
        grouped = f"{int(whole):,}".replace(",", ".")
        return f"{grouped},{fraction}" if fraction.strip("0") else grouped


class WholeNumber(Number):
    """A count (months, people): a number cell or text, without a fraction."""

    def parse(self, raw: Any, lookups: "Lookups") -> int | None:
        number = super().parse(raw, lookups)
        if number != number.to_integral_value() or number < 0:
            raise CellError(_("“%(value)s” không phải là số nguyên không âm.") % {"value": cell_text(raw)})
        return int(number)


class RecordId(Cell):
    """The id our own export writes in its first column: it finds the record whatever else the row changes."""

    empty = None

    def parse(self, raw: Any, lookups: "Lookups") -> int:
        text = cell_text(raw)
        # isdecimal, not isdigit: "²" and "①" are digits that int() refuses.
        if not (text.isascii() and text.isdecimal()):
            raise CellError(_("“%(value)s” không phải là mã của một bản ghi.") % {"value": text})
        return int(text)


class Choice(Cell):
    """One of a field's choices, by its code ("city") or its label in Vietnamese or English ("Thành phố", "City")."""

    def __init__(self, choices: type[TextChoices]):
        self.choices = choices

    @functools.cached_property
    def _names(self) -> dict[str, str]:
        # Worked out once per column: the labels in two languages and their folding, 2,000 rows over, took 4 s.
        names = {}
        for value, label in self.choices.choices:
            names[fold(value)] = value
            for language in ("vi", "en"):
                with translation.override(language):
                    names.setdefault(fold(str(label)), value)
        return names

    def parse(self, raw: Any, lookups: "Lookups") -> str:
        text = cell_text(raw)
        value = self._names.get(fold(text))
        if value is None:
            raise CellError(
                _("“%(value)s” không có trong danh sách (xem trang Danh mục của tệp mẫu).") % {"value": text}
            )
        return value

    def show(self, value: Any) -> str:
        return str(self.choices(value).label) if value else ""

    def allowed(self, lookups: "Lookups") -> list[str]:
        return [str(label) for _value, label in self.choices.choices]


class Lookups:
    """What one preview reads once: every record of each model a column names, and the names that find them.

    Rows the preview plans to create are added as they are planned (`add_pending`), so a row may name a record
    created by a row above it (a district under a city new in the same file).
    """

    def __init__(self, loaders: dict[type[Model], Callable[[], Iterable[Model]]] | None = None):
        self.loaders = loaders or {}
        self._records: dict[type[Model], list[Model]] = {}
        self._names: dict[type[Model], dict[str, list[Model]]] = {}
        self._links: dict[tuple[type[Model], str], dict[Any, tuple[Model, ...]]] = {}

    def records(self, model: type[Model]) -> list[Model]:
        if model not in self._records:
            loader = self.loaders.get(model) or model._default_manager.all
            self._records[model] = list(loader())
        return self._records[model]

    def by_name(self, model: type[Model]) -> dict[str, list[Model]]:
        if model not in self._names:
            names: dict[str, list[Model]] = defaultdict(list)
            for record in self.records(model):
                for name in names_of(record):
                    names[name].append(record)
            self._names[model] = names
        return self._names[model]

    def links(self, model: type[Model], field_name: str) -> dict[Any, tuple[Model, ...]]:
        """The records each record of `model` links through its many-to-many `field_name`, by the record's pk: one
        query on the link table, the linked records being those `records()` read."""
        if (model, field_name) not in self._links:
            relation = model._meta.get_field(field_name)
            through = relation.remote_field.through
            source = through._meta.get_field(relation.m2m_field_name()).attname
            target = through._meta.get_field(relation.m2m_reverse_field_name()).attname
            by_pk = {record.pk: record for record in self.records(relation.related_model)}
            linked: dict[Any, list[Model]] = defaultdict(list)
            for source_pk, target_pk in through._default_manager.order_by("pk").values_list(source, target):
                linked[source_pk].append(by_pk[target_pk])
            self._links[(model, field_name)] = {pk: tuple(records) for pk, records in linked.items()}
        return self._links[(model, field_name)]

    def add_pending(self, record: Model) -> None:
        if not hasattr(record, "compute_search_text"):
            return  # a record no cell names (a delegation's member): nothing to find it by
        names = self.by_name(type(record))
        for name in names_of(record):
            names[name].append(record)


def names_of(record: Model) -> set[str]:
    """The folded names a record is found by: each part of its search text (name in each language, abbreviation,
    and for a country its Vietnamese, English and everyday names and its code)."""
    text = record.search_text if record.pk else record.compute_search_text()
    return {part for part in text.split(SEPARATOR) if part}


class Reference(Cell):
    """A record named by any of its names, diacritics and case ignored; `describe` tells two namesakes apart."""

    empty = None

    def __init__(self, model: type[Model], describe: Callable[[Model], str] = str):
        self.model = model
        self.describe = describe

    def parse(self, raw: Any, lookups: Lookups) -> Model:
        text = cell_text(raw)
        found = lookups.by_name(self.model).get(fold(text), [])
        found = list({id(record): record for record in found}.values())
        if len(found) > 1:
            # Written exactly as stored (diacritics and all) decides between a name and its look-alike.
            exact = [record for record in found if text.casefold() in self.exact_names(record)]
            found = exact if len(exact) == 1 else found
        if not found:
            raise CellError(
                _("không tìm thấy %(kind)s “%(value)s”.") % {"kind": self.model._meta.verbose_name, "value": text}
            )
        if len(found) > 1:
            raise CellError(
                _("“%(value)s” khớp với nhiều %(kind)s: %(candidates)s. Hãy ghi đúng tên của một trong số đó.")
                % {
                    "value": text,
                    "kind": self.model._meta.verbose_name,
                    "candidates": "; ".join(sorted(self.describe(record) for record in found)),
                }
            )
        return found[0]

    def exact_names(self, record: Model) -> set[str]:
        """The record's names as stored, diacritics and all, case ignored."""
        return _exact_names(record)

    def show(self, value: Any) -> str:
        return "" if value is None else str(value)

    def same(self, stored: Any, value: Any) -> bool:
        if stored is None or value is None:
            return stored is value
        return stored.pk is not None and stored.pk == value.pk


def _exact_names(record: Model) -> set[str]:
    names = set()
    for attribute in ("name_vi", "name_en", "name_native", "abbreviation", "full_name"):
        value = getattr(record, attribute, "")
        if value:
            names.add(str(value).casefold())
    return names


class CountryCell(Reference):
    """A country by its Vietnamese, English or everyday name, or its ISO code: "Hàn Quốc", "Korea", "KR"."""

    def exact_names(self, record: Model) -> set[str]:
        # A country's names are no field of its own (partners.countries names it by its code). "Bỉ" folds to "bi",
        # Burundi's code: written with its diacritics it is Belgium.
        return country_names(record)

    def allowed(self, lookups: Lookups) -> list[str]:
        with translation.override("vi"):
            return sorted(str(record) for record in lookups.records(self.model))


def country_names(record: Model) -> set[str]:
    names = {str(record.code).casefold()}
    for language in ("vi", "en"):
        with translation.override(language):
            names.add(str(record).casefold())
    return names


# How our export joins several records in one cell (foreignaffairs.lists.listing.join); a line break too, as a person
# types in a cell with Alt+Enter.
MANY_SEPARATORS = re.compile(r"\s*[;\n]\s*")


class ManyReference(Reference):
    """Several records in one cell, separated by ";" as the export writes them (or one per line): each named as
    Reference names one. Their order does not matter; the same set is no change."""

    empty: Any = ()

    def parse(self, raw: Any, lookups: Lookups) -> tuple[Model, ...]:
        found, messages = {}, []
        for name in MANY_SEPARATORS.split(cell_text(raw)):
            if not name:
                continue
            try:
                record = super().parse(name, lookups)
            except CellError as error:
                messages.append(error.message)
            else:
                found.setdefault(record.pk or id(record), record)
        if messages:
            raise CellError(" ".join(messages))
        return tuple(found.values())

    def show(self, value: Any) -> str:
        return "; ".join(str(record) for record in value or ())

    def same(self, stored: Any, value: Any) -> bool:
        stored_pks = {record.pk for record in stored or ()}
        pks = {record.pk for record in value or ()}
        return None not in pks and stored_pks == pks


class ManyCountries(ManyReference):
    """Several countries in one cell ("Hàn Quốc; Nhật Bản"), each named as CountryCell names one."""

    exact_names = CountryCell.exact_names
