"""The journal on the dashboard's detail pages: `{% journal record %}` lists the record's notes and, for an editor,
the short form that adds one; `{% journal record with_notes=False %}` only the form (the partner page shows its
notes in its timeline).

A tag, so the apps' own detail views and templates need not know the journal, which sits in a layer above them.
"""

from typing import Any

from django import template
from django.db.models import Model

from foreignaffairs.accounts.access import can_view
from foreignaffairs.journal.forms import JournalNoteForm, subject_name
from foreignaffairs.journal.models import JournalEntry

register = template.Library()


@register.inclusion_tag("journal/_journal.html", takes_context=True)
def journal(context: template.Context, record: Model, with_notes: bool = True) -> dict[str, Any]:
    user = context["request"].user
    name = subject_name(record)
    notes = []
    if with_notes and can_view(user, JournalEntry):
        # Three queries whatever the number of notes: the notes with their authors, their people, their files.
        notes = list(
            JournalEntry.objects.filter(**{name: record})
            .select_related("created_by")
            .prefetch_related("people", "attachments")
        )
    can_add = user.has_perm("journal.add_journalentry")
    return {
        "request": context["request"],
        "csrf_token": context.get("csrf_token"),
        "record": record,
        "subject": name,
        "with_notes": with_notes,
        "notes": notes,
        "form": JournalNoteForm(subject=record) if can_add else None,
    }
