"""Merging two records of one partner or one person: every link moves to the record that stays, the other goes.

What links to a record is read from the models, not listed here (partners may not import the apps above it): every
foreign key of any installed model that points to the record's model, a many-to-many's link rows included (an
agreement's partners and signatories, a delegation's partners, members and head, a project's partner and channel,
a partner's contacts and children, its own fields of cooperation, a journal note's partner and people, …). History
rows are the exception: they keep the id they were written with.

- A link the record that stays already has (both were parties to one agreement, both in one delegation) is not
  copied: the rows a unique constraint would refuse are deleted, and counted.
- Moved rows keep their history: a model with history gets a history row per moved row, "changed by the merge";
  their `last_updated` moves on, so a form opened on one of them before the merge is refused as stale.
- The record that stays keeps its own values; a field it left blank takes the other's value (an English name, a
  phone number). Its history gets a row saying what was merged into it.
- The merged record is deleted, with its reason in its last history row: its earlier history rows stay, under its
  id, and the admin's list of deleted records shows it. Deleting rather than keeping it marked "merged" means no
  list, search, count or export has to learn to leave it out, and nothing can link to it again.
- Search texts of the records that linked either are recomputed (foreignaffairs.search.related_text).

All in one transaction, both records locked first. The number of queries depends on the models (a few per kind of
link), not on how many rows link the records, save the links both had, deleted one by one so each writes its
history.
"""

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from simple_history.models import HistoricalChanges

from foreignaffairs.concurrency import for_update
from foreignaffairs.search import related_text

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser

# simple-history's change reason column holds 100 characters.
REASON_LENGTH = 100


@dataclass
class MergeOutcome:
    kept: models.Model
    merged_pk: Any
    merged_name: str
    moved: Counter = field(default_factory=Counter)  # link label: rows moved
    dropped: Counter = field(default_factory=Counter)  # link label: rows the kept record already had
    filled: list[str] = field(default_factory=list)  # verbose names of the kept record's blank fields filled in

    def summary(self) -> str:
        """What the merge did, in one paragraph: the admin's message and its log."""
        parts = [_("Đã gộp “%(merged)s” vào “%(kept)s”.") % {"merged": self.merged_name, "kept": self.kept}]
        if self.moved:
            links = ", ".join(f"{label}: {count}" for label, count in self.moved.items())
            parts.append(_("Liên kết đã chuyển sang bản ghi giữ lại: %(links)s.") % {"links": links})
        if self.dropped:
            links = ", ".join(f"{label}: {count}" for label, count in self.dropped.items())
            parts.append(_("Liên kết bản ghi giữ lại đã có sẵn, bỏ bản trùng: %(links)s.") % {"links": links})
        if self.filled:
            fields = ", ".join(self.filled)
            parts.append(_("Trường còn trống được điền từ bản ghi đã gộp: %(fields)s.") % {"fields": fields})
        return " ".join(parts)


def links_to(model: type[models.Model]) -> list[models.ForeignKey]:
    """Every foreign key (one-to-one included) of an installed model pointing to `model`, history rows' aside: the
    link tables of many-to-many fields too, whichever side declares them.

    A model computed from the links (`derived_from_links = True`: the partners' health summary) is no link of its
    own: it is not moved, counted or shown; the kept record's save at the end of the merge rebuilds it."""
    return [
        relation.field
        for relation in model._meta.get_fields(include_hidden=True)
        if relation.auto_created
        and not relation.concrete
        and (relation.one_to_many or relation.one_to_one)
        and not issubclass(relation.related_model, HistoricalChanges)
        and not getattr(relation.related_model, "derived_from_links", False)
    ]


def link_label(link: models.ForeignKey) -> str:
    """The link in words: the records of a many-to-many ("thỏa thuận", "lĩnh vực hợp tác"), or the linking records
    and the field ("dự án (kênh tài trợ)")."""
    model = link.model
    for owner in _models_with_many_to_many(model):
        for m2m in owner._meta.many_to_many:
            if m2m.remote_field.through is model:
                if m2m.model is link.related_model:  # the record's own many-to-many: its fields of cooperation
                    return str(m2m.verbose_name)
                return str(owner._meta.verbose_name_plural)
    return _("%(records)s (%(field)s)") % {"records": model._meta.verbose_name_plural, "field": link.verbose_name}


def _models_with_many_to_many(through: type[models.Model]) -> list[type[models.Model]]:
    return [
        related.related_model
        for related in through._meta.get_fields()
        if related.many_to_one and related.related_model is not None
    ]


def _unique_sets(link: models.ForeignKey) -> list[tuple[tuple[str, ...], Q]]:
    """The other columns of each unique rule `link` is part of, with the rows it holds for: a row moved to the
    record that stays must not repeat one of its rows on them."""
    model = link.model
    sets: list[tuple[tuple[str, ...], Q]] = []
    if link.unique:
        sets.append(((), Q()))
    for together in model._meta.unique_together:
        if link.name in together:
            sets.append((tuple(name for name in together if name != link.name), Q()))
    for constraint in model._meta.constraints:
        if isinstance(constraint, models.UniqueConstraint) and link.name in constraint.fields:
            others = tuple(name for name in constraint.fields if name != link.name)
            sets.append((others, constraint.condition or Q()))
    return sets


def _reason(text: str) -> str:
    return Truncator(text).chars(REASON_LENGTH)


def merge(kept: models.Model, merged: models.Model, user: "AbstractBaseUser") -> MergeOutcome:
    """Move every link of `merged` to `kept`, fill `kept`'s blank fields from it, delete it; say what was done."""
    model = type(kept)
    if type(merged) is not model or kept.pk == merged.pk:
        raise ValueError("merge() takes two records of one model")
    with transaction.atomic():
        locked = {obj.pk: obj for obj in for_update(model._default_manager.filter(pk__in=[kept.pk, merged.pk]))}
        if len(locked) != 2:
            raise ValidationError(_("Một trong hai bản ghi vừa bị xóa. Hãy tải lại danh sách."), code="merge_gone")
        kept, merged = locked[kept.pk], locked[merged.pk]
        outcome = MergeOutcome(kept, merged.pk, str(merged))
        _refuse_a_loop(kept, merged)
        now = timezone.now()
        reason = _reason(
            _("Gộp #%(merged_id)s “%(merged)s” vào #%(kept_id)s “%(kept)s”")
            % {"merged_id": merged.pk, "merged": merged, "kept_id": kept.pk, "kept": kept}
        )
        for link in links_to(model):
            _move(link, kept, merged, outcome, user, now, reason)
        _fill_blanks(kept, merged, outcome)
        if hasattr(kept, "updated_by_id"):
            kept.updated_by = user
        kept._change_reason = _reason(
            _("Đã gộp #%(merged_id)s “%(merged)s” vào bản ghi này") % {"merged_id": merged.pk, "merged": merged}
        )
        kept.save()
        merged._change_reason = _reason(_("Đã gộp vào #%(kept_id)s “%(kept)s”") % {"kept_id": kept.pk, "kept": kept})
        merged.delete()
        if hasattr(kept, "search_text"):
            related_text.refresh_dependents(model, [kept.pk])
    return outcome


def _refuse_a_loop(kept: models.Model, merged: models.Model) -> None:
    """A record inside the merged one (a district of a city), itself above the one that stays, would end up inside
    it: refused. The merged record directly above the one that stays is not a loop (its parent takes its place)."""
    for link in links_to(type(kept)):
        if link.model is not type(kept):
            continue
        ancestor_pk, seen = getattr(kept, link.attname), {kept.pk}
        if ancestor_pk == merged.pk:
            continue
        while ancestor_pk is not None and ancestor_pk not in seen:
            if ancestor_pk == merged.pk:
                raise ValidationError(
                    _("Không thể gộp: “%(kept)s” nằm trong “%(merged)s” qua một cấp trung gian."),
                    code="merge_loop",
                    params={"kept": kept, "merged": merged},
                )
            seen.add(ancestor_pk)
            ancestor_pk = type(kept)._default_manager.filter(pk=ancestor_pk).values_list(link.attname, flat=True)[0]


def _move(
    link: models.ForeignKey,
    kept: models.Model,
    merged: models.Model,
    outcome: MergeOutcome,
    user: "AbstractBaseUser",
    now: Any,
    reason: str,
) -> None:
    model, label = link.model, link_label(link)
    rows = model._default_manager.filter(**{link.name: merged.pk})
    if model is type(kept):
        rows = rows.exclude(pk=kept.pk)
        if getattr(kept, link.attname) == merged.pk:  # the one that stays was inside the merged one
            above = getattr(merged, link.attname)
            setattr(kept, link.attname, None if above == kept.pk else above)
    for others, condition in _unique_sets(link):
        kept_rows = model._default_manager.filter(condition, **{link.name: kept.pk})
        same = kept_rows.filter(**{name: OuterRef(name) for name in others})
        for row in rows.filter(condition).filter(Exists(same)):
            row._change_reason = reason  # its deletion's history row says why
            row.delete()
            outcome.dropped[label] += 1
    changes: dict[str, Any] = {link.attname: kept.pk}
    if any(f.name == "last_updated" for f in model._meta.concrete_fields):
        changes["last_updated"] = now
    if any(f.name == "updated_by" for f in model._meta.concrete_fields):
        changes["updated_by"] = user
    history_name = getattr(model._meta, "simple_history_manager_attribute", None)
    if history_name is None:
        count = rows.update(**changes)
    else:
        moving = list(rows)
        count = rows.update(**changes)
        for row in moving:
            for name, value in changes.items():
                setattr(row, name, value)
        getattr(model, history_name).bulk_history_create(
            moving, update=True, default_user=user, default_change_reason=reason
        )
    if count:
        outcome.moved[label] += count


def _fill_blanks(kept: models.Model, merged: models.Model, outcome: MergeOutcome) -> None:
    """The kept record's blank fields take the merged one's values; its links (country, organization) stay its own,
    and a unique field is left alone."""
    for model_field in type(kept)._meta.concrete_fields:
        if model_field.primary_key or model_field.is_relation or not model_field.editable or model_field.unique:
            continue
        value = getattr(merged, model_field.attname)
        if getattr(kept, model_field.attname) in (None, "") and value not in (None, ""):
            setattr(kept, model_field.attname, value)
            outcome.filled.append(str(model_field.verbose_name))
