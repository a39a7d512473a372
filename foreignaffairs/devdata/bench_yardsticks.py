"""Two other ways to produce the full export, measured beside ours by the benchmark.

- The floor: PostgreSQL builds each record's JSON itself (json objects with nested jsonb_agg subqueries over the same
  rows and relations as foreignaffairs.api.export.SECTIONS); Python only joins the text.
- The typical implementation: DRF ModelSerializer(many=True) with fields="__all__", nested serializers for the
  child rows and prefetch_related, the way most APIs are first written.
"""

import json
from collections.abc import Iterator

from django.contrib.postgres.aggregates import JSONBAgg
from django.db.models import F, JSONField, Model, OuterRef, QuerySet, Subquery, TextField, Value
from django.db.models.functions import Cast, Coalesce, JSONObject
from rest_framework import serializers

from foreignaffairs.api.export import SECTIONS, Nested, Section

# Records read from the database, and joined into one piece of output, at a time.
RECORDS_PER_CHUNK = 2000


def _floor_rows(section: Section) -> QuerySet:
    nested_objects = {}
    for nested in section.nested:
        children = (
            nested.model._default_manager.filter(**{nested.parent_field: OuterRef("pk")})
            .order_by()
            .values(nested.parent_field)
            .annotate(
                items=JSONBAgg(JSONObject(**{name: F(path) for name, path in nested.columns.items()}), order_by="pk")
            )
            .values("items")
        )
        nested_objects[nested.key] = Coalesce(Subquery(children), Value([], output_field=JSONField()))
    # The stored columns (Section's own): a section's computed ones, the partners' health, are no part of the floor.
    document = JSONObject(**{column: F(column) for column in Section.columns(section)}, **nested_objects)
    return (
        section.model._default_manager.order_by("pk")
        .annotate(document=Cast(document, TextField()))
        .values_list("document", flat=True)
    )


def json_agg_export() -> Iterator[bytes]:
    yield b'{"schema_version":1'
    for section in SECTIONS:
        yield f',"{section.key}":['.encode()
        batch = []
        for index, document in enumerate(_floor_rows(section).iterator(chunk_size=RECORDS_PER_CHUNK)):
            batch.append(("," if index else "") + document)
            if len(batch) >= RECORDS_PER_CHUNK:
                yield "".join(batch).encode()
                batch = []
        yield ("".join(batch) + "]").encode()
    yield b"}"


def _reverse_accessor(nested: Nested) -> str | None:
    parent_link = nested.model._meta.get_field(nested.parent_field.removesuffix("_id"))
    accessor = parent_link.remote_field.get_accessor_name()
    return None if accessor.endswith("+") else accessor


def _model_serializer(model: type[Model], extra: dict | None = None) -> type[serializers.ModelSerializer]:
    meta = type("Meta", (), {"model": model, "fields": "__all__"})
    return type(f"{model.__name__}Serializer", (serializers.ModelSerializer,), {"Meta": meta, **(extra or {})})


def _typical_serializer(section: Section) -> type[serializers.ModelSerializer]:
    children = {}
    for nested in section.nested:
        accessor = _reverse_accessor(nested)
        # Auto-created M2M link tables have no accessor: ModelSerializer lists those relations as ids already.
        if accessor and not nested.model._meta.auto_created:
            children[accessor] = _model_serializer(nested.model)(many=True, read_only=True)
    return _model_serializer(section.model, children)


def _typical_queryset(section: Section, cap: int) -> tuple[type[serializers.ModelSerializer], QuerySet]:
    serializer = _typical_serializer(section)
    many_to_many = [field.name for field in section.model._meta.many_to_many]
    nested = list(serializer._declared_fields)
    return serializer, section.model._default_manager.order_by("pk").prefetch_related(*many_to_many, *nested)[:cap]


def capped_record_count(cap: int) -> int:
    return sum(min(section.model._default_manager.count(), cap) for section in SECTIONS)


def model_serializer_export(cap: int) -> Iterator[bytes]:
    yield b'{"schema_version":1'
    for section in SECTIONS:
        serializer, queryset = _typical_queryset(section, cap)
        data = serializer(queryset, many=True).data
        yield f',"{section.key}":'.encode() + json.dumps(data, ensure_ascii=False, default=str).encode()
    yield b"}"
