"""The short form on a dashboard page that adds a note about the record the page shows."""

from typing import Any

from django import forms
from django.db.models import Model, Q
from django.utils.translation import gettext_lazy as _

from agreements.models import Agreement, AgreementPartner, AgreementSignatory
from agreements.uploads import validate_document
from delegations.models import Delegation, DelegationMember, DelegationPartner
from foreignaffairs.admin.base import stamp
from foreignaffairs.journal.models import JournalAttachment, JournalEntry
from partners.models import Partner, Person
from projects.models import Project

# What a note may be about, by the name its URL uses: /dashboard/journal/<subject>/<pk>/add/.
SUBJECTS: dict[str, type[Model]] = {
    "partner": Partner,
    "agreement": Agreement,
    "delegation": Delegation,
    "project": Project,
}


def subject_name(subject: Model) -> str:
    return next(name for name, model in SUBJECTS.items() if isinstance(subject, model))


def people_around(subject: Model) -> list[int]:
    """Who may be ticked as involved: the people on record around the subject (its partners' contacts, signatories,
    members). Anyone else is added in the admin, whose picker searches every person.

    One query: a UNION of small sets of ids, each read through an index (unordered, since SQLite refuses an ORDER
    BY inside a UNION). An OR of the same conditions over the people table makes PostgreSQL read every person
    (190 ms at national scale, against 5 ms)."""
    if isinstance(subject, Partner):
        partners = Partner.objects.filter(Q(pk=subject.pk) | Q(parent=subject.pk)).values("pk")
        return list(Person.objects.filter(partner__in=partners).values_list("pk", flat=True))
    if isinstance(subject, Agreement):
        partners = AgreementPartner.objects.filter(agreement=subject).values("partner_id")
        return list(
            Person.objects.filter(partner__in=partners)
            .order_by()
            .values_list("pk", flat=True)
            .union(AgreementSignatory.objects.filter(agreement=subject).order_by().values_list("person_id", flat=True))
        )
    if isinstance(subject, Delegation):
        partners = DelegationPartner.objects.filter(delegation=subject).values("partner_id")
        found = Person.objects.filter(partner__in=partners).order_by().values_list("pk", flat=True)
        members = DelegationMember.objects.filter(delegation=subject).order_by().values_list("person_id", flat=True)
        return [*found.union(members), *([subject.head_id] if subject.head_id else [])]
    partners = [pk for pk in (subject.partner_id, subject.channel_id) if pk]
    return list(Person.objects.filter(partner__in=partners).values_list("pk", flat=True))


class JournalNoteForm(forms.ModelForm):
    file = forms.FileField(
        label=_("Tệp đính kèm"),
        required=False,
        validators=[validate_document],
        help_text=_("Không bắt buộc. PDF, DOCX, ODT, JPEG hoặc PNG, tối đa 20 MB; thêm tệp khác trong trang quản trị."),
    )

    class Meta:
        model = JournalEntry
        fields = ("occurred_on", "kind", "summary", "people")
        error_messages = {
            # The field's own message offers "leave it empty if unknown", which a note's required date cannot take.
            "occurred_on": {
                "invalid": _(
                    "Ngày không hợp lệ. Nhập ngày đầy đủ (dd/mm/yyyy), chỉ tháng (mm/yyyy) hoặc chỉ năm (yyyy)."
                ),
            }
        }
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "people": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, subject: Model, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        setattr(self.instance, subject_name(subject), subject)
        people, ids = self.fields["people"], people_around(subject)
        people.queryset = Person.objects.filter(pk__in=ids).order_by("full_name", "pk")
        people.help_text = ""
        # No one to tick: no empty box.
        if not ids:
            del self.fields["people"]

    def save_with_file(self, user: Any) -> JournalEntry:
        entry = self.save(commit=False)
        stamp(entry, user)  # who wrote it, as the admin records it
        entry.save()
        self.save_m2m()
        uploaded = self.cleaned_data.get("file")
        if uploaded:
            # Untitled: it goes by its stored name, which carries the type its content was accepted as.
            attachment = JournalAttachment(entry=entry, file=uploaded)
            stamp(attachment, user)
            attachment.save()
        return entry
