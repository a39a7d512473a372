"""Every write to a record a partner's health is judged from recomputes the summaries of the partners it touches
(foreignaffairs.relationships.summary.refresh): at once, so that the same transaction reads its own writes, and
once more when the transaction commits, for the partners all its writes touched together, so that two transactions
writing at the same time cannot leave a summary that saw only one of them.

Writes sent "raw" (loaddata, and the imports' bulk batches, foreignaffairs.imports.apply) are refreshed at commit only,
once for the whole batch. Writes that send no signal at all (QuerySet.update, bulk_create elsewhere, the synthetic
data's COPY) refresh at their end (foreignaffairs.devdata.synthetic) or through `manage.py refresh_partner_health`.
"""

from collections.abc import Iterable

from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save

from agreements.models import (
    Agreement,
    AgreementObligation,
    AgreementPartner,
    AgreementReview,
    AgreementStatusChange,
)
from delegations.models import Delegation, DelegationPartner, FollowUpAction
from foreignaffairs.journal.models import JournalEntry
from foreignaffairs.relationships import summary
from partners.models import Partner
from projects.models import Project

PENDING = "_partner_health_pending"
DELETING = "_partner_health_deleting"


def _agreement_partners(agreement_id: int | None) -> list[int]:
    if agreement_id is None:
        return []
    return list(AgreementPartner.objects.filter(agreement_id=agreement_id).values_list("partner_id", flat=True))


def _delegation_partners(delegation_id: int | None) -> list[int]:
    if delegation_id is None:
        return []
    return list(DelegationPartner.objects.filter(delegation_id=delegation_id).values_list("partner_id", flat=True))


def partners_of(instance: models.Model) -> set[int]:
    """The partners whose health `instance` counts in."""
    match instance:
        case Partner():
            found = [instance.pk]
        case Agreement():
            found = _agreement_partners(instance.pk)
        case Delegation():
            found = _delegation_partners(instance.pk)
        case AgreementPartner() | DelegationPartner():
            found = [instance.partner_id]
        case AgreementStatusChange() | AgreementReview() | AgreementObligation():
            found = _agreement_partners(instance.agreement_id)
        case FollowUpAction():
            found = _delegation_partners(instance.delegation_id)
        case Project():
            found = [instance.partner_id, instance.channel_id]
        case JournalEntry():
            found = [instance.partner_id, *_agreement_partners(instance.agreement_id)]
            found += _delegation_partners(instance.delegation_id)
            if instance.project_id is not None:
                funders = Project.objects.filter(pk=instance.project_id).values_list("partner_id", "channel_id")
                found += [pk for pair in funders for pk in pair]
        case _:
            found = []
    return {pk for pk in found if pk is not None}


def partners_of_rows(model: type[models.Model], pks: Iterable[int]) -> set[int]:
    """The partners whose health rows of `model` count in, in one query: for the rows a bulk write sent raw."""
    pks = list(pks)
    if model is Partner:
        return set(pks)
    by_agreement = {Agreement: "pk", AgreementStatusChange: "agreement_id", AgreementReview: "agreement_id"}
    by_agreement[AgreementObligation] = "agreement_id"
    by_delegation = {Delegation: "pk", FollowUpAction: "delegation_id"}
    rows = model._base_manager.filter(pk__in=pks)
    if model in by_agreement:
        found = AgreementPartner.objects.filter(agreement_id__in=rows.values(by_agreement[model]))
        return set(found.values_list("partner_id", flat=True))
    if model in by_delegation:
        found = DelegationPartner.objects.filter(delegation_id__in=rows.values(by_delegation[model]))
        return set(found.values_list("partner_id", flat=True))
    if model in (AgreementPartner, DelegationPartner):
        return set(rows.values_list("partner_id", flat=True))
    if model is Project:
        return {pk for pair in rows.values_list("partner_id", "channel_id") for pk in pair if pk is not None}
    found: set[int] = set()
    for row in rows:  # JournalEntry: a few notes at a time, never bulk-imported
        found |= partners_of(row)
    return found


def _flush() -> None:
    """Refresh what this connection's transaction touched. Registered with every write; the first to run after the
    commit does the work, the others find nothing left."""
    connection = transaction.get_connection()
    pending = getattr(connection, PENDING, None)
    setattr(connection, PENDING, None)
    if pending is None:
        return
    partners, rows = pending
    for model, pks in rows.items():
        partners.update(partners_of_rows(model, pks))
    summary.refresh(partners)


def _pending() -> tuple[set[int], dict] | None:
    """This transaction's partners and raw rows to refresh at commit (None outside a transaction)."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        return None
    pending = getattr(connection, PENDING, None)
    if pending is None:
        pending = (set(), {})
        setattr(connection, PENDING, pending)
    # Every time, not once: a savepoint rolled back takes its callbacks with it, and what the rest of the
    # transaction touched must still be refreshed.
    transaction.on_commit(_flush)
    return pending


def touch(partner_ids: Iterable[int]) -> None:
    """Refresh these partners' summaries now, and again when the transaction commits."""
    ids = set(partner_ids)
    if not ids:
        return
    summary.refresh(ids)
    pending = _pending()
    if pending is not None:
        pending[0].update(ids)


def touch_rows(model: type[models.Model], pks: Iterable[int]) -> None:
    """Rows written in bulk (sent raw): their partners are found and refreshed once, at commit, in a few queries
    whatever the number of rows."""
    pending = _pending()
    if pending is None:
        summary.refresh(partners_of_rows(model, pks))
    else:
        pending[1].setdefault(model, set()).update(pks)


# Records whose partners a save may change (a note moved to another partner, a link pointed elsewhere): the
# partners of the row as it was are refreshed too.
MOVABLE = (JournalEntry, Project, AgreementPartner, DelegationPartner)
SOURCES = (
    Partner,
    Agreement,
    AgreementPartner,
    AgreementStatusChange,
    AgreementReview,
    AgreementObligation,
    Delegation,
    DelegationPartner,
    FollowUpAction,
    Project,
    JournalEntry,
)


def _before_save(sender, instance, raw=False, **kwargs) -> None:
    if raw or instance.pk is None:
        return
    old = sender._base_manager.filter(pk=instance.pk).first()
    instance._health_partners_before = partners_of(old) if old is not None else set()


def _after_save(sender, instance, raw=False, **kwargs) -> None:
    if raw or sender is Partner:
        # A partner's own fields count for nothing (a new one has no records yet: no summary row reads as no data),
        # but a merge moves records onto the partner it keeps with UPDATEs, then saves it (partners.merge): at
        # commit, so that a rename costs no query more.
        touch_rows(sender, [instance.pk])
        return
    before = getattr(instance, "_health_partners_before", set())
    instance._health_partners_before = set()
    touch(before | partners_of(instance))


def _deleting() -> set[int]:
    """The partners being deleted on this connection: their records go first, and no summary is written again for
    them between (its row would point at a partner gone by the commit)."""
    connection = transaction.get_connection()
    if getattr(connection, DELETING, None) is None:
        setattr(connection, DELETING, set())
    return getattr(connection, DELETING)


def _before_delete(sender, instance, **kwargs) -> None:
    if sender is Partner:
        _deleting().add(instance.pk)
    instance._health_partners_before = partners_of(instance)


def _after_delete(sender, instance, **kwargs) -> None:
    if sender is Partner:
        _deleting().discard(instance.pk)
        return  # its summary went with it
    touch(getattr(instance, "_health_partners_before", set()) - _deleting())


def _links_changed(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    """An agreement's or a delegation's partners set through the relation's manager (the import's updates)."""
    if action == "pre_clear":
        instance._health_partners_before = {instance.pk} if reverse else partners_of(instance)
    elif action in ("post_add", "post_remove"):
        touch({instance.pk} if reverse else set(pk_set or ()))
    elif action == "post_clear":
        touch(getattr(instance, "_health_partners_before", set()))


def connect() -> None:
    for model in MOVABLE:
        pre_save.connect(_before_save, sender=model, dispatch_uid=f"health-before-save-{model._meta.label}")
    for model in SOURCES:
        post_save.connect(_after_save, sender=model, dispatch_uid=f"health-after-save-{model._meta.label}")
        pre_delete.connect(_before_delete, sender=model, dispatch_uid=f"health-before-delete-{model._meta.label}")
        post_delete.connect(_after_delete, sender=model, dispatch_uid=f"health-after-delete-{model._meta.label}")
    for through in (AgreementPartner, DelegationPartner):
        m2m_changed.connect(_links_changed, sender=through, dispatch_uid=f"health-links-{through._meta.label}")
