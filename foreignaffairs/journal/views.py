"""Adding a note from a dashboard page, and downloading a note's file."""

from csp.decorators import csp
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from agreements.uploads import DOWNLOAD_CSP, download_response
from foreignaffairs.accounts.access import dashboard_page
from foreignaffairs.journal.forms import SUBJECTS, JournalNoteForm
from foreignaffairs.journal.models import JournalAttachment, JournalEntry


@dashboard_page(JournalEntry)
def add_note(request: HttpRequest, subject: str, pk: int) -> HttpResponse:
    """The short form's own page: where the form on a detail page posts, and where it comes back with its errors and
    everything typed when a field is wrong (the detail page itself is not rebuilt around a bound form)."""
    if subject not in SUBJECTS:
        raise Http404
    if not request.user.has_perm("journal.add_journalentry"):
        raise PermissionDenied
    record = get_object_or_404(SUBJECTS[subject], pk=pk)
    if request.method == "POST":
        form = JournalNoteForm(request.POST, request.FILES, subject=record)
        if form.is_valid():
            entry = form.save_with_file(request.user)
            messages.success(request, _("Đã thêm ghi chép ngày %(date)s.") % {"date": entry.occurred_on})
            if subject == "partner":
                # The partner's timeline is paged: its notes alone put an older note within reach of the first page.
                return redirect(f"{record.get_absolute_url()}?kind=note#journal-{entry.pk}")
            return redirect(entry.get_absolute_url())
    else:
        form = JournalNoteForm(subject=record)
    context = {
        "form": form,
        "subject": record,
        "subject_name": subject,
        # A browser never fills a file input again: say so, rather than let the file go unnoticed.
        "file_to_choose_again": bool(form.errors and request.FILES.get("file") and "file" not in form.errors),
    }
    return render(request, "journal/add_note.html", context)


@dashboard_page(JournalEntry)
@csp(DOWNLOAD_CSP)
def download_attachment(request: HttpRequest, pk: int) -> FileResponse:
    return download_response(get_object_or_404(JournalAttachment, pk=pk).file)
