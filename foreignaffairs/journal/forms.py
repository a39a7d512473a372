"""The short form on a dashboard page that adds a note about the record the page shows."""

from typing import Any

from django import forms
from django.db.models import Model, Q
from django.utils.translation import gettext_lazy as _

from agreements.models import Agreement
from agreements.uploads import validate_document
from delegations.models import Delegation
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


def people_of(subject: Model) -> Q:
    """Who may be ticked as involved: the people on record around the subject (its partners' contacts, signatories,
    members). Anyone else is added in the admin, whose picker searches every person."""
    if isinstance(subject, Partner):
        return Q(partner=subject) | Q(partner__parent=subject)
    if isinstance(subject, Agreement):
        return Q(partner__agreements=subject) | Q(agreements_signed=subject)
    if isinstance(subject, Delegation):
        return Q(partner__delegations=subject) | Q(memberships__delegation=subject) | Q(delegations_headed=subject)
    return Q(partner__in=[subject.partner_id, subject.channel_id])


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
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "people": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, subject: Model, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        setattr(self.instance, subject_name(subject), subject)
        people = self.fields["people"]
        people.queryset = Person.objects.filter(people_of(subject)).distinct().order_by("full_name", "pk")
        people.help_text = ""
        # Nothing to tick is said plainly rather than shown as an empty box.
        if not people.queryset.exists():
            del self.fields["people"]

    def save_with_file(self, user: Any) -> JournalEntry:
        entry = self.save(commit=False)
        entry.created_by = entry.updated_by = user
        entry.save()
        self.save_m2m()
        uploaded = self.cleaned_data.get("file")
        if uploaded:
            # Untitled: it goes by its stored name, which carries the type its content was accepted as.
            JournalAttachment.objects.create(entry=entry, file=uploaded, created_by=user, updated_by=user)
        return entry
