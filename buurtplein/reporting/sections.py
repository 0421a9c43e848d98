"""The sections of a report, in their order, with their headings: a component's ``Figure``
names its section (``Figure.section``) and the report shows the figures under it, in the order
the components declare them. A section name that is not listed here comes last, under "Other
figures" (so a new component's figures are never lost; add its section here)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

SECTIONS: tuple[tuple[str, object], ...] = (
    ("members", _("Members")),
    ("square", _("The square")),
    ("help", _("Neighbourhood help")),
    ("exchange", _("Offers and requests")),
    ("activities", _("Activities")),
    ("clubs", _("Clubs")),
    ("volunteering", _("Volunteering")),
    ("referrals", _("Referrals")),
    ("onlinehulp", _("Online help")),
    ("feedback", _("Would you recommend us?")),
    ("complaints", _("Complaints")),
    ("registration", _("Professionals' registration")),
)

OTHER = _("Other figures")

ORDER = {name: index for index, (name, _heading) in enumerate(SECTIONS)}
HEADINGS = dict(SECTIONS)


def heading(name: str):
    return HEADINGS.get(name, OTHER)


def order(name: str) -> int:
    return ORDER.get(name, len(SECTIONS))
