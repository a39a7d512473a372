"""What a partner's health is judged from, kept current on every write (foreignaffairs.relationships.summary), so
that a whole list can be judged, filtered and sorted by it without a pass over every record (health.health_case).

Only facts that do not depend on the day: which day is "today" is compared with them at read time, so time passing
moves a partner from active to cooling to dormant without any write.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from partners.models import Partner

# How many steps of each staircase (ContactStep's docstring) the summary holds in its own columns; a partner with
# more (four or more contacts still ahead, a handful at scale 10) has all its steps in ContactStep as well.
STEPS_IN_COLUMNS = 3


def _steps(kind: str) -> dict[str, models.DateField]:
    fields = {}
    for index in range(STEPS_IN_COLUMNS):
        fields[f"{kind}_{index}_from"] = models.DateField(null=True, blank=True)
        fields[f"{kind}_{index}_latest"] = models.DateField(null=True, blank=True)
    return fields


class PartnerHealth(models.Model):
    """A partner's facts for the health rules that do not depend on the day, one row per partner.

    `contact_N_from`/`contact_N_latest` (and `visit_…`): the first STEPS_IN_COLUMNS steps of its contacts' (and
    visits') staircase, oldest first (see ContactStep); `steps_overflow` when there are more, all then also kept in
    ContactStep. The earliest deadline of each kind its overdue items are counted from: the partner has one
    overdue on `today` when the date is before it (the rules of agreements.models.review_overdue_q,
    obligation_past_due_q and delegations' FollowUpQuerySet.past_due, each a plain "< today")."""

    # Computed from the partner's records: a merge of two partners does not move it (partners.merge.links_to).
    derived_from_links = True

    partner = models.OneToOneField(
        Partner, verbose_name=_("đối tác"), on_delete=models.CASCADE, primary_key=True, related_name="health_summary"
    )
    locals().update(_steps("contact"))
    locals().update(_steps("visit"))
    steps_overflow = models.BooleanField(default=False)
    # The earliest next_review_deadline of the agreements in force the partner is party to.
    review_due_by = models.DateField(null=True, blank=True)
    # The earliest due date of the open follow-ups of the partner's delegations.
    follow_up_due_by = models.DateField(null=True, blank=True)
    # The earliest due date of the open commitments of the agreements in force the partner is party to.
    obligation_due_by = models.DateField(null=True, blank=True)
    refreshed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("tóm tắt mức độ hoạt động")
        verbose_name_plural = _("tóm tắt mức độ hoạt động")

    def __str__(self) -> str:
        return str(self.partner_id)


class ContactKind(models.TextChoices):
    CONTACT = "contact", _("liên hệ")
    VISIT = "visit", _("đoàn ra, đoàn vào")


class ContactStep(models.Model):
    """One step of a partner's contacts as a staircase: a contact that has happened once `first_on` is past (a
    partial date's first possible day) and is as recent as `latest_on` (its last possible day).

    "The latest contact that has happened by day T" is the largest latest_on of the steps with first_on on or
    before T. The contacts that had happened on the day the summary was written make one step; each contact still
    ahead then (a planned delegation, a project about to start) that no other outranks makes one more, so that the
    judgement changes on the day it happens without a write (foreignaffairs.relationships.summary.staircase).
    Visits have their own staircase (kind VISIT), as the rules read them on their own.

    Rows here only for the partners whose staircases outgrow PartnerHealth's columns (`steps_overflow`).
    """

    # Computed from the partner's records: a merge of two partners does not move it (partners.merge.links_to).
    derived_from_links = True

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="health_steps")
    kind = models.CharField(max_length=8, choices=ContactKind.choices)
    first_on = models.DateField()
    latest_on = models.DateField()

    class Meta:
        indexes = [models.Index(fields=["kind", "latest_on", "first_on", "partner"], name="contact_step_idx")]

    def __str__(self) -> str:
        return f"{self.partner_id} {self.kind} {self.first_on}–{self.latest_on}"
