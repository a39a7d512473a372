"""The full JSON export: every record of every kind, streamed as it is produced.

Memory stays flat and the number of SQL queries is fixed whatever the row count: each kind is one query over
`.values()` rows in primary-key order, and each nested relation (an agreement's parties, a delegation's members,
…) one more query ordered by the parent's key. The two streams are merged as they go (a merge join), so no
per-row query, no per-object serializer, and no list of all rows in memory.

    {"schema_version": 1, "generated_at": "…", "updated_after": null,
     "partners": [...], "agreements": [...], "reviews": [...], "projects": [...], "figures": [...],
     "delegations": [...], "countries": [...], "fields": [...], "units": [...], "people": [...]}
"""

import datetime
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache

from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from agreements.models import (
    Agreement,
    AgreementDocument,
    AgreementObligation,
    AgreementPartner,
    AgreementReview,
    AgreementSignatory,
    AgreementStatusChange,
    AgreementUnit,
)
from delegations.models import Delegation, DelegationMember, DelegationPartner, FollowUpAction, Gift, ItineraryItem
from foreignaffairs import clock
from foreignaffairs.journal.models import JournalAttachment, JournalEntry
from foreignaffairs.lists.listing import json_default
from foreignaffairs.relationships.health import FIGURES, health_from, with_health_figures
from partners.models import Country, FieldOfCooperation, HueUnit, Partner, Person, country_names
from projects.models import Project, ReportedFigure

SCHEMA_VERSION = 1
# Rows fetched per round trip by .iterator().
CHUNK_ROWS = 500
# JSON text gathered before it is sent as one chunk of the streamed answer.
CHUNK_BYTES = 64 * 1024
# Who-did-it columns point at user accounts, which the export does not publish.
PRIVATE_COLUMNS = {
    "search_text",
    "related_search_text",
    "created_by_id",
    "updated_by_id",
    "responsible_officer_id",
    "submitted_by_id",
    "decided_by_id",
    "changed_by_id",
}


@dataclass(frozen=True)
class Nested:
    """Rows of `model` nested under their parent as `key`, linked by `parent_field` (the parent's id)."""

    key: str
    model: type[models.Model]
    parent_field: str
    columns: dict[str, str]  # output name -> path for .values()

    def queryset(self, parents: models.QuerySet) -> models.QuerySet:
        rows = self.model._default_manager.all()
        if parents.query.where:
            rows = rows.filter(**{f"{self.parent_field}__in": parents.values("pk")})
        return rows.order_by(self.parent_field, "pk").values(self.parent_field, *self.columns.values())

    def shape(self, row: dict) -> dict:
        return {name: row[path] for name, path in self.columns.items()}


@dataclass(frozen=True)
class Section:
    """One top-level list of the export: the rows of `model` with their nested relations."""

    key: str
    model: type[models.Model]
    nested: tuple[Nested, ...] = ()
    enrich: Callable[[dict], None] | None = field(default=None)

    def columns(self) -> list[str]:
        return [f.attname for f in self.model._meta.concrete_fields if f.attname not in PRIVATE_COLUMNS]

    def queryset(self, updated_after: datetime.datetime | None) -> models.QuerySet:
        rows = self.model._default_manager.all()
        if updated_after is not None:
            changed = Q(last_updated__gt=updated_after)
            # A new member or document changes what the parent's record says, even if the parent row did not move.
            for nested in self.nested:
                if any(f.name == "last_updated" for f in nested.model._meta.concrete_fields):
                    children = nested.model._default_manager.filter(
                        **{nested.parent_field: OuterRef("pk"), "last_updated__gt": updated_after}
                    )
                    changed |= Q(Exists(children))
            rows = rows.filter(changed)
        return rows.order_by("pk")

    def records(self, updated_after: datetime.datetime | None) -> Iterator[dict]:
        parents = self.queryset(updated_after)
        streams = [nested.queryset(parents).iterator(chunk_size=CHUNK_ROWS) for nested in self.nested]
        heads = [next(stream, None) for stream in streams]
        for record in parents.values(*self.columns()).iterator(chunk_size=CHUNK_ROWS):
            for index, nested in enumerate(self.nested):
                items, row, stream = [], heads[index], streams[index]
                # Both sides are ordered by the parent's id: take the children up to this parent, then stop.
                while row is not None and row[nested.parent_field] <= record["id"]:
                    if row[nested.parent_field] == record["id"]:
                        items.append(nested.shape(row))
                    row = next(stream, None)
                heads[index] = row
                record[nested.key] = items
            if self.enrich:
                self.enrich(record)
            yield record


@cache
def _country_names(code: str) -> tuple[str, str]:
    return country_names(code)


def _add_country_names(record: dict) -> None:
    record["name_vi"], record["name_en"] = _country_names(record["code"])


def _field_link(owner: str) -> Nested:
    return Nested(
        "fields",
        {"partner": Partner, "agreement": Agreement, "project": Project, "delegation": Delegation}[
            owner
        ].fields.through,
        f"{owner}_id",
        {"id": "fieldofcooperation_id", "code": "fieldofcooperation__code", "name_vi": "fieldofcooperation__name_vi"},
    )


@dataclass(frozen=True)
class PartnerSection(Section):
    """Partners, each with its health as of the export's day: status, label, reasons and last contact
    (foreignaffairs.relationships.health). Its figures are subqueries of the partners' one query.

    A delta (`updated_after`) lists the partners whose own rows changed: a health that changed only because time
    passed is in the next full export, which the timer writes every night.
    """

    def columns(self) -> list[str]:
        return [*super().columns(), *FIGURES]

    def queryset(self, updated_after: datetime.datetime | None) -> models.QuerySet:
        return with_health_figures(super().queryset(updated_after), clock.today())


def _add_health(record: dict) -> None:
    figures = {name: record.pop(name) for name in FIGURES}
    record["health"] = health_from(figures).as_json()


PARTNER_COLUMNS = {"id": "partner_id", "name_vi": "partner__name_vi", "name_en": "partner__name_en"}

SECTIONS = (
    PartnerSection("partners", Partner, nested=(_field_link("partner"),), enrich=_add_health),
    Section(
        "agreements",
        Agreement,
        nested=(
            Nested("partners", AgreementPartner, "agreement_id", PARTNER_COLUMNS),
            Nested("hue_units", AgreementUnit, "agreement_id", {"id": "unit_id", "name_vi": "unit__name_vi"}),
            Nested(
                "signatories",
                AgreementSignatory,
                "agreement_id",
                {"id": "person_id", "full_name": "person__full_name", "title": "person__title"},
            ),
            _field_link("agreement"),
            Nested(
                "documents",
                AgreementDocument,
                "agreement_id",
                {
                    "id": "id",
                    "kind": "kind",
                    "language": "language",
                    "title": "title",
                    "file_name": "file",
                    "size": "size",
                    "created": "created",
                    "last_updated": "last_updated",
                },
            ),
            Nested(
                "status_history",
                AgreementStatusChange,
                "agreement_id",
                {
                    "from_status": "from_status",
                    "to_status": "to_status",
                    "changed_at": "changed_at",
                    "reason": "reason",
                },
            ),
            Nested(
                "obligations",
                AgreementObligation,
                "agreement_id",
                {
                    "id": "id",
                    "side": "side",
                    "commitment": "commitment",
                    "owner_id": "owner_id",
                    "owner_unit_id": "owner_unit_id",
                    "due_on": "due_on",
                    "status": "status",
                    "completed_on": "completed_on",
                    "evidence": "evidence",
                    "created": "created",
                    "last_updated": "last_updated",
                },
            ),
        ),
    ),
    Section("reviews", AgreementReview),
    # Money stays amount + currency columns as stored; figures are a source's claims, apart from the projects.
    Section("projects", Project, nested=(_field_link("project"),)),
    Section("figures", ReportedFigure),
    Section(
        "delegations",
        Delegation,
        nested=(
            Nested(
                "countries",
                Delegation.countries.through,
                "delegation_id",
                {"id": "country_id", "code": "country__code"},
            ),
            Nested("partners", DelegationPartner, "delegation_id", PARTNER_COLUMNS),
            _field_link("delegation"),
            Nested(
                "agreements_signed",
                Delegation.agreements_signed.through,
                "delegation_id",
                {"id": "agreement_id", "title_vi": "agreement__title_vi"},
            ),
            Nested(
                "members",
                DelegationMember,
                "delegation_id",
                {
                    "person_id": "person_id",
                    "full_name": "person__full_name",
                    "title": "title",
                    "organization": "organization",
                    "side": "side",
                    "role": "role",
                },
            ),
            Nested(
                "itinerary",
                ItineraryItem,
                "delegation_id",
                {"starts_at": "starts_at", "place": "place", "activity": "activity", "attendees": "attendees"},
            ),
            Nested(
                "follow_ups",
                FollowUpAction,
                "delegation_id",
                {
                    "description": "description",
                    "owner_id": "owner_id",
                    "owner_unit_id": "owner_unit_id",
                    "due_on": "due_on",
                    "status": "status",
                    "completed_on": "completed_on",
                },
            ),
            Nested(
                "gifts",
                Gift,
                "delegation_id",
                {
                    "direction": "direction",
                    "description": "description",
                    "giver_id": "giver_id",
                    "recipient_id": "recipient_id",
                },
            ),
        ),
    ),
    # The relationship's journal: each note names the one record it is about (partner_id, agreement_id,
    # delegation_id or project_id). Its files are private: their names and sizes only, never their content.
    Section(
        "journal",
        JournalEntry,
        nested=(
            Nested(
                "people",
                JournalEntry.people.through,
                "journalentry_id",
                {"id": "person_id", "full_name": "person__full_name"},
            ),
            Nested("attachments", JournalAttachment, "entry_id", {"id": "id", "title": "title", "size": "size"}),
        ),
    ),
    Section("countries", Country, enrich=_add_country_names),
    Section("fields", FieldOfCooperation),
    Section("units", HueUnit),
    Section("people", Person),
)

EXPORTED_MODELS = tuple(
    {model: None for s in SECTIONS for model in (s.model, *(n.model for n in s.nested)) if not model._meta.auto_created}
)


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, default=json_default, separators=(",", ":"))


def _pieces(updated_after: datetime.datetime | None, generated_at: datetime.datetime) -> Iterator[str]:
    yield "{" + f'"schema_version":{SCHEMA_VERSION},"generated_at":{_dumps(generated_at)}'
    yield f',"updated_after":{_dumps(updated_after)}'
    for section in SECTIONS:
        yield f",{_dumps(section.key)}:["
        for index, record in enumerate(section.records(updated_after)):
            yield ("," if index else "") + "\n" + _dumps(record)
        yield "]"
    yield "}\n"


def _chunked(pieces: Iterable[str]) -> Iterator[bytes]:
    buffer, size = [], 0
    for piece in pieces:
        buffer.append(piece)
        size += len(piece)
        if size >= CHUNK_BYTES:
            yield "".join(buffer).encode()
            buffer, size = [], 0
    if buffer:
        yield "".join(buffer).encode()


def export_chunks(
    updated_after: datetime.datetime | None = None, generated_at: datetime.datetime | None = None
) -> Iterator[bytes]:
    """The export document as a sequence of UTF-8 byte chunks; queries run lazily as the chunks are taken.

    `generated_at` (now by default) is the moment the document says it was made: a snapshot passes the moment it
    is named for, so that the file's name, its header and its content agree.
    """
    return _chunked(_pieces(updated_after, generated_at or timezone.now()))
