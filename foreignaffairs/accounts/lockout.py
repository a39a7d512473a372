"""Login lockout: django-axes counting failures per user name and address, with a lockout that doubles.

A lockout per user name alone, or per address alone, lets a stranger lock a real user out: guess five times for
"reviewer" and the reviewer cannot work. So failures are counted per pair (user name, client address), and only
that pair is refused: the real reviewer, at another address, logs in as usual (the address is the client's, read
through the trusted proxy by `client_address`).

Against the guesser the lockout grows instead of standing as one wall: the fifth failure of a pair locks it for
5 minutes, and every failure after a lockout has run out locks it for twice as long as the one before (10, 20,
40 minutes, …, at most a day). Failures are remembered for a week after the last one, so waiting out a lockout
buys one guess, not five; a successful login forgets them (AXES_RESET_ON_SUCCESS). Attempts while locked are
refused without being counted, so a person who retries too early does not lengthen their own lockout.

django-axes' own cool-off is one duration for every pair, also used to delete every older attempt row; this
handler keeps its database records and its signals, and replaces only those two decisions.
"""

from datetime import timedelta

from axes.handlers.database import AxesDatabaseHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Max, QuerySet, Sum
from django.http import HttpRequest
from django.utils import timezone

from foreignaffairs.accounts.client_address import client_ip
from foreignaffairs.accounts.login_log import LONGEST_USERNAME

FIRST_LOCKOUT = timedelta(minutes=5)
LONGEST_LOCKOUT = timedelta(days=1)
# Longer than the longest lockout: otherwise a guesser who waits it out would find the count back at zero.
FAILURES_REMEMBERED = timedelta(days=7)


def lockout_for(failures: int) -> timedelta:
    """How long a pair with this many failures is refused after its last one: nothing below the limit, then 5 min,
    doubling with each failure, at most a day."""
    beyond = failures - settings.AXES_FAILURE_LIMIT
    if beyond < 0:
        return timedelta(0)
    # The cap is reached after 9 doublings; the exponent stays small so that no count overflows a timedelta.
    return min(FIRST_LOCKOUT * 2 ** min(beyond, 16), LONGEST_LOCKOUT)


class BackoffDatabaseHandler(AxesDatabaseHandler):
    """AxesDatabaseHandler whose lockout lasts `lockout_for(failures)` of the pair, not one fixed cool-off."""

    def get_user_attempts(self, request: HttpRequest, credentials: dict | None = None) -> list[QuerySet]:
        now = request.axes_attempt_time or timezone.now()
        current = []
        for attempts in self.filter_user_attempts(request, credentials):
            totals = attempts.aggregate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
            failures = totals["failures"] or 0
            if failures >= settings.AXES_FAILURE_LIMIT:
                ends = totals["last"] + lockout_for(failures)
                if ends <= now:
                    # Served: the failures still count towards the next, longer lockout, but lock nothing now.
                    attempts = attempts.none()
                else:
                    request.lockout_ends = ends
            current.append(attempts)
        return current

    def clean_expired_user_attempts(self, request: HttpRequest | None = None, credentials: dict | None = None) -> int:
        count, _ = AccessAttempt.objects.filter(attempt_time__lte=timezone.now() - FAILURES_REMEMBERED).delete()
        return count


def cool_off(request: HttpRequest | None) -> timedelta:
    """AXES_COOLOFF_TIME: what the lockout page says is left of this pair's lockout, to the second."""
    ends = getattr(request, "lockout_ends", None)
    if ends is None:
        return FIRST_LOCKOUT
    left = max(ends - timezone.now(), timedelta(0))
    return timedelta(seconds=-(-left // timedelta(seconds=1)))


def axes_client_ip(request: HttpRequest | None) -> str | None:
    # django-axes stores the address in an IP column, which PostgreSQL checks: never "-" or a malformed header.
    return client_ip(request)


def axes_username(request: HttpRequest | None, credentials: dict | None) -> str:
    """The user name django-axes counts failures for, cut to what fits its column (varchar 255).

    Without the cut, a hostile 1,000-character user name makes PostgreSQL refuse the row and the login page fail
    with a server error; no real user name is longer than Django's 150 characters anyway.
    """
    if credentials and credentials.get("username"):
        username = credentials["username"]
    else:
        username = request.POST.get("username", "") if request is not None else ""
    return str(username)[:LONGEST_USERNAME]
