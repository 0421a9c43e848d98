"""Money, one way everywhere: the limits of an amount, the form field that reads euros as
people type them, and :func:`euro` that writes them the way people read them (also the
``euro`` template filter of ``{% load money %}``).

Model fields stay plain ``DecimalField(max_digits=9, decimal_places=2,
validators=MONEY_VALIDATORS)``: migrations then depend on Django only.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import formats
from django.utils.translation import gettext_lazy as _

MAX_AMOUNT = Decimal("100000")
"""The largest amount anyone may write (an offer's price, a pledge, an initiative's target)."""
MONEY_VALIDATORS = [MinValueValidator(Decimal("0.01")), MaxValueValidator(MAX_AMOUNT)]


def euro(value) -> str:
    """``€ 1.250`` / ``€ 12,50`` in Dutch, ``€ 1,250`` / ``€ 12.50`` in English; empty for
    no amount."""
    if value in (None, ""):
        return ""
    value = Decimal(value)
    places = 0 if value == value.to_integral_value() else 2
    return "€\u00a0" + formats.number_format(value, places, use_l10n=True, force_grouping=True)


class MoneyField(forms.DecimalField):
    """Euros as people type them: "12,50", "€ 1.250", "7.5"."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 9)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("min_value", Decimal("0.01"))
        kwargs.setdefault("max_value", MAX_AMOUNT)
        kwargs.setdefault(
            "error_messages",
            {
                "invalid": _("Write an amount in euros, like 25 or 12,50."),
                "min_value": _("The amount must be more than 0."),
                "max_value": _("The amount can be at most € 100.000."),
                "max_decimal_places": _("Use at most two digits after the comma."),
                "max_digits": _("The amount can be at most € 100.000."),
                "max_whole_digits": _("The amount can be at most € 100.000."),
            },
        )
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace("€", "").replace(" ", "").replace("\u00a0", "").strip()
            if "," in value:
                value = value.replace(".", "").replace(",", ".")
            elif value.count(".") == 1 and len(value.split(".")[1]) == 3:
                value = value.replace(".", "")  # "1.250" is Dutch for 1250
            if value in ("", "-"):
                value = ""
        try:
            return super().to_python(value)
        except InvalidOperation:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
