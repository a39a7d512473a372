"""The two forms a person fills in: a code at login, and the first code of a new authenticator."""

from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from foreignaffairs.accounts.two_factor.policy import matching_step

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser

# Said for every wrong code, whichever kind was typed and whatever made it wrong (expired, used, mistyped, none).
WRONG_CODE = _("Mã không đúng. Hãy nhập mã 6 chữ số đang hiện trong ứng dụng xác thực, hoặc một mã dự phòng chưa dùng.")
THROTTLED = _("Đã nhập sai nhiều lần. Hãy đợi một lát rồi thử lại.")

CODE_ATTRS = {"autocomplete": "one-time-code", "autofocus": True, "autocapitalize": "none", "spellcheck": "false"}


def _typed(value: str) -> str:
    # Codes are read off a phone or a sheet of paper: spaces and capitals are the reader's, not the code's.
    return "".join(value.split()).lower()


class CodeForm(forms.Form):
    """A code from the authenticator app (6 digits) or a backup code, checked against that device alone.

    Each device is throttled by django-otp: after n wrong codes in a row it refuses even a right one for 2^(n-1)
    seconds, and says only that there were too many. The code decides which device is asked, so a wrong
    authenticator code never counts against the backup codes, or the other way round.
    """

    code = forms.CharField(
        label=_("Mã xác thực"),
        max_length=32,
        help_text=_("6 chữ số trong ứng dụng xác thực trên điện thoại, hoặc một mã dự phòng."),
        widget=forms.TextInput(attrs=CODE_ATTRS),
    )

    def __init__(self, user: "AbstractBaseUser", *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.device: Device | None = None

    def clean_code(self) -> str:
        code = _typed(self.cleaned_data["code"])
        model = TOTPDevice if (code.isdigit() and len(code) == 6) else StaticDevice
        outcome = "wrong"
        # The device row is locked while the code is checked, so two requests cannot both use one code or both
        # slip under the throttle. The error is raised after the transaction: raised inside, it would roll back
        # the failure django-otp has just counted.
        with transaction.atomic():
            device = model.objects.select_for_update().filter(user=self.user, confirmed=True).order_by("pk").last()
            if device is not None:
                allowed, _details = device.verify_is_allowed()
                if not allowed:
                    outcome = "throttled"
                elif device.verify_token(code):
                    outcome = "right"
        if outcome == "throttled":
            raise ValidationError(THROTTLED, code="throttled")
        if outcome == "wrong":
            raise ValidationError(WRONG_CODE, code="wrong_code")
        self.device = device
        return code


class EnrolForm(forms.Form):
    """The first code the new authenticator shows: proof that the app holds the secret before it is kept."""

    code = forms.CharField(
        label=_("Mã 6 chữ số đang hiện trong ứng dụng"),
        max_length=16,
        widget=forms.TextInput(attrs={**CODE_ATTRS, "inputmode": "numeric"}),
    )

    def __init__(self, key: str, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.key = key
        self.step: int | None = None

    def clean_code(self) -> str:
        code = _typed(self.cleaned_data["code"])
        self.step = matching_step(self.key, code)
        if self.step is None:
            raise ValidationError(
                _(
                    "Mã chưa khớp. Hãy kiểm tra đã quét đúng mã QR (hoặc gõ đúng khóa bí mật) và giờ trên điện thoại "
                    "là giờ đúng, rồi nhập mã đang hiện."
                ),
                code="wrong_first_code",
            )
        return code
