"""Money, one way everywhere: amounts read as people type them and written as they read them."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.utils import translation

from buurtplein.core.money import MoneyField, euro


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("12,50", Decimal("12.50")),
        ("€ 1.250", Decimal("1250")),
        ("7.5", Decimal("7.5")),
        ("1.250,75", Decimal("1250.75")),
        ("\u00a025", Decimal("25")),
    ],
)
def test_an_amount_is_read_the_way_people_type_it(typed, amount):
    assert MoneyField(required=False).clean(typed) == amount


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("twee euro", "Write an amount in euros"),
        ("0", "more than 0"),
        ("100001", "at most € 100.000"),
        ("1,255", "at most two digits"),
    ],
)
def test_a_wrong_amount_says_what_to_write(typed, message):
    with translation.override("en"):
        with pytest.raises(ValidationError) as error:
            MoneyField(required=False).clean(typed)
        assert message in " ".join(error.value.messages)


def test_euros_are_written_as_people_read_them_in_each_language():
    with translation.override("nl"):
        assert euro(Decimal("1250")) == "€\u00a01.250"
        assert euro(Decimal("12.5")) == "€\u00a012,50"
    with translation.override("en"):
        assert euro(Decimal("1250")) == "€\u00a01,250"
        assert euro("12.50") == "€\u00a012.50"
    assert euro(None) == ""


def test_the_euro_filter_is_the_same_in_every_template():
    with translation.override("nl"):
        out = Template("{% load money %}{{ amount|euro }}").render(
            Context({"amount": Decimal("3.5")})
        )
    assert out == "€\u00a03,50"
