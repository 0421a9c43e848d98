"""Reads about neighbourhoods and memberships."""

from django.db.models import Count, Q
from django_scopes import scopes_disabled

from buurtplein.core.models import Membership, Neighbourhood, Postcode, parse_postcode


def neighbourhoods_for_front_page():
    """Active neighbourhoods with their verified member counts (one query)."""
    with scopes_disabled():
        return list(
            Neighbourhood.objects.filter(is_active=True)
            .annotate(
                member_count=Count(
                    "memberships", filter=Q(memberships__status=Membership.Status.VERIFIED)
                )
            )
            .order_by("name")
        )


def neighbourhoods_for_postcode(value: str) -> list[Neighbourhood] | None:
    """Neighbourhoods that cover a postcode; None if the value is no Dutch postcode."""
    parsed = parse_postcode(value)
    if parsed is None:
        return None
    pc4, pc6 = parsed
    query = Q(pc4=pc4, pc6="")
    if pc6:
        query |= Q(pc6=pc6)
    ids = Postcode.objects.filter(query).values_list("neighbourhood_id", flat=True)
    return list(Neighbourhood.objects.filter(pk__in=ids, is_active=True).order_by("name"))


def postcode_in_neighbourhood(neighbourhood: Neighbourhood, value: str) -> bool:
    parsed = parse_postcode(value)
    if parsed is None:
        return False
    pc4, pc6 = parsed
    query = Q(pc4=pc4, pc6="")
    if pc6:
        query |= Q(pc6=pc6)
    return Postcode.objects.filter(query, neighbourhood=neighbourhood).exists()


def user_memberships(user) -> list[Membership]:
    """All of a person's memberships, across neighbourhoods (their own data)."""
    if not user.is_authenticated:
        return []
    with scopes_disabled():
        return list(
            Membership.objects.filter(user=user)
            .exclude(status=Membership.Status.REJECTED)
            .select_related("neighbourhood")
            .order_by("neighbourhood__name")
        )


def privacy_contact(neighbourhood: Neighbourhood) -> dict:
    """Who answers privacy questions in ``neighbourhood``: its own contact person when its admin
    filled one in, else the platform's (``settings.BUURTPLEIN_PRIVACY_CONTACT_*``)."""
    from django.conf import settings

    if neighbourhood.has_privacy_contact:
        return {
            "own": True,
            "name": neighbourhood.privacy_contact_name,
            "email": neighbourhood.privacy_contact_email,
            "phone": neighbourhood.privacy_contact_phone,
            "organisation": neighbourhood.privacy_contact_organisation,
        }
    return {
        "own": False,
        "name": settings.BUURTPLEIN_PRIVACY_CONTACT_NAME,
        "email": settings.BUURTPLEIN_PRIVACY_CONTACT_EMAIL,
        "phone": "",
        "organisation": settings.BUURTPLEIN_SITE_NAME,
    }


def retention_table(neighbourhood: Neighbourhood) -> list[dict]:
    """What is removed after a while in ``neighbourhood``, from the same rules the round
    ``enforce_retention`` applies (``core.retention``): the platform's and those of the
    components switched on there. No queries."""
    from buurtplein.core.retention import neighbourhood_rules, platform_rules

    return [
        {"what": rule.label, "kept": rule.kept_text, "why": rule.why}
        for rule in [*neighbourhood_rules(neighbourhood), *platform_rules()]
    ]
