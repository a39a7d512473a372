"""Keeping PartnerHealth and ContactStep (foreignaffairs.relationships.models) current: `refresh(partner_ids)`
recomputes the partners named from their records, in six queries at most whatever their number (the contacts of every
source in one UNION, the earliest deadlines in another, then the writes); `refresh()` recomputes every partner.

The sources and what counts are those of health.py's docstring; its tests judge every rule through these tables.
Called by the signals (foreignaffairs.relationships.signals) on every save and delete, by bulk writers at their end,
and by `manage.py refresh_partner_health` after a restore. The migration that creates the tables fills them with it,
given its historical models (`get_model`).
"""

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable

from django.apps import apps as global_apps
from django.db import connection
from django.db.models import CharField, F, Min, Q, QuerySet, Value
from django.db.models.functions import Cast, TruncDate

from agreements.choices import AgreementStatus, ObligationStatus, ReviewStatus
from delegations.choices import FollowUpStatus
from foreignaffairs import clock
from foreignaffairs.partial_dates import PartialDate
from foreignaffairs.relationships.health import PROJECT_STATUSES, VISIT_STATUSES
from foreignaffairs.relationships.models import STEPS_IN_COLUMNS

CONTACT, VISIT = "contact", "visit"
REVIEW, FOLLOW_UP, OBLIGATION = "review", "follow_up", "obligation"

GetModel = Callable[[str, str], type]


def _text(field: str) -> Cast:
    return Cast(F(field), output_field=CharField())


def _local_day(field: str) -> Cast:
    # A moment's day in Huế (the current time zone), as ISO text.
    return Cast(TruncDate(field), output_field=CharField())


def _part(queryset: QuerySet, partner: str, kind: str, day, ids: list[int] | None) -> QuerySet:
    if ids is not None:
        queryset = queryset.filter(**{f"{partner}__in": ids})
    return (
        queryset.filter(**{f"{partner}__isnull": False})
        .order_by()
        .annotate(p=F(partner), k=Value(kind, output_field=CharField()), d=day)
        .values_list("p", "k", "d")
    )


def _contact_rows(get_model: GetModel, ids: list[int] | None) -> QuerySet:
    AgreementPartner = get_model("agreements", "AgreementPartner")
    AgreementStatusChange = get_model("agreements", "AgreementStatusChange")
    AgreementReview = get_model("agreements", "AgreementReview")
    DelegationPartner = get_model("delegations", "DelegationPartner")
    Project = get_model("projects", "Project")
    JournalEntry = get_model("journal", "JournalEntry")
    approved = AgreementReview.objects.filter(status=ReviewStatus.APPROVED)
    visits = DelegationPartner.objects.filter(delegation__status__in=VISIT_STATUSES).exclude(delegation__starts_on="")
    projects = Project.objects.filter(status__in=PROJECT_STATUSES).exclude(starts_on="")
    notes = JournalEntry.objects.exclude(occurred_on="")
    parts = [
        _part(
            AgreementPartner.objects.exclude(agreement__signed_on=""),
            "partner_id",
            CONTACT,
            _text("agreement__signed_on"),
            ids,
        ),
        _part(
            AgreementStatusChange.objects.filter(changed_by__isnull=False),
            "agreement__partner_links__partner_id",
            CONTACT,
            _local_day("changed_at"),
            ids,
        ),
        _part(
            approved.filter(decided_at__isnull=False),
            "agreement__partner_links__partner_id",
            CONTACT,
            _local_day("decided_at"),
            ids,
        ),
        _part(
            approved.filter(decided_at__isnull=True, period_end__isnull=False),
            "agreement__partner_links__partner_id",
            CONTACT,
            _text("period_end"),
            ids,
        ),
        _part(visits, "partner_id", CONTACT, _text("delegation__starts_on"), ids),
        _part(visits, "partner_id", VISIT, _text("delegation__starts_on"), ids),
        _part(projects, "partner_id", CONTACT, _text("starts_on"), ids),
        _part(projects, "channel_id", CONTACT, _text("starts_on"), ids),
        *(
            _part(notes, path, CONTACT, _text("occurred_on"), ids)
            for path in (
                "partner_id",
                "agreement__partner_links__partner_id",
                "delegation__partner_links__partner_id",
                "project__partner_id",
                "project__channel_id",
            )
        ),
    ]
    return parts[0].union(*parts[1:], all=True)


def _deadline_rows(get_model: GetModel, ids: list[int] | None) -> QuerySet:
    AgreementPartner = get_model("agreements", "AgreementPartner")
    FollowUpAction = get_model("delegations", "FollowUpAction")
    AgreementObligation = get_model("agreements", "AgreementObligation")
    alive = AgreementStatus.alive()

    def earliest(queryset: QuerySet, partner: str, kind: str, field: str) -> QuerySet:
        if ids is not None:
            queryset = queryset.filter(**{f"{partner}__in": ids})
        return (
            queryset.filter(**{f"{partner}__isnull": False, f"{field}__isnull": False})
            .order_by()
            .values(partner)
            .annotate(k=Value(kind, output_field=CharField()), d=Min(field))
            .values_list(partner, "k", "d")
        )

    parts = [
        earliest(
            AgreementPartner.objects.filter(agreement__status__in=alive),
            "partner_id",
            REVIEW,
            "agreement__next_review_deadline",
        ),
        earliest(
            FollowUpAction.objects.filter(status=FollowUpStatus.OPEN),
            "delegation__partner_links__partner_id",
            FOLLOW_UP,
            "due_on",
        ),
        earliest(
            AgreementObligation.objects.filter(status=ObligationStatus.OPEN, agreement__status__in=alive),
            "agreement__partner_links__partner_id",
            OBLIGATION,
            "due_on",
        ),
    ]
    return parts[0].union(*parts[1:], all=True)


def staircase(
    contacts: Iterable[tuple[datetime.date, datetime.date]], today: datetime.date
) -> list[tuple[datetime.date, datetime.date]]:
    """The steps that say, for any day T from `today` on, the latest contact that has happened by T.

    Every contact that has happened by today has happened by any later T too: they make one step, from the first of
    them (so that "any dated contact by T" stays exact) to the last day of the latest. Of those still ahead, the
    ones no other outranks (an earlier or equal first day and a later or equal last day), by first day. Read on a
    day before `today` (the clock set back) the steps would claim the latest past contact happened earlier than it
    did: the summary is written on the day of each write, and days only move on.
    """
    past = [contact for contact in contacts if contact[0] <= today]
    steps: list[tuple[datetime.date, datetime.date]] = []
    if past:
        steps.append((min(first for first, _ in past), max(latest for _, latest in past)))
    ahead = sorted((contact for contact in contacts if contact[0] > today), key=lambda c: (c[0], -c[1].toordinal()))
    for first, latest in ahead:
        if not steps or latest > steps[-1][1]:
            steps.append((first, latest))
    return steps


def _as_date(value) -> datetime.date:
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(str(value)[:10])


def refresh(partner_ids: Iterable[int] | None = None, *, get_model: GetModel = global_apps.get_model) -> None:
    """Recompute the summaries of `partner_ids` (every partner when None) from their records, as of today."""
    today = clock.today()
    Partner = get_model("partners", "Partner")
    PartnerHealth = get_model("relationships", "PartnerHealth")
    ContactStep = get_model("relationships", "ContactStep")
    ids = None if partner_ids is None else sorted({pk for pk in partner_ids if pk is not None})
    if ids == []:
        return
    if ids is not None:
        # A partner deleted meanwhile (or a link to one being deleted) has no summary to keep.
        ids = list(Partner._base_manager.filter(pk__in=ids).values_list("pk", flat=True))
    contacts: dict[tuple[int, str], list] = defaultdict(list)
    for partner, kind, text in _contact_rows(get_model, ids):
        try:
            when = PartialDate.parse(text)
        except ValueError:
            continue
        contacts[partner, kind].append((when.earliest(), when.latest()))
    deadlines: dict[int, dict[str, datetime.date]] = defaultdict(dict)
    for partner, kind, day in _deadline_rows(get_model, ids):
        deadlines[partner][kind] = _as_date(day)
    staircases = {key: staircase(found, today) for key, found in contacts.items()}
    scope = Q() if ids is None else Q(partner_id__in=ids)
    ContactStep.objects.filter(scope).delete()
    ContactStep.objects.bulk_create(
        [
            ContactStep(partner_id=partner, kind=kind, first_on=first, latest_on=latest)
            for (partner, kind), steps in staircases.items()
            if len(steps) > STEPS_IN_COLUMNS
            for first, latest in steps
        ],
        batch_size=2000,
    )
    step_fields = [
        f"{kind}_{index}_{end}"
        for kind in (CONTACT, VISIT)
        for index in range(STEPS_IN_COLUMNS)
        for end in ("from", "latest")
    ]

    def row(partner: int) -> object:
        values = {}
        for kind in (CONTACT, VISIT):
            steps = staircases.get((partner, kind), [])
            for index in range(STEPS_IN_COLUMNS):
                first, latest = steps[index] if index < len(steps) else (None, None)
                values[f"{kind}_{index}_from"], values[f"{kind}_{index}_latest"] = first, latest
        overflow = any(len(staircases.get((partner, kind), [])) > STEPS_IN_COLUMNS for kind in (CONTACT, VISIT))
        return PartnerHealth(
            partner_id=partner,
            **values,
            steps_overflow=overflow,
            review_due_by=deadlines[partner].get(REVIEW),
            follow_up_due_by=deadlines[partner].get(FOLLOW_UP),
            obligation_due_by=deadlines[partner].get(OBLIGATION),
        )

    every = Partner._base_manager.values_list("pk", flat=True) if ids is None else ids
    PartnerHealth.objects.bulk_create(
        [row(partner) for partner in every],
        batch_size=1000,
        update_conflicts=True,
        unique_fields=["partner"],
        update_fields=[
            *step_fields,
            "steps_overflow",
            "review_due_by",
            "follow_up_due_by",
            "obligation_due_by",
            "refreshed_at",
        ],
    )
    if ids is None and connection.vendor == "postgresql":
        # Fresh statistics, or the planner takes each table for a few rows and the list's plan goes wrong.
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {ContactStep._meta.db_table}, {PartnerHealth._meta.db_table}")
