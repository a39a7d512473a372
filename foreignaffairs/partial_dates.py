"""Dates known only to the month or the year.

Historical records have gaps: the Chungcheongnam agreement was signed in "August 2025", agency documents exist
"since 2007". Such a date is stored as the ISO 8601 string of exactly what is known ("2025-08", "2007",
"2025-08-14"), never padded with an invented day. ISO strings of this shape sort in time order as plain text,
so ordering and range filters work in the database with no extra column: "2025-08" sorts after "2025-07-31" and
before "2025-08-01".
"""

import calendar
import contextlib
import datetime
import re
from dataclasses import dataclass
from enum import Enum
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models.query_utils import DeferredAttribute
from django.utils.translation import gettext_lazy as _


class Precision(Enum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


_ISO = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d{1,2})(?:-(?P<day>\d{1,2}))?)?$")
_LOCAL = re.compile(r"^(?:(?:(?P<day>\d{1,2})[/.])?(?P<month>\d{1,2})[/.])?(?P<year>\d{4})$")


def add_months(day: datetime.date, months: int) -> datetime.date:
    """`day` moved by whole months, clamped to the month's last day (31/01 + 1 month = 28/02 or 29/02)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True, order=True)
class PartialDate:
    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> "PartialDate":
        """Read `dd/mm/yyyy`, `mm/yyyy`, `yyyy` or ISO `yyyy-mm-dd`, `yyyy-mm`; raise ValueError otherwise."""
        text = (text or "").strip()
        match = _ISO.match(text) or _LOCAL.match(text)
        if not match:
            raise ValueError(text)
        year = int(match["year"])
        month = int(match["month"]) if match["month"] else None
        day = int(match["day"]) if match["day"] else None
        # datetime.date rejects 31/02 and month 13 for us.
        datetime.date(year, month or 1, day or 1)
        if year < 1900:
            raise ValueError(text)
        return cls(year, month, day)

    @classmethod
    def from_date(cls, value: datetime.date) -> "PartialDate":
        return cls(value.year, value.month, value.day)

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return Precision.DAY
        return Precision.MONTH if self.month is not None else Precision.YEAR

    def isoformat(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def earliest(self) -> datetime.date:
        """The first day the date may stand for: what a deadline counted from it starts at."""
        return datetime.date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> datetime.date:
        """The last day the date may stand for: when a deadline given to the month or year is surely past."""
        if self.month is None:
            return datetime.date(self.year, 12, 31)
        if self.day is None:
            return datetime.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        return datetime.date(self.year, self.month, self.day)

    def plus_months(self, months: int) -> "PartialDate":
        """The date `months` later, known exactly as well as this one: 08/2025 + 12 months is 08/2026, never an
        invented 01/08/2026.

        A year moved by a part of a year spans two years ("2007" + 6 months is 07/2007–06/2008); it is given as
        the later one, so that a deadline counted from it is never called past before it surely is.
        """
        if self.precision is Precision.DAY:
            return PartialDate.from_date(add_months(self.earliest(), months))
        if self.precision is Precision.MONTH:
            moved = add_months(self.earliest(), months)
            return PartialDate(moved.year, moved.month)
        return PartialDate(add_months(self.latest(), months).year)

    def __str__(self) -> str:
        """As staff read it: 14/08/2025, 08/2025 or 2025."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.month:02d}/{self.year:04d}"
        return f"{self.day:02d}/{self.month:02d}/{self.year:04d}"


def ends_before_start(start: PartialDate | None, end: PartialDate | None) -> bool:
    """True when `end` is surely before `start`, comparing only what both dates know.

    Something "in 2025" may end in 03/2025 but not in 2024; "2025-03" ends before "2025-04-10".
    """
    if not start or not end:
        return False
    start_text, end_text = start.isoformat(), end.isoformat()
    return end_text < start_text[: len(end_text)]


# How a partial date may be typed, shown in every box that takes one (forms and list filters).
PARTIAL_DATE_PLACEHOLDER = "dd/mm/yyyy · mm/yyyy · yyyy"


class PartialDateFormField(forms.CharField):
    default_error_messages = {
        "invalid": _(
            "Ngày không hợp lệ. Nhập ngày đầy đủ (dd/mm/yyyy), chỉ tháng (mm/yyyy) hoặc chỉ năm (yyyy); "
            "để trống nếu chưa rõ."
        ),
    }

    def __init__(self, **kwargs: Any) -> None:
        # The cleaned value is a PartialDate, which a max-length validator cannot measure; the widget limits input.
        kwargs.pop("max_length", None)
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"placeholder": PARTIAL_DATE_PLACEHOLDER, "size": 12, "maxlength": 10})
        )
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        return str(value) if isinstance(value, PartialDate) else value

    def to_python(self, value: Any) -> PartialDate | None:
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            return PartialDate.parse(value)
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid", params={"value": value}) from None


class PartialDateDescriptor(DeferredAttribute):
    """Turns an assigned string ("2025-08", "08/2025") into a PartialDate, so the attribute has one type."""

    def __set__(self, instance: models.Model, value: Any) -> None:
        # An unreadable value is kept as given, for full_clean() to report.
        with contextlib.suppress(ValidationError):
            value = self.field.to_python(value)
        instance.__dict__[self.field.attname] = value


class PartialDateField(models.CharField):
    """A date stored with its precision as an ISO 8601 string; empty when unknown."""

    descriptor_class = PartialDateDescriptor
    description = _("Ngày (có thể chỉ biết tháng hoặc năm)")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["max_length"] = 10
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> tuple[str, str, list, dict]:
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("max_length", None)
        return name, path, args, kwargs

    def from_db_value(self, value: str | None, expression: Any, connection: BaseDatabaseWrapper) -> PartialDate | None:
        return self.to_python(value)

    def to_python(self, value: Any) -> PartialDate | None:
        if isinstance(value, PartialDate) or value is None:
            return value
        if isinstance(value, datetime.date):
            return PartialDate.from_date(value)
        if value == "":
            return None
        try:
            return PartialDate.parse(value)
        except ValueError:
            raise ValidationError(PartialDateFormField.default_error_messages["invalid"], code="invalid") from None

    def get_prep_value(self, value: Any) -> str:
        if isinstance(value, PartialDate):
            return value.isoformat()
        if isinstance(value, datetime.date):
            return PartialDate.from_date(value).isoformat()
        return "" if value is None else value

    def run_validators(self, value: Any) -> None:
        # CharField's max-length validator measures a string, not our value object.
        super().run_validators(self.get_prep_value(value))

    def value_to_string(self, obj: models.Model) -> str:
        return self.get_prep_value(self.value_from_object(obj))

    def formfield(self, **kwargs: Any) -> forms.Field | None:
        return super().formfield(**{"form_class": PartialDateFormField, **kwargs})
