"""Factories of online help; importable by every app's tests."""

import datetime as dt

import factory

from buurtplein.core.tests.factories import RegionFactory
from buurtplein.onlinehulp.models import (
    Chat,
    ConsultationHour,
    Desk,
    DeskOrganisation,
    code_digest,
    new_code,
    new_token,
    token_digest,
)


class DeskFactory(factory.django.DjangoModelFactory):
    """A desk for a region; ``always_open=True`` gives it hours day and night, every day."""

    class Meta:
        model = Desk
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Chat met de wijk {n}")
    slug = factory.Sequence(lambda n: f"chat-{n}")
    region = factory.SubFactory(RegionFactory)
    intro = "Je kunt hier anoniem chatten met een hulpverlener."

    @factory.post_generation
    def always_open(self, create, extracted, **kwargs):
        if create and extracted:
            for weekday in range(7):
                ConsultationHour.objects.create(
                    desk=self, weekday=weekday, starts=dt.time(0), ends=dt.time(0)
                )


def take_part(desk, organisation, *, coordinators=(), read_along=False) -> DeskOrganisation:
    part = DeskOrganisation.objects.create(
        desk=desk, organisation=organisation, read_along=read_along
    )
    if coordinators:
        part.coordinators.add(*coordinators)
    return part


def new_chat(desk, neighbourhood=None, **fields) -> Chat:
    """A chat of ``desk`` (in ``neighbourhood``, default the region's first); its secret
    token and code are on the object as ``chat.token`` and ``chat.code``."""
    token, code = new_token(), new_code()
    chat = Chat.objects.create(
        desk=desk,
        neighbourhood=neighbourhood or desk.region.neighbourhoods.order_by("pk").first(),
        token_hash=token_digest(token),
        code_hash=code_digest(code),
        **fields,
    )
    chat.token, chat.code = token, code
    return chat
