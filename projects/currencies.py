"""Money exactly as a source reports it: an amount and its ISO 4217 currency, never converted by us.

The articles give "hơn 39 triệu USD (tương đương 981 tỷ đồng)": both figures are the source's own. Converting with
a rate we chose would invent a number, so amounts keep their currency and totals are taken per currency.
"""

import decimal
from typing import Any

import pycountry
from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _


def validate_currency_code(value: str) -> None:
    """Refuse anything that is not an ISO 4217 alphabetic code, naming what was typed."""
    if value and pycountry.currencies.get(alpha_3=value.upper()) is None:
        raise ValidationError(
            _("“%(code)s” không phải mã tiền tệ ISO 4217. Nhập mã 3 chữ cái, ví dụ: USD, VND, KRW, JPY, EUR."),
            code="invalid_currency",
            params={"code": value},
        )


def validate_not_negative(value: decimal.Decimal | None) -> None:
    if value is not None and value < 0:
        raise ValidationError(
            _("Số tiền, số lượng không thể âm (đã nhập %(value)s)."),
            code="negative_amount",
            params={"value": format_amount(value)},
        )


def format_amount(value: decimal.Decimal) -> str:
    """As staff read it: 61.600.000 or 1.234,5 — no trailing ",00" on whole amounts."""
    # normalize() alone would turn 61600000 into 6.16E+7.
    value = value.quantize(decimal.Decimal(1)) if value == value.to_integral_value() else value.normalize()
    return number_format(value, use_l10n=True, force_grouping=True)


def format_money(amount: decimal.Decimal | None, currency: str) -> str:
    if amount is None:
        return ""
    return f"{format_amount(amount)} {currency}".strip()


class CurrencyField(models.CharField):
    """An ISO 4217 code (USD, VND, KRW, …), stored upper-case; blank where no amount is known."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["max_length"] = 3
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> tuple[str, str, list, dict]:
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("max_length", None)
        return name, path, args, kwargs

    def to_python(self, value: object) -> object:
        value = super().to_python(value)
        return value.strip().upper() if isinstance(value, str) else value

    def run_validators(self, value: str) -> None:
        # A mistyped "dollar" must be named by the ISO 4217 check, not cut short by the 3-character limit.
        validate_currency_code(value)
        super().run_validators(value)

    def formfield(self, **kwargs: Any) -> forms.Field:
        # No max_length on the form field, for the same reason; the widget still keeps input short.
        field = super().formfield(**{"max_length": None, **kwargs})
        field.widget.attrs.update({"size": 4, "maxlength": 8, "placeholder": "USD"})
        return field


def format_currency_totals(totals: dict[str, dict[str, decimal.Decimal]]) -> list[dict]:
    """Per-currency rows for a template, from sums per currency (fold_by_currency): never one sum of two currencies."""
    return [
        {
            "currency": currency,
            "committed": format_amount(sums["committed"]),
            "disbursed": format_amount(sums["disbursed"]),
        }
        for currency, sums in totals.items()
    ]
