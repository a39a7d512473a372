"""The partner list's FilterSet with health: the dashboard's list, its exports and the API's list use it alike.

partners.filtersets.PartnerFilterSet holds every other filter; health needs the other apps, which partners may not
import, so it is added here, in the composition.
"""

import django_filters
from django.db.models import QuerySet
from django.http import HttpRequest, QueryDict
from django.utils.translation import gettext_lazy as _

from foreignaffairs import clock
from foreignaffairs.lists.filters import SortFilter, choice_error
from foreignaffairs.relationships.health import HealthStatus, with_health, with_health_figures
from partners.filtersets import PARTNER_SORTS, PartnerFilterSet
from partners.models import Partner

HEALTH_LABEL = _("Mức độ hoạt động")


class PartnerHealthFilterSet(PartnerFilterSet):
    """Partners, each row with its health's figures (foreignaffairs.relationships.health.health_of reads them);
    `?health=dormant` and `?sort=health` judge every matching partner in SQL, in the same query."""

    health = django_filters.ChoiceFilter(
        choices=HealthStatus.choices, label=HEALTH_LABEL, error_messages=choice_error(_("mức độ hoạt động"))
    )
    sort = SortFilter(fields=(*PARTNER_SORTS, ("health", "health")))

    class Meta(PartnerFilterSet.Meta):
        fields = [*PartnerFilterSet.Meta.fields, "health"]

    def __init__(
        self,
        data: QueryDict | dict | None = None,
        queryset: QuerySet | None = None,
        *,
        request: HttpRequest | None = None,
        prefix: str | None = None,
    ) -> None:
        self.today = clock.today()
        if queryset is None:
            queryset = Partner.objects.for_listing()
        super().__init__(data, with_health_figures(queryset, self.today), request=request, prefix=prefix)

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        # The judgement costs a pass over recent records of every kind: only when the list filters or sorts by it.
        sort = self.form.cleaned_data.get("sort") or []
        if self.form.cleaned_data.get("health") or any(term.lstrip("-") == "health" for term in sort):
            queryset = with_health(queryset, self.today)
        return super().filter_queryset(queryset)
