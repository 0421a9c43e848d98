"""Factories for neighbourhoods and memberships; importable by every app's tests."""

import io

import factory
from django.utils import timezone
from django_scopes import scopes_disabled
from PIL import Image

from buurtplein.core.models import Membership, Neighbourhood, Postcode, Role


class NeighbourhoodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Neighbourhood
        django_get_or_create = ["slug"]
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Buurt {n}")
    slug = factory.Sequence(lambda n: f"buurt-{n}")
    municipality = "Nijmegen"
    intro_nl = "Welkom op het plein van onze buurt."
    intro_en = "Welcome to the square of our neighbourhood."

    @factory.post_generation
    def pc4(self, create, extracted, **kwargs):
        """Its postcode area: ``pc4=…``, or one of 9000–9899 made from its id. Not the 65xx
        the tests name (Nijmegen's): a made-up one there took the one a later neighbourhood
        of the same test asked for (a postcode belongs to one neighbourhood), depending on
        how many came before in the test process."""
        if create:
            Postcode.objects.get_or_create(
                neighbourhood=self, pc4=extracted or str(9000 + self.pk % 900), pc6=""
            )


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    neighbourhood = factory.SubFactory(NeighbourhoodFactory)
    user = factory.SubFactory("buurtplein.accounts.tests.factories.UserFactory")
    role = Role.RESIDENT
    status = Membership.Status.VERIFIED
    verified_at = factory.LazyFunction(timezone.now)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        with scopes_disabled():
            return super()._create(model_class, *args, **kwargs)


def member(neighbourhood, role=Role.RESIDENT, status=Membership.Status.VERIFIED, **user_kwargs):
    """A user with a membership of ``role`` in ``neighbourhood``; returns the user."""
    from buurtplein.accounts.tests.factories import UserFactory

    user = UserFactory(**user_kwargs)
    MembershipFactory(neighbourhood=neighbourhood, user=user, role=role, status=status)
    return user


def jpeg_bytes(size=(800, 600)) -> bytes:
    """A photo as a phone makes it: the camera make and the place it was taken in its EXIF,
    which every upload must lose."""
    image = Image.new("RGB", size, (200, 80, 40))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[0x8825] = {1: "N", 2: (51.0, 50.0, 24.0), 3: "E", 4: (5.0, 52.0, 12.0)}
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


class RegionFactory(factory.django.DjangoModelFactory):
    """A region; ``neighbourhoods=[…]`` puts neighbourhoods in it."""

    class Meta:
        model = "core.Region"
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Regio {n}")
    slug = factory.Sequence(lambda n: f"regio-{n}")

    @factory.post_generation
    def neighbourhoods(self, create, extracted, **kwargs):
        if create and extracted:
            self.neighbourhoods.add(*extracted)
