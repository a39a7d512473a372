"""Who must give a second factor, when it is asked for, and how an administrator resets it.

A person logs in with their password as before (Django's login, django-axes, the login log). django-otp's
OTPMiddleware then says whether this session has also been verified by one of the person's devices. Until it has,
SecondFactorMiddleware sends whoever owes a code to the code page, whatever they asked for: the admin, the
dashboards, a document, the API (which answers 403). Asked once, at login, for every page rather than in the admin
only: a reviewer's or administrator's stolen password then opens nothing, and a head of division who gave the code
reads the dashboards without being asked again.

A password alone never replaces a device: enrolling is open only to a session that has no device to verify with,
or that is verified already. So until a person has enrolled (a new account, or after a reset), whoever has their
password can enrol in their place; the README says to reset only when the person is about to log in.
"""

import logging
from binascii import unhexlify
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from foreignaffairs.accounts.login_log import client_address

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.contrib.auth.models import AnonymousUser

logger = logging.getLogger("foreignaffairs.security")

# What makes a reviewer or an administrator (foreignaffairs.accounts.roles): approving reviews (both roles) and
# managing users (administrators). Asked as permissions, which every page reads anyway (one query, cached on the
# user), so the decision costs no query of its own, and a role given during a session counts at once.
GUARDED_PERMISSIONS = ("agreements.approve_review", "auth.change_user")
# Set at login for a person who has enrolled: an editor or viewer who chose a second factor is asked for it too.
ENROLLED_KEY = "_two_factor_enrolled"
# Views a person who owes a code may still open: logging out, the language, the load balancer's probe (and the
# pages of the two_factor namespace themselves).
OPEN_VIEWS = frozenset({"logout", "admin:logout", "set_language", "healthz"})
BACKUP_CODE_COUNT = 10
# The device names are stored, not shown to the person: kept out of the catalogue.
AUTHENTICATOR_NAME = "authenticator"
BACKUP_CODES_NAME = "backup codes"


def requires_second_factor(user: "AbstractBaseUser | AnonymousUser") -> bool:
    """Superusers, reviewers and administrators; not editors and viewers (who may choose to enrol)."""
    return user.is_authenticated and (
        user.is_superuser or any(user.has_perm(permission) for permission in GUARDED_PERMISSIONS)
    )


def is_verified(user: "AbstractBaseUser | AnonymousUser") -> bool:
    """Whether this request's session gave a code (django-otp's OTPMiddleware installs `is_verified`)."""
    return bool(getattr(user, "is_verified", lambda: False)())


def owes_code(request: HttpRequest) -> bool:
    """A logged-in person who must give a code before going anywhere, and has not yet in this session."""
    user = request.user
    if not user.is_authenticated or is_verified(user):
        return False
    # The session first: an enrolled editor is known without reading permissions.
    return request.session.get(ENROLLED_KEY, False) or requires_second_factor(user)


def authenticator(user: "AbstractBaseUser") -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").last()


def backup_codes(user: "AbstractBaseUser") -> list[str]:
    return list(StaticToken.objects.filter(device__user=user).order_by("pk").values_list("token", flat=True))


def new_key() -> str:
    """A new authenticator secret: 20 random bytes, in hex as django-otp stores it."""
    return random_hex(20)


def matching_step(key: str, code: str) -> int | None:
    """The time step at which `code` is the authenticator code of `key` (this one, or one either side), or None."""
    if not (code.isdigit() and len(code) == 6):
        return None
    totp = TOTP(unhexlify(key))
    if not totp.verify(int(code), tolerance=1):
        return None
    return totp.t()


def enrol(user: "AbstractBaseUser", key: str, step: int) -> tuple[TOTPDevice, list[str]]:
    """Keep `key` as the person's authenticator, confirmed by the code of `step`; new backup codes replace the old.

    `last_t` is set to that step so the code just typed to confirm cannot be typed again to log in.
    """
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        device = TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, key=key, confirmed=True, last_t=step)
        codes = new_backup_codes(user)
    return device, codes


def new_backup_codes(user: "AbstractBaseUser") -> list[str]:
    """Ten new single-use codes; the old ones stop working.

    The codes are replaced on the person's one backup-codes device, not with a new device: django-otp remembers the
    device that verified a session, so a session verified by a backup code (the phone lost) stays verified, and
    the person who has just made new codes is not asked for one at once.
    """
    with transaction.atomic():
        device = StaticDevice.objects.filter(user=user).order_by("pk").first() or StaticDevice.objects.create(
            user=user, name=BACKUP_CODES_NAME
        )
        StaticDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.token_set.all().delete()
        codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def reset_second_factor(user: "AbstractBaseUser", by: "AbstractBaseUser", request: HttpRequest | None) -> bool:
    """Remove the person's authenticator and backup codes: they enrol again at their next login.

    Their sessions verified by the removed device are no longer verified (OTPMiddleware finds no device), so they
    are asked again at once. Returns whether they had enrolled.
    """
    with transaction.atomic():
        had = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
    log("reset", user, request, by=by.get_username())
    return had


def log(event: str, user: "AbstractBaseUser", request: HttpRequest | None, **facts: str) -> None:
    """One line on the login log (foreignaffairs.accounts.login_log's logger and format)."""
    extra = "".join(f" {name}={value!r}" for name, value in facts.items())
    at = timezone.localtime().isoformat(timespec="seconds")
    level = logging.WARNING if event in ("failed", "reset") else logging.INFO
    logger.log(
        level,
        "two-factor-%s user=%r%s address=%s at=%s",
        event,
        user.get_username(),
        extra,
        client_address(request),
        at,
    )


def remember_enrolment(sender: type, request: HttpRequest | None, user: "AbstractBaseUser", **kwargs: Any) -> None:
    """user_logged_in receiver: note in the session whether the person has enrolled (asked then, whatever the role)."""
    if request is not None and hasattr(request, "session"):
        if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
            request.session[ENROLLED_KEY] = True
        else:
            request.session.pop(ENROLLED_KEY, None)


def connect_enrolment_check() -> None:
    from django.contrib.auth.signals import user_logged_in

    user_logged_in.connect(remember_enrolment, dispatch_uid="foreignaffairs.accounts.two_factor.enrolment")


class SecondFactorMiddleware:
    """After django_otp's OTPMiddleware: whoever owes a code is sent to give it before any other page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable, view_args: tuple, view_kwargs: dict
    ) -> HttpResponse | None:
        match = request.resolver_match
        if match.view_name in OPEN_VIEWS or "two_factor" in match.namespaces or not owes_code(request):
            return None
        if "api" in match.namespaces:
            # A program reading the API cannot type a code; a person's browser session gets the reason.
            return JsonResponse(
                {"detail": _("Cần nhập mã xác thực hai lớp trên trang đăng nhập trước khi dùng API.")}, status=403
            )
        return redirect_to_login(request.get_full_path(), reverse("two_factor:verify"))
