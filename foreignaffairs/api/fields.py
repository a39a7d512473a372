"""Serializer fields every API module shares: partial dates as ISO 8601, relations as id plus label."""

from typing import Any

from django.db.models import Manager, Model
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from foreignaffairs.partial_dates import PartialDate

# The tracking columns every record ends with in the API: when it was made and changed, not by whom (staff
# accounts are not part of the API).
TRACKING = ("created", "last_updated")

# "2025-08-14", "2025-08" or "2025": ISO 8601 dates of full, month or year precision.
PARTIAL_DATE_SCHEMA = {
    "type": "string",
    "nullable": True,
    "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$",
    "example": "2025-08",
}
RELATED_SCHEMA = {
    "type": "object",
    "properties": {"id": {"type": "integer"}, "label": {"type": "string"}},
    "required": ["id", "label"],
}


class ReadOnlyMixin:
    """The API only reads: every field here is read-only whatever its declaration says."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs["read_only"] = True
        super().__init__(**kwargs)


@extend_schema_field(PARTIAL_DATE_SCHEMA)
class PartialDateSerializerField(ReadOnlyMixin, serializers.Field):
    """A date known to the day, month or year, written as reduced-precision ISO 8601 ("2007", "2025-08")."""

    def to_representation(self, value: PartialDate | None) -> str | None:
        return value.isoformat() if value else None


@extend_schema_field({**RELATED_SCHEMA, "nullable": True})
class RelatedLabelField(ReadOnlyMixin, serializers.RelatedField):
    """A related record as {"id": 3, "label": "Hàn Quốc"}: the id to join on, the label to read."""

    def to_representation(self, value: Model) -> dict:
        return {"id": value.pk, "label": str(value)}


@extend_schema_field({"type": "array", "items": RELATED_SCHEMA})
class RelatedLabelListField(ReadOnlyMixin, serializers.Field):
    """A many-to-many relation as a list of {"id", "label"}, read from the prefetched rows."""

    def to_representation(self, manager: Manager) -> list[dict]:
        return [{"id": obj.pk, "label": str(obj)} for obj in manager.all()]
