"""Sessions end after a working day without activity; the expiry is pushed back at most every few minutes.

SESSION_SAVE_EVERY_REQUEST would do the same by writing the session row on every page view: an UPDATE per request,
the only write on a read-only dashboard, and the kind that queues behind others under load. Writing it again only
when the last refresh is REFRESH_SECONDS old keeps the idle timeout (SESSION_COOKIE_AGE) exact to within those few
minutes, for one write per interval instead of one per request.
"""

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.contrib.auth.signals import user_logged_in
from django.http import HttpRequest, HttpResponse

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser

REFRESH_SECONDS = 5 * 60
REFRESHED_AT = "_refreshed_at"


def stamp_at_login(sender: type, request: HttpRequest | None, user: "AbstractBaseUser", **kwargs: Any) -> None:
    """Logging in writes the session anyway; stamping it then spares the first page a second write."""
    if request is not None and hasattr(request, "session"):
        request.session[REFRESHED_AT] = int(time.time())


def connect_login_stamp() -> None:
    user_logged_in.connect(stamp_at_login, dispatch_uid="foreignaffairs.accounts.sessions.login_stamp")


class SlidingSessionMiddleware:
    """Must come after SessionMiddleware, so the session is marked modified before that one saves it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        # Only a session someone logged into; an anonymous visitor's empty session is never created for this.
        if session is not None and session.accessed and not session.is_empty():
            now = int(time.time())
            if now - session.get(REFRESHED_AT, 0) >= REFRESH_SECONDS:
                session[REFRESHED_AT] = now  # modified: SessionMiddleware saves it with a fresh expiry date
        return response
