from django.contrib import admin
from django.db.models import Exists, Max, Min, OuterRef

from foreignaffairs.text_search import fold


class RelatedInUseFilter(admin.RelatedFieldListFilter):
    """A filter by a related record (a country, a unit) that offers only the records this list refers to.

    Django's RelatedFieldListFilter offers every row of the related table: all 249 countries, six thousand pixels of
    links that mostly filter to nothing. RelatedOnlyFieldListFilter narrows them with a DISTINCT over the list's
    whole table joined to the relation, on every page view. This asks each related row whether any record of the
    list refers to it (EXISTS, a semi-join that stops at the first match in an index), so the cost follows the
    small related table, not the large list. Use it as `("partners__country", RelatedInUseFilter)`.
    """

    def field_choices(self, field, request, model_admin):
        related = field.remote_field.model
        in_use = Exists(model_admin.model._default_manager.filter(**{self.field_path: OuterRef("pk")}))
        choices = [(row.pk, str(row)) for row in related._default_manager.filter(in_use)]
        return sorted(choices, key=lambda choice: fold(choice[1]))


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
