"""Keeping ``HeldInterest`` — the index of neighbours by interest that the neighbourhood's search
reads — a true copy of the profiles' interests and skills, per membership.

A profile is one per person, shared by every neighbourhood they join, so finding "who here
likes bridge" from the profiles means probing every member's profile (``bench/RESULTS.md``,
eleventh round: 4–8 ms at S). The copy carries the neighbourhood and is looked up by interest.

It is written again:

* when a profile's interests or skills change, whichever side and however (the profile form,
  the admin, ``clear()``): ``m2m_changed`` on both through tables, as the change happens, in
  its transaction;
* when a membership is made (``post_save``);
* by :func:`write` from code that bulk-creates memberships or through rows (``demo.bulk``),
  which sends no signal, and by :func:`rebuild` (the migration that made the table).

Rows go with their membership, profile or interest (cascades). Why signals: this is an index,
not business logic, and ``m2m_changed`` is the one hook for every way a profile changes.
"""

from __future__ import annotations

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_save
from django_scopes import scopes_disabled

from buurtplein.accounts.models import HeldInterest, Profile
from buurtplein.core.models import Membership

THROUGH = {
    HeldInterest.Field.INTERESTS: Profile.interests.through,
    HeldInterest.Field.SKILLS: Profile.skills.through,
}


def write(*, profile_ids=(), membership_ids=()) -> None:
    """Write the rows of these profiles (in every neighbourhood they are a member of) and of
    these memberships again, from the profiles' interests and skills as they are now."""
    profile_ids, membership_ids = list(profile_ids), list(membership_ids)
    if not profile_ids and not membership_ids:
        return
    with scopes_disabled(), transaction.atomic():
        memberships = list(
            Membership.objects.filter(
                Q(pk__in=membership_ids) | Q(user__profile__in=profile_ids)
            ).values_list("pk", "neighbourhood_id", "user__profile")
        )
        HeldInterest.objects.filter(membership_id__in=[pk for pk, _, _ in memberships]).delete()
        of_profile: dict[int, list[tuple[int, str]]] = {}
        profiles = {profile for _, _, profile in memberships if profile is not None}
        for field, through in THROUGH.items():
            held = through.objects.filter(profile_id__in=profiles)
            for profile_id, interest_id in held.values_list("profile_id", "interest_id"):
                of_profile.setdefault(profile_id, []).append((interest_id, field))
        HeldInterest.objects.bulk_create(
            [
                HeldInterest(
                    neighbourhood_id=neighbourhood_id,
                    membership_id=membership_id,
                    profile_id=profile_id,
                    interest_id=interest_id,
                    field=field,
                )
                for membership_id, neighbourhood_id, profile_id in memberships
                for interest_id, field in of_profile.get(profile_id, ())
            ],
            batch_size=2_000,
        )


def rebuild(
    held=HeldInterest, membership=Membership, profile=Profile, *, using=DEFAULT_DB_ALIAS
) -> None:
    """Write every row again, in three statements (``DELETE``, ``INSERT … SELECT`` per field;
    a migration passes its historical models and its database)."""
    connection = connections[using]
    quote = connection.ops.quote_name

    def table(model) -> str:
        return quote(model._meta.db_table)

    def column(model, name: str) -> str:
        return quote(model._meta.get_field(name).column)

    fields = ("neighbourhood", "membership", "profile", "interest", "field")
    columns = ", ".join(column(held, name) for name in fields)
    with transaction.atomic(using=using), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table(held)}")  # noqa: S608 (names from the models' meta)
        for field in HeldInterest.Field.values:
            through = getattr(profile, field).through
            cursor.execute(
                f"INSERT INTO {table(held)} ({columns}) "  # noqa: S608 (names from the meta)
                f"SELECT m.{column(membership, 'neighbourhood')}, m.{column(membership, 'id')}, "
                f"p.{column(profile, 'id')}, t.{column(through, 'interest')}, %s "
                f"FROM {table(membership)} m "
                f"JOIN {table(profile)} p ON p.{column(profile, 'user')} = "
                f"m.{column(membership, 'user')} "
                f"JOIN {table(through)} t "
                f"ON t.{column(through, 'profile')} = p.{column(profile, 'id')}",
                [field],
            )


def _profiles_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:  # profile.interests.add(…), .set(…), .clear(): the instance is the profile
        write(profile_ids=[instance.pk])
    elif action == "post_clear":  # no profile has this interest (in this field) any more
        field = next(f for f, through in THROUGH.items() if through is sender)
        with scopes_disabled():
            HeldInterest.objects.filter(interest=instance, field=field).delete()
    else:  # interest.profiles_with_skill.add(profile, …)
        write(profile_ids=pk_set or ())


def _membership_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        write(membership_ids=[instance.pk])


def connect() -> None:
    for field, through in THROUGH.items():
        m2m_changed.connect(
            _profiles_changed, sender=through, dispatch_uid=f"accounts-held-{field}"
        )
    post_save.connect(_membership_saved, sender=Membership, dispatch_uid="accounts-held-joined")
