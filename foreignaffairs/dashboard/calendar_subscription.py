"""The person's own page "Đăng ký lịch": make the secret address of their calendar feed, see it once, reset it.

Only the address's hash is stored (foreignaffairs.models.CalendarFeedToken). The address just made waits in the
server-side session until the page after the redirect shows it, once; reloading that page does not show it again.
Making a new one writes over the old hash, so the old address answers 404 from that moment.
"""

import secrets

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from foreignaffairs.api.auth import hash_key
from foreignaffairs.dashboard.calendar_events import WINDOW_MONTHS_AHEAD, WINDOW_MONTHS_BACK
from foreignaffairs.models import CalendarFeedToken

NEW_ADDRESS = "_calendar_feed_new_address"


def issue_feed_address(request: HttpRequest) -> str:
    """A new secret key for the requesting user's feed, replacing any older one; its full address is returned."""
    key = secrets.token_urlsafe(32)
    CalendarFeedToken.objects.update_or_create(
        user=request.user, defaults={"key_hash": hash_key(key), "language": get_language() or "vi"}
    )
    return request.build_absolute_uri(reverse("dashboard:calendar-feed", args=[key]))


@login_required
@require_http_methods(["GET", "POST"])
def calendar_subscription(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        request.session[NEW_ADDRESS] = issue_feed_address(request)
        return redirect("dashboard:calendar-subscription")
    token = CalendarFeedToken.objects.filter(user=request.user).only("created").first()
    context = {
        "title": _("Đăng ký lịch"),
        "new_address": request.session.pop(NEW_ADDRESS, None),
        "token": token,
        "months_back": WINDOW_MONTHS_BACK,
        "months_ahead": WINDOW_MONTHS_AHEAD,
    }
    return render(request, "dashboard/calendar_subscription.html", context)
