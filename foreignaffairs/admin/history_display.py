"""How a change reads on a record's history page (django-simple-history's admin).

simple-history shows the raw stored values: "under_review → in_effect", "True", "None", "2025-08-14". Staff read
the labels the forms show them: "Đang rà soát → Đang có hiệu lực", "Có", "—", "14/08/2025".
"""

import datetime
from typing import Any

from django.contrib.admin.utils import display_for_field
from django.db.models import Field
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from simple_history.models import ModelChange
from simple_history.template_utils import HistoricalRecordContextHelper

# What an empty value reads as, as on the admin's own pages (empty_value_display).
EMPTY_VALUE_DISPLAY = "—"


class LabelledHistoryContextHelper(HistoricalRecordContextHelper):
    def prepare_delta_change_value(self, change: ModelChange, value: Any) -> Any:
        value = super().prepare_delta_change_value(change, value)
        field = self.model._meta.get_field(change.field)
        if isinstance(value, list):
            return [readable_value(field, item) for item in value]
        return readable_value(field, value)


def readable_value(field: Field, value: Any) -> str:
    """`value` of `field` as the admin's forms and lists show it."""
    if value is None or value == "":
        return EMPTY_VALUE_DISPLAY
    if isinstance(value, bool):
        return _("Có") if value else _("Không")
    if isinstance(value, datetime.datetime):
        return date_format(timezone.localtime(value) if timezone.is_aware(value) else value, "SHORT_DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return date_format(value, "SHORT_DATE_FORMAT")
    if getattr(field, "flatchoices", None):
        return str(display_for_field(value, field, EMPTY_VALUE_DISPLAY))
    return str(value)
