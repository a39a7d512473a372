"""The second factor's pages: enter a code, enrol an authenticator, see backup codes once, and one's own page.

Every page keeps the `next` address the person was going to, so after the code they land where they asked.
"""

from base64 import b32encode
from binascii import unhexlify
from urllib.parse import urlencode

import django_otp
import segno
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods
from django_otp.plugins.otp_totp.models import TOTPDevice

from foreignaffairs.accounts.two_factor import policy
from foreignaffairs.accounts.two_factor.forms import CodeForm, EnrolForm

# The secret being enrolled lives in the (server-side) session until its first code confirms it: no device row for
# a scan that was never finished, and two sessions never see each other's secret.
NEW_KEY = "_two_factor_new_key"
# Set when backup codes were just made: the next view of the backup codes page shows them, once.
SHOW_CODES = "_two_factor_show_codes"


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return settings.LOGIN_REDIRECT_URL


def _to(name: str, next_url: str) -> HttpResponseRedirect:
    return redirect(f"{reverse(name)}?{urlencode({'next': next_url})}")


@login_required
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    """The code asked after the password."""
    user, next_url = request.user, _next(request)
    if policy.is_verified(user):
        return redirect(next_url)
    if policy.authenticator(user) is None:
        if policy.requires_second_factor(user):
            return _to("two_factor:enrol", next_url)
        # An editor's or viewer's enrolment was reset: nothing to ask any more.
        request.session.pop(policy.ENROLLED_KEY, None)
        return redirect(next_url)
    form = CodeForm(user, request.POST if request.method == "POST" else None)
    if form.is_valid():
        django_otp.login(request, form.device)
        policy.log("verified", user, request)
        return redirect(next_url)
    if form.is_bound:
        policy.log("failed", user, request)
    return render(request, "two_factor/verify.html", {"form": form, "next": next_url, "hide_navigation": True})


@login_required
@require_http_methods(["GET", "POST"])
def enrol(request: HttpRequest) -> HttpResponse:
    """A new authenticator: the QR code and the secret written out, then its first code to confirm it."""
    user, next_url = request.user, _next(request)
    if policy.authenticator(user) is not None and not policy.is_verified(user):
        # A password alone never replaces a device: the code of the present one comes first.
        return _to("two_factor:verify", next_url)
    key = request.session.get(NEW_KEY) or policy.new_key()
    request.session[NEW_KEY] = key
    form = EnrolForm(key, request.POST if request.method == "POST" else None)
    if form.is_valid():
        device, _codes = policy.enrol(user, key, form.step)
        django_otp.login(request, device)
        del request.session[NEW_KEY]
        request.session[policy.ENROLLED_KEY] = True
        request.session[SHOW_CODES] = True
        policy.log("enrolled", user, request)
        return _to("two_factor:backup-codes", next_url)
    unsaved = TOTPDevice(user=user, key=key)
    secret = b32encode(unhexlify(key)).decode()
    context = {
        "form": form,
        "next": next_url,
        "required": policy.requires_second_factor(user),
        "replacing": policy.authenticator(user) is not None,
        "qr_code": segno.make(unsaved.config_url, error="m").svg_data_uri(scale=5, border=2),
        "secret_groups": [secret[i : i + 4] for i in range(0, len(secret), 4)],
        # Until the first code, the pages a required person would reach all lead back here.
        "hide_navigation": not policy.is_verified(user),
    }
    return render(request, "two_factor/enrol.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def backup_codes(request: HttpRequest) -> HttpResponse:
    """GET: the backup codes just made, once. POST (a verified person): ten new codes in place of the old."""
    user, next_url = request.user, _next(request)
    if request.method == "POST":
        if not policy.is_verified(user) or policy.authenticator(user) is None:
            return _to("two_factor:verify", next_url)
        policy.new_backup_codes(user)
        policy.log("new-backup-codes", user, request)
        request.session[SHOW_CODES] = True
        return _to("two_factor:backup-codes", next_url)
    if not request.session.pop(SHOW_CODES, False):
        return redirect("two_factor:manage")
    return render(request, "two_factor/backup_codes.html", {"codes": policy.backup_codes(user), "next": next_url})


@login_required
@require_http_methods(["GET"])
def manage(request: HttpRequest) -> HttpResponse:
    """A person's own page: enrolled or not, backup codes left, enrol (again) or get new backup codes."""
    user = request.user
    if policy.owes_code(request):
        return _to("two_factor:verify", request.get_full_path())
    device = policy.authenticator(user)
    context = {
        "device": device,
        "codes_left": len(policy.backup_codes(user)) if device else 0,
        "required": policy.requires_second_factor(user),
        "next": _next(request),
    }
    return render(request, "two_factor/manage.html", context)
