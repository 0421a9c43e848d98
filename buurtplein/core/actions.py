"""Writes about a neighbourhood that its own admin makes (the rest is in the Django admin)."""

from django.db import transaction

from buurtplein.core.audit import log_action
from buurtplein.core.models import Neighbourhood

PRIVACY_CONTACT_FIELDS = (
    "privacy_contact_name",
    "privacy_contact_email",
    "privacy_contact_phone",
    "privacy_contact_organisation",
)


@transaction.atomic
def privacy_contact_update(
    *, actor, neighbourhood: Neighbourhood, name: str, email: str, phone: str, organisation: str
) -> Neighbourhood:
    """Set (or, all empty, clear) the neighbourhood's contact person for privacy questions,
    shown on "Privacy in je buurt"."""
    neighbourhood.privacy_contact_name = name.strip()
    neighbourhood.privacy_contact_email = email.strip()
    neighbourhood.privacy_contact_phone = phone.strip()
    neighbourhood.privacy_contact_organisation = organisation.strip()
    others = [f.name for f in Neighbourhood._meta.fields if f.name not in PRIVACY_CONTACT_FIELDS]
    neighbourhood.clean_fields(exclude=others)
    neighbourhood.save(update_fields=list(PRIVACY_CONTACT_FIELDS))
    log_action(
        actor=actor,
        action="core.privacy_contact.edit",
        target=neighbourhood,
        neighbourhood=neighbourhood,
    )
    return neighbourhood
