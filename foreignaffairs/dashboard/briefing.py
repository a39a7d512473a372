"""The partner briefing ("Bản tóm tắt"): one A4 page of PDF, from the partner's dashboard page, for whoever may read
that page. In the reader's language, or the one the link asks for (?lang=en: the English briefing a Vietnamese
officer hands to a foreign guest); any other language is no page (404), not a briefing in a language we do not have.
"""

from django.http import Http404, HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from agreements.models import Agreement
from delegations.models import Delegation
from foreignaffairs import clock
from foreignaffairs.accounts.access import dashboard_page
from foreignaffairs.documents import pdf
from foreignaffairs.documents.briefing import BUDGETS, read_briefing
from partners.models import Partner
from projects.models import Project

LANGUAGES = ("vi", "en")
# The script of a native name, by the partner's country: Pango picks the Japanese or Korean forms of the glyphs.
NATIVE_LANGUAGES = {"KR": "ko", "JP": "ja", "CN": "zh", "TW": "zh"}


@dashboard_page(Partner, Agreement, Delegation, Project)
def partner_briefing(request: HttpRequest, pk: int) -> HttpResponse:
    language = request.GET.get("lang") or translation.get_language()
    if language not in LANGUAGES:
        raise Http404
    try:
        briefing = read_briefing(pk, clock.today())
    except Partner.DoesNotExist:
        raise Http404 from None
    with translation.override(language):
        common = {
            "LANGUAGE_CODE": language,
            "department": _("Sở Ngoại vụ thành phố Huế"),
            "made_on": briefing.today,
            "native_language": NATIVE_LANGUAGES.get(str(briefing.partner.country.code), ""),
        }
        document = pdf.on_one_page(
            lambda budget: render_to_string("documents/briefing.html", {**common, **briefing.within(budget)}),
            BUDGETS,
        )
    response = HttpResponse(document, content_type=pdf.CONTENT_TYPE)
    # An ASCII name every browser keeps: ban-tom-tat-doi-tac-12.pdf.
    response["Content-Disposition"] = f'attachment; filename="ban-tom-tat-doi-tac-{briefing.partner.pk}-{language}.pdf"'
    return response
