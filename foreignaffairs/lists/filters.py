"""Filter pieces every list shares: folded search, dates in both notations, day counts, countries, stable order.

The FilterSets built from these serve the dashboards, the CSV/JSON export and the API alike, so a bad value
must come back as a form error (a 400 in the API), never as an exception from the database.
"""

import functools
import html
from typing import Any

import django_filters
import django_filters.fields
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q, QuerySet
from django.forms.renderers import BaseRenderer
from django.forms.utils import flatatt
from django.http import HttpRequest, QueryDict
from django.utils import translation
from django.utils.functional import Promise, lazy
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from foreignaffairs.partial_dates import PARTIAL_DATE_PLACEHOLDER, PartialDate, PartialDateFormField
from foreignaffairs.search.matching import search_filter

# A century. Longer is surely a typo, and a count in the millions would carry today past the year 9999, where
# date arithmetic fails with an error instead of a form error.
MAX_DAYS = 36500


class PartialDateBoundField(PartialDateFormField):
    """A date, a month or a year, typed the ways the system itself writes them: 14/02/2026, 2026-02-14, 08/2025,
    2025-08 or 2025, whatever the language. The error quotes what was typed."""

    default_error_messages = {
        "invalid": _(
            "Ngày “%(value)s” không hợp lệ. Nhập ngày (dd/mm/yyyy), tháng (mm/yyyy) hoặc năm (yyyy), "
            "ví dụ 14/02/2026, 08/2025 hoặc 2025."
        ),
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.TextInput(attrs={"placeholder": PARTIAL_DATE_PLACEHOLDER, "size": 12}))
        super().__init__(**kwargs)


class DaysField(forms.IntegerField):
    """A number of days from today: whole, not negative, below a century."""

    default_error_messages = {
        "invalid": _("Số ngày phải là một số nguyên, ví dụ 30."),
        "min_value": _("Số ngày không được âm (đã nhập %(value)s)."),
        "max_value": _("Số ngày quá lớn (tối đa %(limit_value)s)."),
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", MAX_DAYS)
        super().__init__(**kwargs)


class CountryCodeField(django_filters.fields.ChoiceField):
    """An ISO 3166 code such as KR; lower case is accepted. Its first option, "all", filters nothing.

    django-filter's ChoiceField rather than Django's: Django's has no empty option, so a form submitted untouched
    chose the first country in the list and filtered every list to Korea.
    """

    default_error_messages = {
        "invalid_choice": _("Mã quốc gia “%(value)s” không hợp lệ. Dùng mã ISO hai chữ cái, ví dụ KR, JP."),
    }

    def to_python(self, value: str | None) -> str:
        return super().to_python(value).strip().upper()

    def prepare_value(self, value: Any) -> Any:
        # The select shows what the filter applies: "?country=kr" filters Korea, so "KR" is the option selected.
        return value.strip().upper() if isinstance(value, str) else value


@functools.cache
def _country_choices_in(language: str) -> list[tuple[str, str]]:
    with translation.override(language):
        return [(country.code, str(country.name)) for country in countries]


def _country_choices() -> list[tuple[str, str]]:
    # Per language, once: django-countries translates and sorts its 249 names on every iteration.
    return _country_choices_in(translation.get_language() or settings.LANGUAGE_CODE)


def _invalid_choice_message(what: str | Promise) -> str:
    return _("“%%(value)s” không phải là %(what)s hợp lệ.") % {"what": what}


def choice_error(what: str | Promise) -> dict:
    """The invalid-choice message for a choice filter, naming what was asked for.

    Lazy, so that it is put together in the reader's language when shown, not in the language of import time.
    """
    return {"invalid_choice": lazy(_invalid_choice_message, str)(what)}


YES_NO = (("true", _("Có")), ("false", _("Không")))


class FoldedSearchFilter(django_filters.CharFilter):
    """Free text, diacritics and case ignored: "hue" finds "Huế". Every word must be found, in the record's own
    names or in those of the records it links ("sejong" finds the agreement Sejong is party to); a model found
    through another record names it in `search_through` (foreignaffairs.search.matching)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Tìm kiếm"))
        super().__init__(**kwargs)

    def openapi_schema(self) -> dict:
        # Any text but the NUL character, which Django's form fields refuse (PostgreSQL could not store it).
        return {"type": "string", "pattern": "^[^\\u0000]*$"}

    def filter(self, qs: QuerySet, value: str | None) -> QuerySet:
        return search_filter(qs, value)


def partial_date_schema() -> dict:
    """What a date parameter accepts, as the API schema states it: the ISO forms the API itself writes, from 1900.

    The dashboard's dd/mm/yyyy and mm/yyyy are accepted as well and said so in words; the schema keeps to ISO.
    """
    from_1900 = "(19|[2-9][0-9])[0-9]{2}"
    return {
        "type": "string",
        "anyOf": [
            {"type": "string", "format": "date", "pattern": f"^{from_1900}-"},
            {"type": "string", "pattern": f"^{from_1900}(-(0[1-9]|1[0-2]))?$"},
        ],
        "description": _(
            "Một ngày (2026-02-14), một tháng (2025-08) hoặc một năm (2025), từ năm 1900; "
            "cũng nhận cách viết của trang tổng hợp: 14/02/2026, 08/2025."
        ),
    }


@extend_schema_field(OpenApiTypes.STR)
class PartialDateBoundFilter(django_filters.Filter):
    """A bound on a PartialDateField (lookup_expr "gte" or "lte"), compared as ISO text, the way the column sorts.

    A bound given to the month or year stands for its whole span: "after 08/2025" starts on 01/08/2025, "before
    08/2025" ends on 31/08/2025. A date on record known only to the month or year matches when its month or year
    contains the bound, since it may fall on either side: "2025-08" is signed after 01/08/2025 and before
    14/08/2025. As text, "2025-08" already sorts before "2025-08-14", so only the lower bound needs the explicit
    month and year. Unknown (empty) dates match no bound.
    """

    field_class = PartialDateBoundField

    def openapi_schema(self) -> dict:
        return partial_date_schema()

    def filter(self, qs: QuerySet, value: PartialDate | None) -> QuerySet:
        if value in (None, ""):
            return qs
        if self.lookup_expr not in ("gte", "lte"):
            raise ValueError("PartialDateBoundFilter takes lookup_expr 'gte' or 'lte'.")
        bound = (value.earliest() if self.lookup_expr == "gte" else value.latest()).isoformat()
        condition = Q(**{f"{self.field_name}__{self.lookup_expr}": bound})
        if self.lookup_expr == "gte":
            condition |= Q(**{self.field_name: bound[:7]}) | Q(**{self.field_name: bound[:4]})
        return qs.exclude(**{self.field_name: ""}).filter(condition)


@extend_schema_field(OpenApiTypes.STR)
class PartialDatePeriodFilter(django_filters.Filter):
    """Records whose date, as recorded, lies within a day, month or year: "08/2025" finds 14/08/2025 and "08/2025",
    not "2025" (which may be any month). It groups rows the way the calendar does."""

    field_class = PartialDateBoundField

    def openapi_schema(self) -> dict:
        return partial_date_schema()

    def filter(self, qs: QuerySet, value: PartialDate | None) -> QuerySet:
        if value in (None, ""):
            return qs
        return qs.filter(**{f"{self.field_name}__startswith": value.isoformat()})


class DatePrecision(models.TextChoices):
    DAY = "day", _("Rõ ngày")
    MONTH = "month", _("Chỉ rõ tháng")
    YEAR = "year", _("Chỉ rõ năm")
    UNKNOWN = "unknown", _("Chưa rõ")


# How each precision looks as stored ISO text (foreignaffairs.partial_dates).
_PRECISION_PATTERNS = {
    DatePrecision.DAY: r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
    DatePrecision.MONTH: r"^[0-9]{4}-[0-9]{2}$",
    DatePrecision.YEAR: r"^[0-9]{4}$",
}


class DatePrecisionFilter(django_filters.ChoiceFilter):
    """How much of a PartialDateField is known: the day, only the month, only the year, or nothing."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("choices", DatePrecision.choices)
        kwargs.setdefault("error_messages", choice_error(_("mức rõ của ngày (day, month, year, unknown)")))
        super().__init__(**kwargs)

    def filter(self, qs: QuerySet, value: str | None) -> QuerySet:
        if value in (None, ""):
            return qs
        if value == DatePrecision.UNKNOWN:
            return qs.filter(**{self.field_name: ""})
        return qs.filter(**{f"{self.field_name}__regex": _PRECISION_PATTERNS[value]})


class DaysFilter(django_filters.NumberFilter):
    """A number of days, handed to `method` as an int."""

    field_class = DaysField

    def openapi_schema(self) -> dict:
        # drf-spectacular reads a NumberFilter as any number; the API refuses 1.5 and -3 (foreignaffairs.api.schema).
        return {"type": "integer", "minimum": self.field.min_value, "maximum": self.field.max_value}


@extend_schema_field(OpenApiTypes.STR)
class CountryFilter(django_filters.ChoiceFilter):
    """An ISO country code matched against one or more relations (`paths`), e.g. partners__country__code."""

    field_class = CountryCodeField

    def __init__(self, *paths: str, **kwargs: Any) -> None:
        self.paths = paths or ("country__code",)
        kwargs.setdefault("label", _("Quốc gia"))
        kwargs.setdefault("choices", _country_choices)
        super().__init__(**kwargs)

    def openapi_schema(self) -> dict:
        # A fixed list, like a kind or a status: a code outside it is refused, never read as "no such rows".
        return {
            "type": "string",
            "enum": sorted(code for code, _name in _country_choices()),
            "description": _("Mã quốc gia ISO 3166 hai chữ cái, ví dụ KR, JP (chữ thường cũng được)."),
        }

    def filter(self, qs: QuerySet, value: str | None) -> QuerySet:
        if value in (None, ""):
            return qs
        matching = qs.model._default_manager.none()
        for path in self.paths:
            matching = matching | qs.model._default_manager.filter(**{path: value})
        # A subquery on primary keys: no duplicate rows from the joins, and the listing's ordering kept.
        return qs.filter(pk__in=matching.values("pk"))


class RelatedKeyField(django_filters.fields.ModelChoiceField):
    """A related record's key (its id, or the `to_field_name` column), checked for its form only.

    Whether a record has that key is the filter's business: a well-formed key that matches nothing filters to an
    empty list, as a search for a word nobody wrote does, and the list answers 200 (an API client holding the id
    of a partner deleted since gets an empty page, not an error). Only a key that cannot be one is an error: an id
    that is not a whole number, a code with characters no code has. The select of the dashboard's form still
    lists the records, from the queryset.
    """

    default_error_messages = {"invalid": _("“%(value)s” không phải là một mã hợp lệ.")}

    def key_field(self) -> forms.Field:
        if self.to_field_name in (None, "pk"):
            # Every table here has an integer primary key; out of the column's range it simply matches nothing.
            return forms.IntegerField()
        return self.queryset.model._meta.get_field(self.to_field_name).formfield()

    def to_python(self, value: Any) -> Any:
        if value in self.empty_values:
            return None
        try:
            return self.key_field().clean(value)
        except ValidationError:
            raise ValidationError(self.error_messages["invalid"], code="invalid", params={"value": value}) from None


class RelatedPkFilter(django_filters.ModelChoiceFilter):
    """A related record by key (RelatedKeyField), through a subquery so many-to-many joins never duplicate rows."""

    field_class = RelatedKeyField

    def filter(self, qs: QuerySet, value: Any) -> QuerySet:
        if value in (None, ""):
            return qs
        key = self.extra.get("to_field_name") or "pk"
        matching = qs.model._default_manager.filter(**{f"{self.field_name}__{key}": value})
        return qs.filter(pk__in=matching.values("pk"))

    def openapi_schema(self) -> dict:
        key_field = self.field.key_field()
        if isinstance(key_field, forms.IntegerField):
            return {"type": "integer"}
        # A slug: what django.core.validators.validate_slug accepts (foreignaffairs.api.schema).
        return {"type": "string", "pattern": "^[-a-zA-Z0-9_]+$", "maxLength": key_field.max_length}


class SortFilter(django_filters.OrderingFilter):
    """The `sort` parameter: a column name, with "-" for descending."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Sắp xếp"))
        kwargs.setdefault(
            "error_messages", {"invalid_choice": _("Không sắp xếp được theo “%(value)s”: cột này không có.")}
        )
        super().__init__(*args, **kwargs)


def with_stable_order(queryset: QuerySet) -> QuerySet:
    """The queryset's ordering with the primary key last, so pages never repeat or skip a row."""
    ordering = list(queryset.query.order_by) or list(queryset.model._meta.ordering)
    if not any(str(term).lstrip("-") in ("pk", "id") for term in ordering):
        ordering.append("pk")
    return queryset.order_by(*ordering)


class QuickSelect(forms.Select):
    """A <select> whose options are written in Python.

    Django renders each option through a template, about half a millisecond apiece; the country filter alone has
    249 options, which made rendering the filter form the slowest part of every list page.
    """

    def render(
        self, name: str, value: Any, attrs: dict | None = None, renderer: BaseRenderer | None = None
    ) -> SafeString:
        # Read once: each read of self.choices normalizes the whole list again. Through iter(), since list() first
        # asks a model choice iterator for its length, a COUNT(*) of the options on every page view.
        choices = list(iter(self.choices))
        if any(isinstance(label, list | tuple) for _value, label in choices):
            return super().render(name, value, attrs, renderer)  # option groups: leave them to Django
        chosen = {str(item) for item in (value if isinstance(value, list | tuple) else [value]) if item is not None}
        # The standard library's escape and f-strings: format_html, or even Django's escape(), cost several
        # microseconds per option, and the country list has 249.
        options = "".join(
            f'<option value="{html.escape(str(option))}"{" selected" if str(option) in chosen else ""}>'
            f"{label if isinstance(label, SafeString) else html.escape(str(label))}</option>"
            for option, label in choices
        )
        final_attrs = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        return format_html("<select{}>{}</select>", flatatt(final_attrs), mark_safe(options))  # noqa: S308 (escaped)


class ListingFilterSet(django_filters.FilterSet):
    """A FilterSet whose default rows are the model's `for_listing()` queryset, in a stable order."""

    @property
    def form(self) -> forms.Form:
        form = super().form
        for form_field in form.fields.values():
            if type(form_field.widget) is forms.Select:
                form_field.widget = QuickSelect(attrs=form_field.widget.attrs, choices=form_field.widget.choices)
        return form

    def __init__(
        self,
        data: QueryDict | dict | None = None,
        queryset: QuerySet | None = None,
        *,
        request: HttpRequest | None = None,
        prefix: str | None = None,
    ) -> None:
        if queryset is None:
            queryset = self._meta.model.objects.for_listing()
        super().__init__(data, queryset, request=request, prefix=prefix)

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        return with_stable_order(super().filter_queryset(queryset))

    @property
    def qs(self) -> QuerySet:
        if not hasattr(self, "_qs"):
            qs = super().qs
            # Unbound (no parameters at all) skips filter_queryset; keep the order stable there too.
            self._qs = qs if self.is_bound else with_stable_order(qs)
        return self._qs
