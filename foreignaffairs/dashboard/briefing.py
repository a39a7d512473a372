"""The partner briefing ("Bản tóm tắt"): one A4 page of PDF from the partner's dashboard page. Being written."""

from django.http import Http404, HttpRequest, HttpResponse


def partner_briefing(request: HttpRequest, pk: int) -> HttpResponse:
    raise Http404
