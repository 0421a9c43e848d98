"""Keeping the navigation's cached glance (``selectors.glance``) true: when who receives
referrals in a neighbourhood may have changed, its generation is made stale.

* an organisation's staff change (either side of the relation, also ``clear()``);
* an organisation joins or leaves a neighbourhood;
* a service is saved or deleted (a new one, or one that moved to another organisation);
* a referral link is made (``actions.link_create``) and a referral about a member is made
  (``actions.referral_create``) — those two call :func:`glance_changed` themselves.

The sociale kaart's ``Service`` is reached through the referral's own foreign key, so this
module imports nothing of socialmap.
"""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save

from buurtplein.accounts.models import Organisation

CHANGES = {"post_add", "post_remove", "pre_clear", "post_clear"}


def glance_changed(neighbourhood_ids) -> None:
    from buurtplein.referrals.selectors import GLANCE

    for pk in set(neighbourhood_ids):
        if pk is not None:
            GLANCE.changed(pk)


def _neighbourhoods_of(organisation_ids) -> list[int]:
    through = Organisation.neighbourhoods.through
    return list(
        through.objects.filter(organisation_id__in=list(organisation_ids)).values_list(
            "neighbourhood_id", flat=True
        )
    )


def _staff_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in CHANGES:
        return
    if not reverse:  # organisation.staff.add(user): instance is the organisation
        organisations = [instance.pk]
    elif pk_set:  # user.organisations.add(organisation)
        organisations = pk_set
    else:  # user.organisations.clear(): before it, the organisations are still there
        organisations = instance.organisations.values_list("pk", flat=True)
    glance_changed(_neighbourhoods_of(organisations))


def _neighbourhoods_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in CHANGES:
        return
    if reverse:  # neighbourhood.organisations.add(…): instance is the neighbourhood
        glance_changed([instance.pk])
    elif pk_set:
        glance_changed(pk_set)
    else:
        glance_changed(instance.neighbourhoods.values_list("pk", flat=True))


def _service_changed(sender, instance, **kwargs):
    glance_changed([instance.neighbourhood_id])


def connect() -> None:
    from buurtplein.referrals.models import Referral

    service = Referral._meta.get_field("service").related_model
    m2m_changed.connect(
        _staff_changed, sender=Organisation.staff.through, dispatch_uid="referrals-glance-staff"
    )
    m2m_changed.connect(
        _neighbourhoods_changed,
        sender=Organisation.neighbourhoods.through,
        dispatch_uid="referrals-glance-neighbourhoods",
    )
    post_save.connect(_service_changed, sender=service, dispatch_uid="referrals-glance-service")
    post_delete.connect(
        _service_changed, sender=service, dispatch_uid="referrals-glance-service-gone"
    )
