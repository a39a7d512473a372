"""List filters of the admin kit: related records in use, and years of dates, each found without reading the
whole list."""

from django.contrib import admin
from django.db.models import Exists, Field, Max, Min, OuterRef, Q, QuerySet
from django.http import HttpRequest

from foreignaffairs.text_search import fold


class RelatedInUseFilter(admin.RelatedFieldListFilter):
    """A filter by a related record (a country, a unit) that offers only the records this list refers to.

    Django's RelatedFieldListFilter offers every row of the related table: all 249 countries, six thousand pixels of
    links that mostly filter to nothing. RelatedOnlyFieldListFilter narrows them with a DISTINCT over the list's
    whole table joined to the relation, on every page view. This asks each related row whether any record of the
    list refers to it (EXISTS, a semi-join that stops at the first match in an index), so the cost follows the
    small related table, not the large list. Use it as `("partners__country", RelatedInUseFilter)`.
    """

    def field_choices(self, field: Field, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[int, str]]:
        related = field.remote_field.model
        in_use = Exists(model_admin.model._default_manager.filter(**{self.field_path: OuterRef("pk")}))
        choices = [(row.pk, str(row)) for row in related._default_manager.filter(in_use)]
        return sorted(choices, key=lambda choice: fold(choice[1]))


class YearFilter(admin.SimpleListFilter):
    """Filter by the year of a date, offering the years from the latest on record back to the earliest.

    The two ends are two look-ups in the field's index, where a list of the distinct years (what the admin's
    date_hierarchy reads) reads every row of a large table on every page view. Subclasses say how a row is in a
    year; their subclasses name the field in `field_name`.
    """

    field_name: str = ""

    def dated_rows(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> QuerySet:
        return model_admin.get_queryset(request)

    def in_year(self, year: str) -> Q:
        raise NotImplementedError

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        bounds = self.dated_rows(request, model_admin).aggregate(first=Min(self.field_name), last=Max(self.field_name))
        if not bounds["first"]:
            return []
        years = range(bounds["last"].year, bounds["first"].year - 1, -1)
        return [(str(year), str(year)) for year in years]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() and self.value().isdigit():
            return queryset.filter(self.in_year(self.value()))
        return queryset


class PartialDateYearFilter(YearFilter):
    """The year of a PartialDateField, whatever its precision: the stored string's first four characters."""

    def dated_rows(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> QuerySet:
        return super().dated_rows(request, model_admin).exclude(**{self.field_name: ""})

    def in_year(self, year: str) -> Q:
        return Q(**{f"{self.field_name}__startswith": year})


class DateYearFilter(YearFilter):
    """The year of a DateField; used instead of the admin's date_hierarchy on large tables."""

    def in_year(self, year: str) -> Q:
        return Q(**{f"{self.field_name}__year": int(year)})
