"""Quick facts: the few things people look up on an information page ("Telefoon: 024 123 45 67",
"Open: ma t/m vr 9.00–17.00"), typed as one "name: value" per line and shown as a list at the
top of the page. Plain text (escaped by the template, never HTML); a Dutch phone number becomes
a link that calls it, a web or e-mail address a link."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_FACTS = 15
MAX_LABEL = 40
MAX_VALUE = 200

# The digits of Dutch numbers people call: 10-digit landline and mobile numbers, 0800/0900
# service numbers, 112, 14 + area code (municipalities), and international numbers with +.
_PHONE_DIGITS = re.compile(r"^(0[1-9]\d{8}|0[89]00\d{4,7}|112|14\d{3,4}|\+\d{9,14})$")
_PHONE_START = re.compile(r"^(\+?\d[\d \-]{1,18}\d)(?=$|[\s(,;])")
_URL = re.compile(r"^https?://[^\s<>\"']+$", re.I)
_EMAIL = re.compile(r"^[^@\s<>\"']+@[^@\s<>\"']+\.[a-z]{2,}$", re.I)


@dataclass(frozen=True)
class Fact:
    label: str
    value: str
    """What the link shows (the number, the address), or the whole value without a link."""
    href: str = ""
    rest: str = ""
    """Text after a linked phone number: "0900-8844 (geen spoed)" → " (geen spoed)"."""


def phone_href(text: str) -> str:
    """``tel:`` link for a Dutch phone number as people write it, else ""."""
    digits = re.sub(r"[ \-]", "", text)
    return f"tel:{digits}" if _PHONE_DIGITS.match(digits) else ""


def _fact(label: str, value: str) -> Fact:
    if _URL.match(value):
        return Fact(label, value, value)
    if _EMAIL.match(value):
        return Fact(label, value, f"mailto:{value}")
    match = _PHONE_START.match(value)
    if match:
        href = phone_href(match.group(1))
        if href:
            return Fact(label, match.group(1), href, value[match.end(1) :])
    return Fact(label, value)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def parse_facts(text: str) -> list[Fact]:
    """The facts of a saved text (lines without a colon are skipped; the form refuses them)."""
    facts = []
    for line in _lines(text):
        label, colon, value = line.partition(":")
        if colon and label.strip() and value.strip():
            facts.append(_fact(label.strip(), value.strip()))
    return facts


def check_facts(text: str) -> str:
    """The facts as typed, one per line, or a ``ValidationError`` that says which line is
    wrong and how to write it."""
    lines = _lines(text)
    if len(lines) > MAX_FACTS:
        raise ValidationError(
            _("Write at most %(count)d quick facts.") % {"count": MAX_FACTS}, code="too_many"
        )
    errors = []
    for number, line in enumerate(lines, start=1):
        label, colon, value = line.partition(":")
        if not colon or not label.strip() or not value.strip():
            errors.append(
                _(
                    "Line %(number)d needs a name, a colon and a value, like "
                    "“Telefoon: 024 123 45 67”."
                )
                % {"number": number}
            )
        elif len(label.strip()) > MAX_LABEL:
            errors.append(
                _("Line %(number)d: the name before the colon can be at most %(max)d characters.")
                % {"number": number, "max": MAX_LABEL}
            )
        elif len(value.strip()) > MAX_VALUE:
            errors.append(
                _("Line %(number)d: the value can be at most %(max)d characters.")
                % {"number": number, "max": MAX_VALUE}
            )
    if errors:
        raise ValidationError(errors, code="invalid")
    return "\n".join(lines)
