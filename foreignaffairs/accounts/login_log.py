"""Who logged in, out, or failed to, from where and when: one line each on the "foreignaffairs.security" logger.

Government records must be attributable; a log line per login event lets an administrator answer "who was in the
system on that day, and who was guessing passwords". The time is the log record's own timestamp, and also written
into the line so that a log shipper that drops it keeps the fact.
"""

import ipaddress
import logging
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.http import HttpRequest
from django.utils import timezone

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser

logger = logging.getLogger("foreignaffairs.security")

# Django's own limit for a user name (User.username max_length): no account has a longer one.
LONGEST_USERNAME = 150


def client_address(request: HttpRequest | None) -> str:
    """The address the request came from, for the login log and the lockout.

    Behind nginx every request comes from nginx's own address; with BEHIND_PROXY=1 the client's address is read
    from the X-Real-IP header that our nginx block sets (README: Production). Never trusted otherwise, since any
    client can send the header.
    """
    return _valid_ip(request) or "-"


def _valid_ip(request: HttpRequest | None) -> str | None:
    """The client's IP address, or None when the request carries none (test logins, management commands)."""
    if request is None:
        return None
    candidates = [request.META.get("REMOTE_ADDR")]
    if settings.BEHIND_PROXY:
        candidates.insert(0, request.META.get("HTTP_X_REAL_IP"))
    for candidate in candidates:
        try:
            return str(ipaddress.ip_address((candidate or "").strip()))
        except ValueError:
            continue
    return None


def axes_client_ip(request: HttpRequest | None) -> str | None:
    # django-axes stores the address in an IP column, which PostgreSQL checks: never "-" or a malformed header.
    return _valid_ip(request)


def _clip(username: str) -> str:
    # A failed login's user name is whatever an attacker typed: keep the log line one bounded line.
    return repr(str(username)[:LONGEST_USERNAME])


def log_login(sender: type, request: HttpRequest | None, user: "AbstractBaseUser", **kwargs: Any) -> None:
    logger.info("login user=%s address=%s at=%s", _clip(user.get_username()), client_address(request), _now())


def log_logout(sender: type, request: HttpRequest | None, user: "AbstractBaseUser | None", **kwargs: Any) -> None:
    username = user.get_username() if user is not None else ""
    logger.info("logout user=%s address=%s at=%s", _clip(username), client_address(request), _now())


def log_login_failed(sender: str, credentials: dict, request: HttpRequest | None = None, **kwargs: Any) -> None:
    # `credentials` has the password already masked by Django; only the user name is written.
    username = credentials.get("username", "")
    logger.warning("login-failed user=%s address=%s at=%s", _clip(username), client_address(request), _now())


def _now() -> str:
    return timezone.localtime().isoformat(timespec="seconds")


def connect_login_logging() -> None:
    user_logged_in.connect(log_login, dispatch_uid="foreignaffairs.accounts.login_log.login")
    user_logged_out.connect(log_logout, dispatch_uid="foreignaffairs.accounts.login_log.logout")
    user_login_failed.connect(log_login_failed, dispatch_uid="foreignaffairs.accounts.login_log.login_failed")


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
