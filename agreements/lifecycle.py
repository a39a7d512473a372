"""The life of an agreement: which status may follow which, and the one function that moves it.

Every move goes through `transition()`, which refuses a move the table does not allow and records who made it,
when and why as an AgreementStatusChange. The admin's buttons, the review workflow and the daily
`refresh_agreements` job all call it, so the table below is the only place the rules live.
"""

import datetime

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from agreements.choices import AgreementStatus as S
from agreements.models import Agreement, AgreementQuerySet, AgreementStatusChange

# The allowed moves, from each status. Beyond the main line (drafting → negotiating → signed → in effect →
# under review → in effect / renewed / amended / terminated; in effect → expired) a real office also needs:
# - drafting → signed: a letter of intent is often signed with no negotiation round;
# - negotiating → drafting: the partner sends the text back for redrafting;
# - drafting / negotiating → terminated: talks are abandoned (there is no separate "abandoned" status);
# - signed → expired / terminated: an agreement may lapse or be denounced before it ever takes effect;
# - in effect → renewed / amended / terminated without a formal review: a partner may propose it;
# - under review → expired: the expiry date passes while the review is still running;
# - expired → renewed: the parties renew an agreement that had lapsed.
# Renewed, amended and terminated are ends: the successor agreement carries the life on.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    S.DRAFTING: (S.NEGOTIATING, S.SIGNED, S.TERMINATED),
    S.NEGOTIATING: (S.DRAFTING, S.SIGNED, S.TERMINATED),
    S.SIGNED: (S.IN_EFFECT, S.EXPIRED, S.TERMINATED),
    S.IN_EFFECT: (S.UNDER_REVIEW, S.RENEWED, S.AMENDED, S.EXPIRED, S.TERMINATED),
    S.UNDER_REVIEW: (S.IN_EFFECT, S.RENEWED, S.AMENDED, S.EXPIRED, S.TERMINATED),
    S.EXPIRED: (S.RENEWED,),
    S.RENEWED: (),
    S.AMENDED: (),
    S.TERMINATED: (),
}


class TransitionRefused(ValidationError):
    """A move the table does not allow. Its message names the moves that are allowed."""


def allowed_targets(status: str) -> tuple[str, ...]:
    return TRANSITIONS.get(status, ())


def is_allowed(from_status: str, to_status: str) -> bool:
    return to_status in allowed_targets(from_status)


def status_label(status: str) -> str:
    return str(S(status).label) if status in S.values else status


def refusal(from_status: str, to_status: str) -> TransitionRefused:
    """Why the table refuses this move, naming the moves it allows (also shown by the admin form before saving)."""
    allowed = allowed_targets(from_status)
    if allowed:
        names = ", ".join(f"“{status_label(status)}”" for status in allowed)
        message = gettext(
            "Không thể chuyển thỏa thuận từ “%(from)s” sang “%(to)s”. "
            "Từ “%(from)s” chỉ có thể chuyển sang: %(allowed)s."
        )
    else:
        names = ""
        message = gettext(
            "Không thể chuyển thỏa thuận từ “%(from)s” sang “%(to)s”: “%(from)s” là trạng thái kết thúc, "
            "không chuyển tiếp được."
        )
    return TransitionRefused(
        message,
        code="transition_not_allowed",
        params={"from": status_label(from_status), "to": status_label(to_status), "allowed": names},
    )


def transition(
    agreement: Agreement,
    to_status: str,
    *,
    by: AbstractBaseUser | None = None,
    reason: str = "",
    at: datetime.datetime | None = None,
) -> AgreementStatusChange:
    """Move `agreement` to `to_status`, or raise TransitionRefused. `by=None` means the system moved it.

    The row is locked and its status read again, so two officers clicking at once cannot both move it from the
    same status. The agreement is saved with save() so that django-simple-history records the change too.
    """
    at = at or timezone.now()
    with transaction.atomic():
        current = Agreement.objects.select_for_update().get(pk=agreement.pk)
        if not is_allowed(current.status, to_status):
            raise refusal(current.status, to_status)
        from_status = current.status
        current.status = to_status
        if by is not None:
            current.updated_by = by
            current._history_user = by
        current._change_reason = reason[:100] if reason else gettext("Chuyển trạng thái")
        current.save()
        change = AgreementStatusChange.objects.create(
            agreement=current,
            from_status=from_status,
            to_status=to_status,
            changed_at=at,
            changed_by=by,
            reason=reason,
        )
    # The caller's copy now matches the database, so a later save() from it does not undo the move.
    agreement.status = current.status
    agreement.last_updated = current.last_updated
    agreement.updated_by_id = current.updated_by_id
    agreement.next_review_on = current.next_review_on
    return change


def record_initial_status(
    agreement: Agreement, *, by: AbstractBaseUser | None = None, at: datetime.datetime | None = None
) -> None:
    """The first line of a new agreement's timeline: the status it was entered with."""
    initial_status_line(agreement, by=by, at=at).save()


def initial_status_line(
    agreement: Agreement, *, by: AbstractBaseUser | None = None, at: datetime.datetime | None = None
) -> AgreementStatusChange:
    """That line, unsaved: the import writes a batch of them at once."""
    return AgreementStatusChange(
        agreement=agreement,
        from_status="",
        to_status=agreement.status,
        changed_at=at or timezone.now(),
        changed_by=by,
        reason=gettext("Tạo hồ sơ thỏa thuận"),
    )


# --- moves made by the calendar --------------------------------------------------------------------------------

EXPIRY_REASON = _("Tự động: đã qua ngày hết hiệu lực (%(date)s).")
EFFECTIVE_REASON = _("Tự động: đã đến ngày có hiệu lực (%(date)s).")


def date_driven_target(agreement: Agreement, today: datetime.date) -> str | None:
    """The status the calendar says `agreement` should have on `today` (a date in Huế), or None to leave it.

    An agreement expiring on 24/11 still binds all of 24/11 and is expired from 25/11. An agreement with no
    effective date stays "signed": the calendar cannot know when it took effect.
    """
    alive = agreement.status in S.alive()
    if alive and agreement.expires_on and agreement.expires_on < today:
        return S.EXPIRED
    if agreement.status == S.SIGNED and agreement.effective_on and agreement.effective_on <= today:
        return S.IN_EFFECT
    return None


def due_for_date_move(today: datetime.date) -> AgreementQuerySet:
    """The agreements `date_driven_target` would move on `today`, selected in the database."""
    return Agreement.objects.filter(
        Q(status__in=S.alive(), expires_on__lt=today) | Q(status=S.SIGNED, effective_on__lte=today)
    )


def apply_date_moves(today: datetime.date, *, at: datetime.datetime | None = None) -> list[AgreementStatusChange]:
    """Move every agreement the calendar says is due; safe to run any number of times a day."""
    changes = []
    for agreement in due_for_date_move(today).order_by("pk"):
        target = date_driven_target(agreement, today)
        if target is None:
            continue
        date = agreement.expires_on if target == S.EXPIRED else agreement.effective_on
        template = EXPIRY_REASON if target == S.EXPIRED else EFFECTIVE_REASON
        reason = str(template) % {"date": date.strftime("%d/%m/%Y")}
        try:
            changes.append(transition(agreement, target, by=None, reason=reason, at=at))
        except TransitionRefused:
            # Another run moved it between our read and our lock; nothing left to do.
            continue
    return changes


def refresh_agreements(now: datetime.datetime | None = None) -> list[AgreementStatusChange]:
    """The daily job at instant `now`: its date is taken in Huế (Asia/Ho_Chi_Minh), not UTC."""
    now = now or timezone.now()
    return apply_date_moves(timezone.localdate(now), at=now)
