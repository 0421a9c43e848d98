"""Test data for buurthulp (importable by other apps' tests)."""

from __future__ import annotations

import factory
from django.utils import timezone
from django_scopes import scopes_disabled

from buurtplein.accounts.models import Interest
from buurtplein.buurthulp import matching
from buurtplein.buurthulp.models import HelperProfile, HelpMatch, HelpRequest, MatchStatus
from buurtplein.core.models import Membership, Postcode, Role
from buurtplein.core.tests.factories import member


class ScopeFreeFactory(factory.django.DjangoModelFactory):
    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        with scopes_disabled():
            return super()._create(model_class, *args, **kwargs)


def place(neighbourhood, pc6: str, latitude: float, longitude: float) -> str:
    """A PC6 postcode centre in the neighbourhood (for distances)."""
    with scopes_disabled():
        Postcode.objects.update_or_create(
            pc4=pc6[:4],
            pc6=pc6,
            defaults={"neighbourhood": neighbourhood, "latitude": latitude, "longitude": longitude},
        )
    return pc6


def person(neighbourhood, *, role=Role.RESIDENT, postcode: str = "", languages=None, **kwargs):
    """A verified member living in ``postcode`` (their profile's languages, if given)."""
    user = member(neighbourhood, role=role, **kwargs)
    with scopes_disabled():
        Membership.objects.filter(neighbourhood=neighbourhood, user=user).update(postcode=postcode)
    if languages is not None:
        user.profile.languages = list(languages)
        user.profile.save(update_fields=["languages"])
    return user


def make_helper(
    neighbourhood,
    user=None,
    *,
    skills=(),
    interests=(),
    likes_to_do: str = "",
    languages=(),
    availability=(),
    max_distance_km: float = 2.0,
    postcode: str = "",
    active: bool = True,
    **user_kwargs,
) -> HelperProfile:
    """A helper profile (the user is created as a verified member when not given). Skills and
    interests by slug of the curated list."""
    if user is None:
        user = person(neighbourhood, postcode=postcode, **user_kwargs)
    with scopes_disabled():
        profile = HelperProfile.objects.create(
            neighbourhood=neighbourhood,
            user=user,
            active=active,
            likes_to_do=likes_to_do,
            languages=list(languages),
            availability=list(availability),
            max_distance_km=max_distance_km,
        )
        row = {"neighbourhood": neighbourhood}
        profile.skills.set(
            Interest.objects.filter(slug__in=skills, kind="skill"), through_defaults=row
        )
        profile.interests.set(
            Interest.objects.filter(slug__in=interests, kind="interest"), through_defaults=row
        )
    matching.invalidate_pool(neighbourhood.pk)
    return profile


class HelpRequestFactory(ScopeFreeFactory):
    class Meta:
        model = HelpRequest

    neighbourhood = factory.SubFactory("buurtplein.core.tests.factories.NeighbourhoodFactory")
    asker = factory.SubFactory("buurtplein.accounts.tests.factories.UserFactory")
    title = factory.Sequence(lambda n: f"Wie helpt met klusje {n}?")
    text = "Het duurt ongeveer een uur."
    topic = "odd_jobs"
    created_at = factory.LazyFunction(timezone.now)
    updated_at = factory.LazyFunction(timezone.now)


class HelpMatchFactory(ScopeFreeFactory):
    class Meta:
        model = HelpMatch

    request = factory.SubFactory(HelpRequestFactory)
    neighbourhood = factory.SelfAttribute("request.neighbourhood")
    helper = factory.SubFactory("buurtplein.accounts.tests.factories.UserFactory")
    status = MatchStatus.SUGGESTED
    reason = factory.LazyFunction(lambda: [{"kind": "distance", "m": 300}])
