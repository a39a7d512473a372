from django.contrib import admin
from django.db.models import Max, Min


class PartialDateYearFilter(admin.SimpleListFilter):
    """Filter by the year of a PartialDateField, whatever its precision (the year is the string's first four).

    The years offered run from the earliest to the latest on record: two look-ups in the field's index, where a
    list of the distinct years would read every row of a large table on every page view.
    """

    field_name: str = ""

    def lookups(self, request, model_admin):
        bounds = (
            model_admin.get_queryset(request)
            .exclude(**{self.field_name: ""})
            .aggregate(first=Min(self.field_name), last=Max(self.field_name))
        )
        if not bounds["first"]:
            return []
        years = range(bounds["last"].year, bounds["first"].year - 1, -1)
        return [(str(year), str(year)) for year in years]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(**{f"{self.field_name}__startswith": self.value()})
        return queryset


class DateYearFilter(admin.SimpleListFilter):
    """Filter by the year of a DateField, offering the years between the earliest and latest on record.

    Used instead of the admin's date_hierarchy on large tables: the hierarchy lists distinct years by reading every
    row; this reads the two ends of the field's index.
    """

    field_name: str = ""

    def lookups(self, request, model_admin):
        bounds = model_admin.get_queryset(request).aggregate(first=Min(self.field_name), last=Max(self.field_name))
        if not bounds["first"]:
            return []
        return [(str(year), str(year)) for year in range(bounds["last"].year, bounds["first"].year - 1, -1)]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(**{f"{self.field_name}__year": int(self.value())})
        return queryset
