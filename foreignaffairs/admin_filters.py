from django.contrib import admin
from django.db.models.functions import Substr


class PartialDateYearFilter(admin.SimpleListFilter):
    """Filter by the year of a PartialDateField, whatever its precision (the year is the string's first four)."""

    field_name: str = ""

    def lookups(self, request, model_admin):
        years = (
            model_admin.get_queryset(request)
            .exclude(**{self.field_name: ""})
            .annotate(year=Substr(self.field_name, 1, 4))
            .values_list("year", flat=True)
            .distinct()
            .order_by("-year")
        )
        return [(year, year) for year in years]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(**{f"{self.field_name}__startswith": self.value()})
        return queryset
