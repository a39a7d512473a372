"""The periodic foreign-affairs report ("Báo cáo công tác đối ngoại"): a page choosing the period, and the report
as DOCX or PDF. Being written (see foreignaffairs.documents.report)."""

from django.http import Http404, HttpRequest, HttpResponse


def report_page(request: HttpRequest) -> HttpResponse:
    raise Http404
