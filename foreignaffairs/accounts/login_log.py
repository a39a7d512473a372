"""Who logged in, out, or failed to, from where and when: one line each on the "foreignaffairs.security" logger.

Government records must be attributable; a log line per login event lets an administrator answer "who was in the
system on that day, and who was guessing passwords". The time is the log record's own timestamp, and also written
into the line so that a log shipper that drops it keeps the fact.
"""

import logging
from typing import TYPE_CHECKING, Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.http import HttpRequest
from django.utils import timezone

from foreignaffairs.accounts.client_address import client_ip

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser

logger = logging.getLogger("foreignaffairs.security")

# Django's own limit for a user name (User.username max_length): no account has a longer one.
LONGEST_USERNAME = 150


def client_address(request: HttpRequest | None) -> str:
    """The client's address for a log line (read through the trusted proxy, `client_address.client_ip`), or "-"."""
    return client_ip(request) or "-"


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
